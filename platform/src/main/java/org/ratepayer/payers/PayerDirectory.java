package org.ratepayer.payers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.payers.internal.AccountLinks;
import org.ratepayer.shared.passwords.PasswordHasher;
import org.ratepayer.payers.internal.PayerRepository;
import org.ratepayer.payers.internal.PayerRepository.UserRow;
import org.ratepayer.payers.internal.PayerTokens;
import org.ratepayer.payers.internal.PayerTokens.Purpose;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payer identity, the module's public surface (docs/payers.md): users and the accounts they hold, as the CIS
 * registers them; passwords; single-use sign-on and password tokens. Every change is idempotent: the same call
 * twice leaves the same state and answers the same.
 */
@Service
public class PayerDirectory {

    /** A sign-on token lives at most this long: the CIS mints it the moment it sends the payer over. */
    public static final Duration SSO_LIFETIME = Duration.ofMinutes(2);
    /** An emailed password link. */
    public static final Duration PASSWORD_LINK_LIFETIME = Duration.ofHours(24);

    /** What a registration did: created the user or found it, and the user as it now is. */
    public record Registration(boolean created, Payer payer) {
    }

    /** Whether the biller has the account, and who holds it (seed "User Registration"). */
    public record AccountRegistration(String accountNumber, boolean exists, boolean registered, List<String> users) {
    }

    /** A sign-on token, shown once. */
    public record SsoToken(String token, Instant expiresAt, String target) {
        @Override
        public String toString() {
            return "SsoToken[expiresAt=" + expiresAt + ", target=" + target + "]";
        }
    }

    /** A redeemed sign-on token: who, and where to land. */
    public record SignOn(Payer payer, String target) {
    }

    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final PayerRepository users;
    private final PayerTokens tokens;
    private final AccountLinks links;
    private final PasswordHasher passwords;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final RenumberedAccounts renumbered;

    public PayerDirectory(BillerService billers, InvoiceQueries invoices, PayerRepository users, PayerTokens tokens,
            AccountLinks links, PasswordHasher passwords, ApplicationEventPublisher events, PlatformTransactionManager txManager,
            RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.billers = billers;
        this.invoices = invoices;
        this.users = users;
        this.tokens = tokens;
        this.links = links;
        this.passwords = passwords;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
    }

    /**
     * Registers a user with all the given accounts: creates it if new (with the password if one is given, else
     * emailing a link to set one), links the accounts it does not hold yet, and takes the email address the CIS
     * sends as the user's. Nothing changes unless every account can be linked.
     */
    public Registration register(long bid, String username, String email, List<String> accounts, String password) {
        PayerRules.require(PayerRules.checkUsername(username));
        PayerRules.require(PayerRules.checkEmail(email));
        List<String> wanted = accountList(bid, accounts);
        if (password != null) {
            PayerRules.require(PayerRules.checkPassword(password, PayerRules.CIS_PASSWORD_MIN));
        }
        wanted.forEach(a -> requireAccount(bid, a));
        String hash = password == null ? null : passwords.hash(password);
        return tx.execute(s -> {
            Optional<Long> inserted = users.insert(bid, username, email, hash);
            UserRow user = users.lock(bid, username).orElseThrow();
            if (inserted.isEmpty()) {
                if (!user.email().equals(email)) {
                    users.setEmail(user.userId(), email);
                }
                if (hash != null) {
                    users.setPasswordHash(user.userId(), hash);
                }
            }
            links.link(bid, user, wanted);
            if (inserted.isPresent() && hash == null) {
                wantPasswordLink(bid, user.userId(), user.username(), email, PasswordLinkWanted.Reason.NEW_USER);
            }
            return new Registration(inserted.isPresent(), users.payer(users.find(bid, user.userId()).orElseThrow()));
        });
    }

    /** Links accounts to an existing user; those it holds already are left as they are. */
    public Payer linkAccounts(long bid, String username, List<String> accounts) {
        List<String> wanted = accountList(bid, accounts);
        wanted.forEach(a -> requireAccount(bid, a));
        return tx.execute(s -> {
            UserRow user = users.lock(bid, username).orElseThrow(() -> userNotFound(bid, username));
            links.link(bid, user, wanted);
            return users.payer(user);
        });
    }

    /** Unlinks one account from a user; unlinking one it does not hold changes nothing. */
    public Payer unlinkAccount(long bid, String username, String account) {
        return tx.execute(s -> {
            UserRow user = users.lock(bid, username).orElseThrow(() -> userNotFound(bid, username));
            users.unlink(user.userId(), account);
            return users.payer(user);
        });
    }

    /**
     * Takes the account from every user that holds it, as a conveyance to a new owner does (docs/conveyance.md): the
     * users stay, with their other accounts; open co-owner invitations to the account and unconfirmed sign-ups from its
     * bill are withdrawn. In the caller's transaction when there is one.
     *
     * @return the users that held it, as they were before (oldest link first); empty when nobody did
     */
    public List<Payer> removeAccountFromAllUsers(long bid, String account) {
        return tx.execute(s -> {
            users.lockAccount(bid, account);
            List<Payer> held = users.holderRows(bid, account).stream().map(users::payer).toList();
            users.unlinkEveryone(bid, account);
            return held;
        });
    }

    public Payer changeEmail(long bid, String username, String email) {
        PayerRules.require(PayerRules.checkEmail(email));
        return tx.execute(s -> {
            UserRow user = users.lock(bid, username).orElseThrow(() -> userNotFound(bid, username));
            users.setEmail(user.userId(), email);
            return users.payer(users.find(bid, user.userId()).orElseThrow());
        });
    }

    /** A password the CIS's portal set, pushed to us. */
    public Payer changePassword(long bid, String username, String password) {
        PayerRules.require(PayerRules.checkPassword(password, PayerRules.CIS_PASSWORD_MIN));
        String hash = passwords.hash(password);
        return tx.execute(s -> {
            UserRow user = users.lock(bid, username).orElseThrow(() -> userNotFound(bid, username));
            users.setPasswordHash(user.userId(), hash);
            return users.payer(user);
        });
    }

    public Optional<Payer> find(long bid, String username) {
        return users.find(bid, username).map(users::payer);
    }

    public Optional<Payer> find(long bid, long userId) {
        return users.find(bid, userId).map(users::payer);
    }

    public AccountRegistration registration(long bid, String account) {
        boolean exists = invoices.account(bid, account).isPresent();
        List<String> holders = users.holders(bid, account);
        return new AccountRegistration(account, exists, !holders.isEmpty(), holders);
    }

    /**
     * Mints a single-use sign-on token for the user, landing on {@code target} when it is a path of this biller's
     * portal (else its home).
     */
    public SsoToken mintSignOn(long bid, String username, String target) {
        UserRow user = users.find(bid, username).orElseThrow(() -> userNotFound(bid, username));
        String landing = PayerRules.safeTarget(bid, target);
        PayerTokens.Minted m = tokens.mint(bid, user.userId(), Purpose.SSO, landing, SSO_LIFETIME);
        return new SsoToken(m.token(), m.expiresAt(), landing);
    }

    /** Uses up a sign-on token of this biller; empty when it is unknown, used or expired. */
    public Optional<SignOn> redeemSignOn(long bid, String token) {
        return tokens.redeem(bid, token, Purpose.SSO)
                .flatMap(r -> find(bid, r.userId()).map(p -> new SignOn(p, PayerRules.safeTarget(bid, r.target()))));
    }

    /** Checks a username and password; empty for any mismatch, in about the same time whether or not the user exists. */
    public Optional<Payer> authenticate(long bid, String username, String password) {
        Optional<UserRow> user = username == null || username.length() > 100 ? Optional.empty() : users.find(bid, username);
        boolean matches = passwords.matches(password, user.map(UserRow::passwordHash).orElse(null));
        return matches ? user.map(users::payer) : Optional.empty();
    }

    /**
     * Emails a password link to the user named, or to every user with that email address; says nothing about whether
     * any exists, so the page answers the same either way.
     */
    public void requestPasswordReset(long bid, String usernameOrEmail) {
        if (usernameOrEmail == null || usernameOrEmail.isBlank() || usernameOrEmail.length() > 254) {
            return;
        }
        tx.executeWithoutResult(s -> {
            List<UserRow> found = new ArrayList<>();
            users.find(bid, usernameOrEmail.strip()).ifPresent(found::add);
            if (found.isEmpty() && usernameOrEmail.contains("@")) {
                found.addAll(users.byEmail(bid, usernameOrEmail.strip()));
            }
            found.forEach(u -> wantPasswordLink(bid, u.userId(), u.username(), u.email(), PasswordLinkWanted.Reason.RESET));
        });
    }

    /** Whether a password link is still good (its page shows the form only then). */
    public boolean passwordLinkUsable(long bid, String token) {
        return tokens.usable(bid, token, Purpose.SET_PASSWORD);
    }

    /**
     * Sets the password from an emailed link, using the link up.
     *
     * @return the payer, or empty when the link is unknown, used or expired
     * @throws PayerRefusal when the password is not acceptable (the link is then left usable)
     */
    public Optional<Payer> setPasswordWithLink(long bid, String token, String password) {
        PayerRules.require(PayerRules.checkPassword(password, PayerRules.PORTAL_PASSWORD_MIN));
        String hash = passwords.hash(password);
        return tx.execute(s -> tokens.redeem(bid, token, Purpose.SET_PASSWORD).flatMap(r -> users.find(bid, r.userId())).map(u -> {
            users.setPasswordHash(u.userId(), hash);
            return users.payer(u);
        }));
    }

    /** Whether the biller's users are managed by its CIS (the Daffron template): no sign-up, email or password change here. */
    public boolean cisIsIdentitySource(long bid) {
        return "daffron".equals(billers.cachedBiller(bid).template());
    }

    private void wantPasswordLink(long bid, long userId, String username, String email, PasswordLinkWanted.Reason reason) {
        PayerTokens.Minted m = tokens.mint(bid, userId, Purpose.SET_PASSWORD, null, PASSWORD_LINK_LIFETIME);
        events.publishEvent(new PasswordLinkWanted(bid, userId, username, email, m.token(), m.expiresAt(), reason));
    }

    /**
     * The accounts named, each once, under its current number: the CIS may register a payer with a number its
     * conversion replaced, and the payer then holds the account under its new one (docs/conversion-old-numbers.md).
     */
    private List<String> accountList(long bid, List<String> accounts) {
        if (accounts == null || accounts.isEmpty()) {
            throw new PayerRefusal(Kind.INVALID, "invalid_field", "accounts", "name at least one account");
        }
        if (accounts.size() > 100) {
            throw new PayerRefusal(Kind.INVALID, "invalid_field", "accounts", "at most 100 accounts in one call");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            String a = accounts.get(i);
            if (a == null || a.isBlank() || a.length() > 50) {
                throw new PayerRefusal(Kind.INVALID, "invalid_field", "accounts[" + i + "]", "must be an account number");
            }
            unique.add(renumbered.resolve(bid, a.strip()));
        }
        return List.copyOf(unique);
    }

    private void requireAccount(long bid, String account) {
        if (invoices.account(bid, account).isEmpty()) {
            throw new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "accounts", "biller " + bid + " has no account " + account);
        }
    }

    private static PayerRefusal userNotFound(long bid, String username) {
        return new PayerRefusal(Kind.NOT_FOUND, "user_not_found", "username", "biller " + bid + " has no user " + username);
    }

}
