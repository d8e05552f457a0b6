package org.ratepayer.payers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.payers.internal.AccountLinks;
import org.ratepayer.shared.passwords.PasswordHasher;
import org.ratepayer.payers.internal.PayerRepository;
import org.ratepayer.payers.internal.PayerTokens;
import org.ratepayer.payments.page.AccountMatch;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registering from a bill, for billers whose CIS does not register their payers (docs/payers.md): the account number
 * and a fact from the bill (the ZIP of the service address, or the amount of the last bill) find the account; an
 * email address, a username and a password make a sign-up, which becomes a user only when the emailed link is
 * followed. The look-up is throttled by its web adapter like the payment page's.
 */
@Service
public class SelfRegistration {

    public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(24);

    private final PayerDirectory directory;
    private final InvoiceQueries invoices;
    private final PayerRepository users;
    private final AccountLinks links;
    private final PayerTokens tokens;
    private final PasswordHasher passwords;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final RenumberedAccounts renumbered;

    public SelfRegistration(PayerDirectory directory, InvoiceQueries invoices, PayerRepository users, AccountLinks links,
            PayerTokens tokens, PasswordHasher passwords, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
            PlatformTransactionManager txManager, RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.directory = directory;
        this.invoices = invoices;
        this.users = users;
        this.links = links;
        this.tokens = tokens;
        this.passwords = passwords;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    /** Whether payers may register themselves: not where the CIS registers everyone (the Daffron template). */
    public boolean allowed(long bid) {
        return !directory.cisIsIdentitySource(bid);
    }

    /**
     * The account, when the fact from the bill matches it: the ZIP of the service address, or the exact amount of the
     * newest bill. Either may be given; an empty one matches nothing.
     */
    public Optional<String> findAccount(long bid, String accountNumber, String zip, BigDecimal lastBillAmount) {
        if (!allowed(bid) || accountNumber == null || accountNumber.isBlank() || accountNumber.length() > 50) {
            return Optional.empty();
        }
        // a number from a bill printed before a conversion registers the account under its new number
        // (docs/conversion-old-numbers.md)
        return invoices.account(bid, renumbered.resolve(bid, accountNumber.strip())).filter(a -> AccountMatch.zipMatches(a.zip(), zip)
                || lastBillAmount != null && invoices.invoices(bid, a.accountNumber()).stream().findFirst()
                        .map(i -> i.totalAmountDue() != null && i.totalAmountDue().compareTo(lastBillAmount) == 0).orElse(false))
                .map(InvoiceQueries.Account::accountNumber);
    }

    /**
     * Records a sign-up for an account found by {@link #findAccount} and emails the confirmation link.
     *
     * @throws PayerRefusal when a field is not acceptable, the username is taken, or the account has all the users it may
     */
    public void start(long bid, String account, String username, String email, String password) {
        requireAllowed(bid);
        PayerRules.require(PayerRules.checkUsername(username));
        PayerRules.require(PayerRules.checkEmail(email));
        PayerRules.require(PayerRules.checkPassword(password, PayerRules.PORTAL_PASSWORD_MIN));
        String hash = passwords.hash(password);
        tx.executeWithoutResult(s -> {
            if (users.find(bid, username).isPresent()) {
                throw usernameTaken();
            }
            PayerRules.require(links.refusal(bid, account, null));
            String token = tokens.fresh();
            Instant expires = clock.instant().plus(CONFIRMATION_LIFETIME);
            jdbc.sql("""
                    insert into payer_signup (token_hash, biller_id, account_number, username, email, password_hash, expires_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    """).params(PayerTokens.hash(token), bid, account, username, email, hash, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))
                    .update();
            events.publishEvent(new SignupConfirmationWanted(bid, username, email, token, expires));
        });
    }

    private record Signup(long signupId, String accountNumber, String username, String email, String passwordHash) {
    }

    /**
     * Confirms a sign-up by its emailed link: the user now exists, holding the account, and the link is used up.
     *
     * @return the new payer, or empty when the link is unknown, used or expired
     * @throws PayerRefusal when the username was taken or the account filled up since the sign-up
     */
    public Optional<Payer> confirm(long bid, String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return tx.execute(s -> jdbc.sql("""
                select signup_id, account_number, username, email, password_hash from payer_signup
                where token_hash = ? and biller_id = ? and confirmed_at is null and expires_at > ? for update
                """).params(PayerTokens.hash(token), bid, now).query(Signup.class).optional().map(signup -> {
                    long userId = users.insert(bid, signup.username(), signup.email(), signup.passwordHash())
                            .orElseThrow(SelfRegistration::usernameTaken);
                    PayerRepository.UserRow user = users.find(bid, userId).orElseThrow();
                    links.link(bid, user, List.of(signup.accountNumber()));
                    jdbc.sql("update payer_signup set confirmed_at = ? where signup_id = ?").params(now, signup.signupId()).update();
                    return users.payer(user);
                }));
    }

    private void requireAllowed(long bid) {
        if (!allowed(bid)) {
            throw new PayerRefusal(Kind.NOT_ALLOWED, "registration_by_cis", null,
                    "payers of this biller are registered by its own customer portal");
        }
    }

    private static PayerRefusal usernameTaken() {
        return new PayerRefusal(Kind.CONFLICT, "username_taken", "username", "this username is taken; choose another");
    }
}
