package org.ratepayer.payers;

import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.shared.passwords.PasswordHasher;
import org.ratepayer.payers.internal.PayerRepository;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed-in payer changing their own email address and password (docs/payers.md). Where the CIS is the identity
 * source (the Daffron template) both belong to the CIS's portal and are refused here; setting 6 hides the email change.
 */
@Service
public class Profile {

    private final PayerDirectory directory;
    private final BillerService billers;
    private final PayerRepository users;
    private final PasswordHasher passwords;
    private final TransactionTemplate tx;

    public Profile(PayerDirectory directory, BillerService billers, PayerRepository users, PasswordHasher passwords,
            PlatformTransactionManager txManager) {
        this.directory = directory;
        this.billers = billers;
        this.users = users;
        this.passwords = passwords;
        this.tx = new TransactionTemplate(txManager);
    }

    public boolean canChangePassword(long bid) {
        return !directory.cisIsIdentitySource(bid);
    }

    public boolean canChangeEmail(long bid) {
        return canChangePassword(bid) && !"1".equals(billers.cachedConfig(bid).setting(ConfigCatalogue.SET_SUPPRESS_CHANGE_EMAIL).orElse("0"));
    }

    public Payer changeEmail(long bid, long userId, String email) {
        if (!canChangeEmail(bid)) {
            throw notHere("email");
        }
        PayerRules.require(PayerRules.checkEmail(email));
        return tx.execute(s -> {
            PayerRepository.UserRow user = users.find(bid, userId).orElseThrow();
            users.setEmail(user.userId(), email);
            return users.payer(users.find(bid, userId).orElseThrow());
        });
    }

    /** Needs the current password, so a session left open is not enough to take the account over. */
    public Payer changePassword(long bid, long userId, String current, String replacement) {
        if (!canChangePassword(bid)) {
            throw notHere("password");
        }
        PayerRepository.UserRow user = users.find(bid, userId).orElseThrow();
        if (!passwords.matches(current, user.passwordHash())) {
            throw new PayerRefusal(Kind.INVALID, "invalid_field", "currentPassword", "the current password is not right");
        }
        PayerRules.checkPassword(replacement, PayerRules.PORTAL_PASSWORD_MIN).ifPresent(v -> {
            throw new PayerRefusal(v.kind(), v.code(), "newPassword", v.message());
        });
        String hash = passwords.hash(replacement);
        return tx.execute(s -> {
            users.setPasswordHash(userId, hash);
            return users.payer(users.find(bid, userId).orElseThrow());
        });
    }

    private static PayerRefusal notHere(String what) {
        return new PayerRefusal(Kind.NOT_ALLOWED, "managed_by_cis", what,
                "your " + what + " is changed on your utility's own website");
    }
}
