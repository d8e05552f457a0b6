package org.ratepayer.enrolments.internal;

import org.ratepayer.enrolments.EnrolmentChanged;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.ratepayer.payments.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Autopay enrolment per account with its saved method. Enrolling and cancelling post AUTOPAY ON/OFF to
 * the CIS (docs/postings.md); changing the method of an enrolled account is not a change the CIS hears of.
 * Charging on the due date comes with C9.
 */
@Service
public class AutopayService {

    private final AccountRecords accounts;
    private final ApplicationEventPublisher events;
    private final EnrolmentClock clock;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public AutopayService(AccountRecords accounts, ApplicationEventPublisher events, EnrolmentClock clock, JdbcClient jdbc,
            PlatformTransactionManager txManager) {
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
    }

    /** @param changed whether enrolment itself changed (and so was posted to the CIS) */
    public record Result(String accountNumber, boolean enrolled, SavedMethod method, boolean changed) {
    }

    public Result enrol(long bid, String account, SavedMethod method, String actor) {
        return tx.execute(s -> {
            accounts.lock(bid, account);
            boolean was = current(bid, account).isPresent();
            jdbc.sql("""
                    insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, changed_by)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (biller_id, account_number) do update
                    set method = excluded.method, method_token = excluded.method_token, card_brand = excluded.card_brand,
                        last4 = excluded.last4, changed_by = excluded.changed_by, updated_at = now()
                    """).params(bid, account, method.method().name(), method.token(), method.brand(), method.last4(), actor).update();
            if (!was) {
                post(bid, account, true);
            }
            return new Result(account, true, method, !was);
        });
    }

    public Result cancel(long bid, String account, String actor) {
        return tx.execute(s -> {
            accounts.lock(bid, account);
            int n = jdbc.sql("delete from autopay_enrolment where biller_id = ? and account_number = ?").params(bid, account).update();
            if (n == 1) {
                post(bid, account, false);
            }
            return new Result(account, false, null, n == 1);
        });
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
