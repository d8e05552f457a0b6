package org.ratepayer.balances;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.ratepayer.cis.LiveBalance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BalanceRepository {

    private final JdbcClient jdbc;

    public BalanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What is known locally: the account's block flags (the CIS's and its staff's), its last CIS balance, and its newest open invoice. */
    record Known(String accountNumber, boolean blockAch, boolean blockCc, boolean staffBlockAch, boolean staffBlockCc,
            BigDecimal balanceDue, BigDecimal pastDue,
            BigDecimal remainingBalance, BigDecimal remainingDays, OffsetDateTime refreshedAt, BigDecimal invoiceDue,
            BigDecimal invoicePastDue, OffsetDateTime invoiceAt) {

        /**
         * Whether {@code live} is exactly the stored CIS answer: the same amounts, scale included (so
         * 12.34 and 12.340 differ and the new text is stored), and the account's block flags already as
         * the answer implies.
         */
        boolean storedAs(LiveBalance live) {
            BigDecimal remaining = live.prepaid() == null ? null : live.prepaid().remainingBalance();
            BigDecimal days = live.prepaid() == null ? null : live.prepaid().remainingDays();
            return refreshedAt != null && live.balanceDue().equals(balanceDue) && live.pastDue().equals(pastDue)
                    && Objects.equals(remaining, remainingBalance) && Objects.equals(days, remainingDays)
                    && live.blockAch() == blockAch && live.blockCc() == blockCc;
        }
    }

    Optional<Known> known(long bid, String accountNumber) {
        return jdbc.sql("""
                select a.account_number, a.block_ach, a.block_cc, a.staff_block_ach, a.staff_block_cc, b.balance_due, b.past_due, b.remaining_balance,
                       b.remaining_days, b.refreshed_at, i.total_amount_due, i.past_due, i.updated_at
                from account a
                left join account_balance b on b.biller_id = a.biller_id and b.account_number = a.account_number
                left join lateral (
                    select total_amount_due, past_due, updated_at from invoice
                    where biller_id = a.biller_id and account_number = a.account_number and status <> 'SUPERSEDED'
                    order by invoice_date desc, invoice_id desc limit 1) i on true
                where a.biller_id = ? and a.account_number = ?
                """).params(bid, accountNumber)
                .query((rs, n) -> new Known(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getObject(10, OffsetDateTime.class), rs.getBigDecimal(11), rs.getBigDecimal(12),
                        rs.getObject(13, OffsetDateTime.class)))
                .optional();
    }

    /** Stores the CIS's answer and the block flags it implies, in one statement (so one round trip, atomically). */
    public void store(long bid, LiveBalance b, OffsetDateTime at) {
        jdbc.sql("""
                with flags as (
                    update account set block_ach = :blockAch, block_cc = :blockCc, updated_at = now()
                    where biller_id = :bid and account_number = :account and (block_ach <> :blockAch or block_cc <> :blockCc)
                )
                insert into account_balance (biller_id, account_number, balance_due, past_due, remaining_balance,
                                             remaining_days, refreshed_at)
                values (:bid, :account, :due, :pastDue, :remaining, :days, :at)
                on conflict (biller_id, account_number) do update set
                    balance_due = excluded.balance_due, past_due = excluded.past_due,
                    remaining_balance = excluded.remaining_balance, remaining_days = excluded.remaining_days,
                    refreshed_at = excluded.refreshed_at
                """)
                .param("bid", bid).param("account", b.accountNumber()).param("due", b.balanceDue()).param("pastDue", b.pastDue())
                .param("remaining", b.prepaid() == null ? null : b.prepaid().remainingBalance())
                .param("days", b.prepaid() == null ? null : b.prepaid().remainingDays())
                .param("at", at).param("blockAch", b.blockAch()).param("blockCc", b.blockCc())
                .update();
    }

    /**
     * Moves the stored answer's {@code refreshed_at} to {@code at}, only if the row still holds
     * {@code b} and the account still has its block flags; false when either changed since they were
     * read (a concurrent refresh or staff action), for the caller to {@link #store} the answer instead.
     * A plain update of one row: cheaper for the server than {@link #store}'s upsert and flag check,
     * and most refreshes find the balance as it was.
     */
    boolean confirm(long bid, LiveBalance b, OffsetDateTime at) {
        return jdbc.sql("""
                update account_balance b set refreshed_at = :at
                where b.biller_id = :bid and b.account_number = :account
                  and b.balance_due = :due and b.past_due = :pastDue
                  and b.remaining_balance is not distinct from :remaining and b.remaining_days is not distinct from :days
                  and exists (select 1 from account a where a.biller_id = b.biller_id and a.account_number = b.account_number
                              and a.block_ach = :blockAch and a.block_cc = :blockCc)
                """)
                .param("bid", bid).param("account", b.accountNumber()).param("due", b.balanceDue()).param("pastDue", b.pastDue())
                .param("remaining", b.prepaid() == null ? null : b.prepaid().remainingBalance(), Types.NUMERIC)
                .param("days", b.prepaid() == null ? null : b.prepaid().remainingDays(), Types.NUMERIC)
                .param("at", at).param("blockAch", b.blockAch()).param("blockCc", b.blockCc())
                .update() == 1;
    }

    public void recordFailure(long bid, String accountNumber, String operation, String kind, String message) {
        jdbc.sql("insert into cis_call_failure (biller_id, account_number, operation, kind, message) values (?, ?, ?, ?, ?)")
                .params(bid, accountNumber, operation, kind, message).update();
    }
}
