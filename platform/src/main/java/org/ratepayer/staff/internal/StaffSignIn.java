package org.ratepayer.staff.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.ratepayer.shared.secrets.SecretCipher;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of a staff sign-in (docs/staff-portal.md, "Signing in"): the password, then a TOTP code from an
 * enrolled authenticator (administrators must enrol one at their first sign-in; others may go without), then a new
 * password when the one they hold was chosen by someone else. Disabled users never get past the password.
 */
@Service
public class StaffSignIn {

    private final StaffRepository repo;
    private final StaffPasswords passwords;
    private final SecretCipher cipher;
    private final StaffAudit audit;
    private final Clock clock;

    public StaffSignIn(StaffRepository repo, StaffPasswords passwords, SecretCipher cipher, StaffAudit audit, Clock clock) {
        this.repo = repo;
        this.passwords = passwords;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** The enabled user of that name and password, or empty (one answer for every failure). */
    public Optional<StaffRepository.Row> password(long bid, String username, String password) {
        Optional<StaffRepository.Row> row = repo.find(bid, username);
        boolean ok = passwords.matches(password, row.map(StaffRepository.Row::passwordHash).orElse(null));
        return ok && row.get().enabled() ? row : Optional.empty();
    }

    public Optional<StaffRepository.Row> user(long bid, long userId) {
        return repo.find(bid, userId);
    }

    /** The user as a signed-in staff member, if still enabled. */
    public Optional<SignedInStaff> current(long bid, long userId) {
        return repo.find(bid, userId).filter(StaffRepository.Row::enabled)
                .map(r -> new SignedInStaff(r.bid(), r.userId(), r.username(), r.role(), r.partnerSupport()));
    }

    /** Whether the code is the user's authenticator's now, used for the first time. */
    public boolean code(StaffRepository.Row user, String code) {
        if (user.totpSecret() == null) {
            return false;
        }
        String secret = cipher.decrypt(user.totpSecret(), context(user.userId()));
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant().getEpochSecond());
        return step.isPresent() && repo.useStep(user.userId(), step.getAsLong());
    }

    /** Keeps a new authenticator's secret once the user has shown, with a code from it, that they hold it. */
    @Transactional
    public boolean enrol(StaffRepository.Row user, String secret, String code) {
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant().getEpochSecond());
        if (step.isEmpty()) {
            return false;
        }
        repo.setTotp(user.userId(), cipher.encrypt(secret, context(user.userId())), step.getAsLong());
        audit.record(staff(user), "staff.enrol-totp", "user " + user.username(), null, null);
        return true;
    }

    public String newSecret() {
        return Totp.newSecret(passwords.random());
    }

    public void signedIn(long userId) {
        repo.signedIn(userId, clock.instant());
    }

    /** Replaces the user's password with one of their own choosing; the reason it is refused, or empty. */
    @Transactional
    public Optional<String> choosePassword(SignedInStaff who, String password, String again) {
        if (password == null || password.length() < StaffPasswords.MIN_LENGTH) {
            return Optional.of("Use at least " + StaffPasswords.MIN_LENGTH + " characters.");
        }
        if (password.length() > StaffPasswords.MAX_LENGTH) {
            return Optional.of("Use at most " + StaffPasswords.MAX_LENGTH + " characters.");
        }
        if (!password.equals(again)) {
            return Optional.of("The two passwords are not the same.");
        }
        repo.setPassword(who.userId(), passwords.hash(password), false);
        audit.record(who, "staff.change-password", "user " + who.username(), null, null);
        return Optional.empty();
    }

    static SignedInStaff staff(StaffRepository.Row r) {
        return new SignedInStaff(r.bid(), r.userId(), r.username(), r.role(), r.partnerSupport());
    }

    static String context(long userId) {
        return "staff user " + userId + " totp";
    }
}
