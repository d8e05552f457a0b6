package org.ratepayer.postings;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds a biller's postings while a conversion re-keys its accounts (docs/conversion.md, "The data pump is held"). The
 * hold is a transaction-scoped PostgreSQL advisory lock: taken by the conversion's transaction, released by its commit or
 * rollback, and by the database itself if the process dies, so a crash can never leave a biller's postings held. The
 * workers' claim takes the same lock shared for each biller it claims for and passes over a biller whose lock it cannot
 * get, so nothing is sent for a held biller; other billers' postings go on.
 */
@Service
public class PumpHold {

    /** The first key of the hold's advisory lock ("Hold"); the second is the biller id. */
    public static final int HOLD_LOCK_CLASS = 0x486f6c64;

    private final JdbcClient jdbc;

    public PumpHold(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the biller's postings until the caller's transaction ends. Waits for claims of the biller's postings being
     * made at this moment (a claim is short); postings already claimed are still pending until delivered, which
     * {@link #openPostings} counts.
     *
     * @throws IllegalStateException outside a transaction, where the hold would end at once
     */
    public void holdInThisTransaction(long bid) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a pump hold lasts as long as a transaction: call it inside one");
        }
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(HOLD_LOCK_CLASS, key(bid)).query((rs, n) -> 1).list();
    }

    /** The biller's postings still to be delivered, pending or parked, by kind: a conversion waits until there are none. */
    public List<String> openPostings(long bid) {
        return jdbc.sql("""
                select kind || ' ' || status || ': ' || count(*) from posting
                where biller_id = ? and status in ('PENDING', 'PARKED') group by kind, status order by kind, status
                """).param(bid).query(String.class).list();
    }

    /** The lock's second key: biller ids are positive; the low 31 bits name the biller (docs/conversion.md). */
    static int key(long bid) {
        return (int) (bid & 0x7fffffffL);
    }
}
