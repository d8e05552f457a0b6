package org.ratepayer.reports.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports' SQL. Read-only, every query filtered on the biller; "taken" payments are APPROVED, SETTLED or PENDING (money the
 * biller has or is being paid, posted to the CIS: docs/ach.md), the same set the batches count. Days are the biller's: the database converts each timestamp with the
 * biller's zone name before cutting it into days.
 */
@Repository
public class ReportQueries {

    static final String TAKEN = "('APPROVED', 'SETTLED', 'PENDING')";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    public ReportQueries(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(5_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    /** Taken payments per biller day, channel and method; a payment of several accounts counts once, for its total. */
    public record DayTotal(LocalDate day, String channel, String method, long payments, BigDecimal amount, BigDecimal fees) {
    }

    public List<DayTotal> paymentsByDay(long bid, ZoneId zone, Instant start, Instant end) {
        return jdbc.sql("""
                select (created_at at time zone :zone)::date as day, channel, method, count(*) as payments, sum(amount) as amount,
                       sum(fee) as fees
                from payment
                where biller_id = :bid and created_at >= :start and created_at < :end and status in %s
                group by 1, 2, 3 order by 1, 2, 3
                """.formatted(TAKEN)).param("zone", zone.getId()).param("bid", bid).param("start", utc(start)).param("end", utc(end))
                .query((rs, n) -> new DayTotal(rs.getObject("day", LocalDate.class), rs.getString("channel"), rs.getString("method"),
                        rs.getLong("payments"), rs.getBigDecimal("amount"), rs.getBigDecimal("fees")))
                .list();
    }

    /** One allocation of a taken payment, in export order. */
    public record ExportRow(long paymentId, String account, String invoice, BigDecimal amount, Instant paidAt, String channel,
            String method, String last4, UUID allocationGuid) {
    }

    public List<ExportRow> exportRows(long bid, Instant start, Instant end) {
        return jdbc.sql("""
                select p.payment_id, a.account_number, a.invoice_number, a.amount, p.created_at, p.channel, p.method, p.last4,
                       a.allocation_guid
                from payment p join payment_allocation a on a.payment_id = p.payment_id
                where p.biller_id = :bid and p.created_at >= :start and p.created_at < :end and p.status in %s
                order by p.created_at, p.payment_id, a.position
                """.formatted(TAKEN)).param("bid", bid).param("start", utc(start)).param("end", utc(end))
                .query((rs, n) -> new ExportRow(rs.getLong("payment_id"), rs.getString("account_number"), rs.getString("invoice_number"),
                        rs.getBigDecimal("amount"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("channel"),
                        rs.getString("method"), rs.getString("last4"), rs.getObject("allocation_guid", UUID.class)))
                .list();
    }

    /** One line of the customer change log: a recorded change, or a conveyance. */
    public record Change(Instant at, String account, String change, String oldValue, String newValue, String username, String actor) {
    }

    public List<Change> changes(long bid, Instant start, Instant end) {
        return jdbc.sql("""
                select changed_at as at, account_number, kind, old_value, new_value, username, actor, 0 as src, change_id as id
                from customer_change
                where biller_id = :bid and changed_at >= :start and changed_at < :end
                union all
                select conveyed_at, account_number, 'CONVEYED', old_customer_name, new_customer_name,
                       array_to_string(users_removed, ' '), actor, 1, conveyance_id
                from account_conveyance
                where biller_id = :bid and conveyed_at >= :start and conveyed_at < :end
                order by at, src, id
                """).param("bid", bid).param("start", utc(start)).param("end", utc(end))
                .query((rs, n) -> new Change(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("account_number"),
                        rs.getString("kind"), rs.getString("old_value"), rs.getString("new_value"), emptyToNull(rs.getString("username")),
                        rs.getString("actor")))
                .list();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** One account's standing, for the customer status report. */
    public record Status(String account, String customerName, int registeredUsers, boolean paperless, boolean autopay) {
    }

    /**
     * Hands every account's status to {@code each}, by account number, as the rows arrive: in a read-only transaction
     * with a fetch size, so PostgreSQL sends a million accounts in batches rather than all at once.
     */
    public void statuses(long bid, Consumer<Status> each) {
        readOnly.executeWithoutResult(tx -> streaming.query("""
                select a.account_number, a.customer_name,
                       (select count(*) from payer_account pa where pa.biller_id = a.biller_id and pa.account_number = a.account_number) as users,
                       coalesce(pe.enrolled, false) as paperless,
                       ae.account_number is not null as autopay
                from account a
                left join paperless_enrolment pe on pe.biller_id = a.biller_id and pe.account_number = a.account_number
                left join autopay_enrolment ae on ae.biller_id = a.biller_id and ae.account_number = a.account_number
                where a.biller_id = ?
                order by a.account_number
                """, (RowCallbackHandler) rs -> each.accept(new Status(rs.getString("account_number"), rs.getString("customer_name"),
                rs.getInt("users"), rs.getBoolean("paperless"), rs.getBoolean("autopay"))), bid));
    }

    /** The ids of the biller's autopay runs for dates in the range, oldest first. */
    public List<Long> autopayRunIds(long bid, LocalDate from, LocalDate to) {
        return jdbc.sql("select run_id from autopay_run where biller_id = ? and run_date between ? and ? order by run_date, run_id")
                .params(bid, from, to).query(Long.class).list();
    }

    /** Taken payments per biller day and channel, or per day and method ({@code column}), for the charts. */
    public record DayCount(LocalDate day, String key, long payments, BigDecimal amount) {
    }

    public List<DayCount> dailyBy(String column, long bid, ZoneId zone, Instant start, Instant end) {
        if (!"channel".equals(column) && !"method".equals(column)) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("""
                select (created_at at time zone :zone)::date as day, %s as key, count(*) as payments, sum(amount) as amount
                from payment
                where biller_id = :bid and created_at >= :start and created_at < :end and status in %s
                group by 1, 2 order by 1, 2
                """.formatted(column, TAKEN)).param("zone", zone.getId()).param("bid", bid).param("start", utc(start))
                .param("end", utc(end))
                .query((rs, n) -> new DayCount(rs.getObject("day", LocalDate.class), rs.getString("key"), rs.getLong("payments"),
                        rs.getBigDecimal("amount")))
                .list();
    }

    /** How many of the biller's accounts are on paperless and on autopay. */
    public record Adoption(long accounts, long paperless, long autopay) {
    }

    public Adoption adoption(long bid) {
        return jdbc.sql("""
                select (select count(*) from account where biller_id = :bid) as accounts,
                       (select count(*) from paperless_enrolment where biller_id = :bid and enrolled) as paperless,
                       (select count(*) from autopay_enrolment where biller_id = :bid) as autopay
                """).param("bid", bid)
                .query((rs, n) -> new Adoption(rs.getLong("accounts"), rs.getLong("paperless"), rs.getLong("autopay"))).single();
    }

    /** The postings' state: pending per kind with the oldest pending's creation, parked, and delivered since a moment. */
    public record PendingKind(String kind, long pending, Instant oldest) {
    }

    public List<PendingKind> pendingByKind(long bid) {
        return jdbc.sql("""
                select kind, count(*) as pending, min(created_at) as oldest from posting
                where biller_id = ? and status = 'PENDING' group by kind order by kind
                """).params(bid)
                .query((rs, n) -> new PendingKind(rs.getString("kind"), rs.getLong("pending"),
                        rs.getObject("oldest", OffsetDateTime.class).toInstant()))
                .list();
    }

    public long parked(long bid) {
        return jdbc.sql("select count(*) from posting where biller_id = ? and status = 'PARKED'").params(bid).query(Long.class).single();
    }

    public long deliveredSince(long bid, Instant since) {
        return jdbc.sql("select count(*) from posting where biller_id = ? and status = 'DELIVERED' and delivered_at >= ?")
                .params(bid, utc(since)).query(Long.class).single();
    }
}
