package org.ratepayer.enrolments.internal;

import org.ratepayer.enrolments.EnrolmentChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Paperless billing per account. The CIS hears of a change only (EBILL Y/N), never of a repeat. */
@Service
public class PaperlessService {

    private final AccountRecords accounts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    public PaperlessService(AccountRecords accounts, ApplicationEventPublisher events, PlatformTransactionManager txManager,
            JdbcClient jdbc) {
        this.accounts = accounts;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.jdbc = jdbc;
    }

    /** @param changed false when the account already was in that state (nothing stored, nothing posted) */
    public record Result(String accountNumber, boolean enrolled, boolean changed) {
    }

    public Result set(long bid, String account, boolean enrolled, String actor) {
        return set(bid, account, enrolled, actor, EnrolmentChanged.Origin.RATEPAYER);
    }

    /** @param origin where the change was made; one made in the CIS is recorded and not posted back to it */
    public Result set(long bid, String account, boolean enrolled, String actor, EnrolmentChanged.Origin origin) {
        return tx.execute(s -> {
            accounts.lock(bid, account);
            boolean current = accounts.paperless(bid, account).orElse(false);
            if (current == enrolled) {
                return new Result(account, enrolled, false);
            }
            jdbc.sql("""
                    insert into paperless_enrolment (biller_id, account_number, enrolled, changed_by) values (?, ?, ?, ?)
                    on conflict (biller_id, account_number) do update
                    set enrolled = excluded.enrolled, changed_at = now(), changed_by = excluded.changed_by
                    """).params(bid, account, enrolled, actor).update();
            events.publishEvent(new EnrolmentChanged.Paperless(bid, account, enrolled, origin));
            return new Result(account, enrolled, true);
        });
    }

    public boolean enrolled(long bid, String account) {
        return accounts.paperless(bid, account).orElse(false);
    }
}
