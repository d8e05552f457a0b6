package org.ratepayer.enrolments.internal;

import org.ratepayer.enrolments.AchAuthorization;
import org.ratepayer.enrolments.EnrolmentChanged;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.PaymentRuleViolation;
import org.ratepayer.payments.PaymentRules;
import org.ratepayer.shared.web.Refusal;
import org.springframework.context.ApplicationEventPublisher;
import org.ratepayer.payments.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Autopay enrolment per account with its saved method, an optional maximum, and for a bank account the debit
 * authorization (docs/payers.md). Enrolling and cancelling post AUTOPAY ON/OFF to the CIS (docs/postings.md);
 * changing the method or the maximum of an enrolled account is not a change the CIS hears of.
 */
@Service
public class AutopayService {

    private final AccountRecords accounts;
    private final BillerService billers;
    private final ApplicationEventPublisher events;
    private final EnrolmentClock clock;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public AutopayService(AccountRecords accounts, BillerService billers, ApplicationEventPublisher events, EnrolmentClock clock,
            JdbcClient jdbc, PlatformTransactionManager txManager) {
        this.accounts = accounts;
        this.billers = billers;
        this.events = events;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
    }

    /** @param changed whether enrolment itself changed (and so was posted to the CIS) */
    public record Result(String accountNumber, boolean enrolled, SavedMethod method, BigDecimal maximumAmount, boolean changed) {
    }

    /** What an enrolled account's autopay is: its method and, when the payer set one, the most it charges. */
    public record Enrolment(SavedMethod method, BigDecimal maximumAmount) {
    }

    /**
     * Enrols the account (or changes its method and maximum). A bank account needs the payer's authorization; it
     * replaces (revokes) the one before, which is kept.
     *
     * @param maximumAmount the most one bill may be charged, or null for no limit
     */
    public Result enrol(long bid, String account, SavedMethod method, BigDecimal maximumAmount, AchAuthorization authorization,
            String actor) {
        if (method.method() == Method.ACH && authorization == null) {
            throw new EnrolmentException(Refusal.Kind.INVALID, "invalid_field", "achAuthorization",
                    "a bank account needs the payer's authorization of the debits");
        }
        if (maximumAmount != null) {
            try {
                PaymentRules.checkAmount(maximumAmount, billers.cachedConfig(bid).maximumPayment());
            } catch (PaymentRuleViolation v) {
                throw new EnrolmentException(Refusal.Kind.INVALID, v.code(), "maximumAmount", v.getMessage());
            }
        }
        return tx.execute(s -> {
            accounts.lock(bid, account);
            boolean was = current(bid, account).isPresent();
            jdbc.sql("""
                    insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, maximum_amount, changed_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (biller_id, account_number) do update
                    set method = excluded.method, method_token = excluded.method_token, card_brand = excluded.card_brand,
                        last4 = excluded.last4, maximum_amount = excluded.maximum_amount, changed_by = excluded.changed_by,
                        updated_at = now()
                    """).params(bid, account, method.method().name(), method.token(), method.brand(), method.last4(), maximumAmount, actor)
                    .update();
            revokeAuthorizations(bid, account);
            if (authorization != null && method.method() == Method.ACH) {
                jdbc.sql("""
                        insert into ach_authorization (biller_id, account_number, last4, terms, agreed_at, agreed_from, agreed_by)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """).params(bid, account, method.last4(), authorization.terms(),
                        authorization.agreedAt() == null ? clock.now(bid) : OffsetDateTime.ofInstant(authorization.agreedAt(), ZoneOffset.UTC),
                        authorization.agreedFrom(),
                        authorization.agreedBy()).update();
            }
            if (!was) {
                post(bid, account, true);
            }
            return new Result(account, true, method, maximumAmount, !was);
        });
    }

    public Result cancel(long bid, String account, String actor) {
        return tx.execute(s -> {
            accounts.lock(bid, account);
            int n = jdbc.sql("delete from autopay_enrolment where biller_id = ? and account_number = ?").params(bid, account).update();
            revokeAuthorizations(bid, account);
            if (n == 1) {
                post(bid, account, false);
            }
            return new Result(account, false, null, null, n == 1);
        });
    }

    /**
     * The username of the payer who enrolled: the portal user who set autopay with a method from their wallet (a wallet's
     * token is that user's alone) and is recorded as having done so. Empty when autopay is off or was set through the API,
     * so that no payer whose username happens to read like an API caller ("operator") is taken for the enroller.
     */
    public Optional<String> enrolledBy(long bid, String account) {
        return jdbc.sql("""
                select u.username from autopay_enrolment e
                join payer_method pm on pm.biller_id = e.biller_id and pm.token = e.method_token
                join payer_user u on u.user_id = pm.user_id and u.username = e.changed_by
                where e.biller_id = ? and e.account_number = ?
                order by pm.method_id desc limit 1
                """).params(bid, account).query(String.class).optional();
    }

    public Optional<String> setBy(long bid, String account) {
        return jdbc.sql("select changed_by from autopay_enrolment where biller_id = ? and account_number = ?")
                .params(bid, account).query(String.class).optional();
    }

    /** The authorization in force for the account's autopay, if it pays by bank account. */
    public Optional<AchAuthorization> authorization(long bid, String account) {
        return jdbc.sql("""
                select terms, agreed_at, agreed_from, agreed_by from ach_authorization
                where biller_id = ? and account_number = ? and revoked_at is null order by authorization_id desc limit 1
                """).params(bid, account).query((rs, n) -> new AchAuthorization(rs.getString(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4))).optional();
    }

    public Optional<Enrolment> enrolment(long bid, String account) {
        return jdbc.sql("""
                select method, method_token, card_brand, last4, maximum_amount from autopay_enrolment where biller_id = ? and account_number = ?
                """).params(bid, account).query((rs, n) -> new Enrolment(new SavedMethod(Method.valueOf(rs.getString("method")),
                        rs.getString("method_token"), rs.getString("card_brand"), rs.getString("last4")), rs.getBigDecimal("maximum_amount")))
                .optional();
    }

    private void revokeAuthorizations(long bid, String account) {
        jdbc.sql("update ach_authorization set revoked_at = ? where biller_id = ? and account_number = ? and revoked_at is null")
                .params(clock.now(bid), bid, account).update();
    }

    public Optional<SavedMethod> current(long bid, String account) {
        return jdbc.sql("select method, method_token, card_brand, last4 from autopay_enrolment where biller_id = ? and account_number = ?")
                .params(bid, account)
                .query((rs, n) -> new SavedMethod(Method.valueOf(rs.getString("method")), rs.getString("method_token"),
                        rs.getString("card_brand"), rs.getString("last4"))).optional();
    }

    private void post(long bid, String account, boolean enrolled) {
        String location = accounts.serviceLocation(bid, account);
        events.publishEvent(new EnrolmentChanged.Autopay(bid, account, location, enrolled, clock.now(bid)));
    }
}
