package org.ratepayer.autopay.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.autopay.UpcomingCharge;
import org.ratepayer.payments.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Autopay's tables ({@code autopay_run}, {@code autopay_attempt}), and the reads of enrolments and scheduled payments
 * a run needs in bulk. Those tables belong to the enrolments module; a run only reads them (and locks a scheduled
 * payment's row while it claims it, so a cancellation is either before the run or after the charge). A scheduled
 * payment's outcome (PAID, FAILED) is written by enrolments itself, through {@code ScheduledPayments.settle}.
 */
@Repository
public class AttemptRepository {

    private final JdbcClient jdbc;

    public AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Run(long id, long bid, LocalDate date, String status, OffsetDateTime startedAt, OffsetDateTime finishedAt, int due) {
    }

    public record Attempt(long id, long bid, String accountNumber, String invoiceNumber, Long scheduledPaymentId, String kind, int attemptNo,
            Long runId, LocalDate runDate, String status, String reason, BigDecimal amount, String idempotencyKey, UUID paymentGuid,
            OffsetDateTime claimedAt) {
    }

    /**
     * An enrolled account with its newest unpaid invoice collected on or before the run date.
     *
     * @param custom10 that invoice's Custom10, in full (option 128 groups by it)
     */
    public record Enrolled(String accountNumber, Method method, String token, BigDecimal maximumAmount, OffsetDateTime enrolledAt,
            String invoiceNumber, LocalDate collectOn, YearMonth cardExpiry, String custom10) {
    }

    public record Scheduled(long id, UUID guid, String accountNumber, String invoiceNumber, LocalDate payOn, BigDecimal amount,
            Method method, String token, YearMonth cardExpiry) {
    }

    public long insertRun(long bid, LocalDate date, String actor, OffsetDateTime now) {
        return jdbc.sql("""
                insert into autopay_run (biller_id, run_date, status, started_by, started_at, heartbeat_at)
                values (?, ?, 'RUNNING', ?, ?, ?) returning run_id""").params(bid, date, actor, now, now).query(Long.class).single();
    }

    /** The running node is alive; answers false once the run is no longer RUNNING (found interrupted meanwhile). */
    public boolean beat(long runId, OffsetDateTime now) {
        return jdbc.sql("update autopay_run set heartbeat_at = ? where run_id = ? and status = 'RUNNING'").params(now, runId).update() == 1;
    }

    /** RUNNING runs of the biller whose node has not beaten since {@code staleBefore}: their node stopped. */
    public int markInterrupted(long bid, OffsetDateTime staleBefore) {
        return jdbc.sql("""
                update autopay_run set status = 'INTERRUPTED', finished_at = heartbeat_at
                where biller_id = ? and status = 'RUNNING' and heartbeat_at < ?""").params(bid, staleBefore).update();
    }

    public void finishRun(long runId, int due, OffsetDateTime now) {
        // a run found interrupted (its node paused beyond the heartbeat's patience) that still got to its end is DONE after all
        jdbc.sql("update autopay_run set status = 'DONE', due_count = ?, finished_at = ?, heartbeat_at = ? where run_id = ?")
                .params(due, now, now, runId).update();
    }

    /** Deletes a run that found nothing due and has no attempt. */
    public void deleteIfIdle(long runId) {
        jdbc.sql("""
                delete from autopay_run r where run_id = ? and due_count = 0
                  and not exists (select 1 from autopay_attempt a where a.run_id = r.run_id)
                """).param(runId).update();
    }

    public Optional<Run> run(long bid, long runId) {
        return jdbc.sql("select * from autopay_run where biller_id = ? and run_id = ?").params(bid, runId)
                .query((rs, n) -> new Run(rs.getLong("run_id"), rs.getLong("biller_id"), rs.getObject("run_date", LocalDate.class),
                        rs.getString("status"), rs.getObject("started_at", OffsetDateTime.class),
                        rs.getObject("finished_at", OffsetDateTime.class), rs.getInt("due_count"))).optional();
    }

    public List<Attempt> attemptsOfRun(long runId) {
        return jdbc.sql("select * from autopay_attempt where run_id = ? order by attempt_id").param(runId).query(AttemptRepository::attempt).list();
    }

    public List<Enrolled> enrolled(long bid, LocalDate runDate) {
        return jdbc.sql("""
                select e.account_number, e.method, e.method_token, e.maximum_amount, e.enrolled_at, i.invoice_number,
                       coalesce(i.autopay_collection_date, i.due_date) as collect_on, pm.exp_month, pm.exp_year, i.custom10
                from autopay_enrolment e
                join lateral (select invoice_number, autopay_collection_date, due_date, custom10 from invoice i
                              where i.biller_id = e.biller_id and i.account_number = e.account_number
                                and i.status in ('OPEN', 'PARTIALLY_PAID')
                              order by i.invoice_date desc, i.invoice_id desc limit 1) i on true
                left join lateral (select exp_month, exp_year from payer_method pm
                                   where pm.biller_id = e.biller_id and pm.token = e.method_token and pm.removed_at is null
                                   order by pm.method_id desc limit 1) pm on true
                where e.biller_id = ? and coalesce(i.autopay_collection_date, i.due_date) <= ?
                order by e.account_number
                """).params(bid, runDate)
                .query((rs, n) -> new Enrolled(rs.getString(1), Method.valueOf(rs.getString(2)), rs.getString(3), rs.getBigDecimal(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, LocalDate.class), expiry(rs),
                        rs.getString(10)))
                .list();
    }

    /**
     * Enrolled accounts whose newest unpaid invoice is collected after {@code after} and on or before {@code through},
     * with no attempt at it yet (docs/autopay.md, "Emails").
     */
    public List<UpcomingCharge> upcoming(long bid, LocalDate after, LocalDate through) {
        return jdbc.sql("""
                select e.account_number, i.invoice_number, coalesce(i.autopay_collection_date, i.due_date) as collect_on,
                       i.total_amount_due, e.method, e.card_brand, e.last4, e.maximum_amount
                from autopay_enrolment e
                join lateral (select invoice_number, autopay_collection_date, due_date, total_amount_due from invoice i
                              where i.biller_id = e.biller_id and i.account_number = e.account_number
                                and i.status in ('OPEN', 'PARTIALLY_PAID')
                              order by i.invoice_date desc, i.invoice_id desc limit 1) i on true
                where e.biller_id = ? and coalesce(i.autopay_collection_date, i.due_date) > ?
                  and coalesce(i.autopay_collection_date, i.due_date) <= ?
                  and not exists (select 1 from autopay_attempt a where a.biller_id = e.biller_id and a.account_number = e.account_number
                                  and a.invoice_number = i.invoice_number and a.scheduled_payment_id is null)
                order by e.account_number
                """).params(bid, after, through)
                .query((rs, n) -> new UpcomingCharge(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4),
                        Method.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getBigDecimal(8)))
                .list();
    }

    public List<Scheduled> scheduled(long bid, LocalDate runDate) {
        return jdbc.sql("""
                select s.scheduled_payment_id, s.scheduled_payment_guid, s.account_number, s.invoice_number, s.pay_on, s.amount,
                       s.method, s.method_token, pm.exp_month, pm.exp_year
                from scheduled_payment s
                left join lateral (select exp_month, exp_year from payer_method pm
                                   where pm.biller_id = s.biller_id and pm.token = s.method_token and pm.removed_at is null
                                   order by pm.method_id desc limit 1) pm on true
                where s.biller_id = ? and s.status = 'SCHEDULED' and s.pay_on <= ?
                  and not exists (select 1 from autopay_attempt a where a.scheduled_payment_id = s.scheduled_payment_id
                                  and a.status <> 'ABANDONED')
                order by s.pay_on, s.scheduled_payment_id
                """).params(bid, runDate)
                .query((rs, n) -> new Scheduled(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getBigDecimal(6), Method.valueOf(rs.getString(7)), rs.getString(8),
                        expiry(rs)))
                .list();
    }

    /** The scheduled payment as it is now, locked until the transaction ends; empty once cancelled or moved past the date. */
    public Optional<Scheduled> lockScheduled(long id, LocalDate runDate) {
        return jdbc.sql("""
                select scheduled_payment_id, scheduled_payment_guid, account_number, invoice_number, pay_on, amount, method, method_token
                from scheduled_payment where scheduled_payment_id = ? and status = 'SCHEDULED' and pay_on <= ? for update
                """).params(id, runDate)
                .query((rs, n) -> new Scheduled(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getBigDecimal(6), Method.valueOf(rs.getString(7)), rs.getString(8), null))
                .optional();
    }

    /** The id a scheduled payment is known by outside (its GUID); null for none (an autopay attempt). */
    public UUID scheduledGuid(Long scheduledPaymentId) {
        if (scheduledPaymentId == null) {
            return null;
        }
        return jdbc.sql("select scheduled_payment_guid from scheduled_payment where scheduled_payment_id = ?").param(scheduledPaymentId)
                .query(UUID.class).optional().orElse(null);
    }

    public List<Attempt> past(long bid, String account, String invoice, Long scheduledPaymentId) {
        return jdbc.sql("""
                select * from autopay_attempt where biller_id = ? and account_number = ? and invoice_number = ?
                  and coalesce(scheduled_payment_id, 0) = ? order by attempt_no
                """).params(bid, account, invoice, scheduledPaymentId == null ? 0L : scheduledPaymentId)
                .query(AttemptRepository::attempt).list();
    }

    /**
     * Claims an attempt, committed at once (the caller holds no transaction, or its own short one): empty when the
     * attempt number is taken or another attempt at the bill is live or approved, whoever made it.
     */
    public Optional<Long> claim(long bid, String account, String invoice, Long scheduledPaymentId, String kind, int attemptNo, long runId,
            LocalDate runDate, BigDecimal amount, String key, OffsetDateTime now) {
        return jdbc.sql("""
                insert into autopay_attempt (biller_id, account_number, invoice_number, scheduled_payment_id, kind, attempt_no, run_id,
                                             run_date, status, amount, idempotency_key, claimed_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, ?, ?)
                on conflict do nothing returning attempt_id
                """).params(bid, account, invoice, scheduledPaymentId, kind, attemptNo, runId, runDate, amount, key, now, now)
                .query(Long.class).optional();
    }

    /** Sets what an attempt came to, once: only an attempt still IN_PROGRESS moves. */
    public boolean finish(long attemptId, String status, String reason, BigDecimal amount, UUID paymentGuid, String message,
            OffsetDateTime now) {
        return jdbc.sql("""
                update autopay_attempt set status = ?, reason = ?, amount = coalesce(?, amount), payment_guid = coalesce(?, payment_guid),
                       message = ?, updated_at = ?
                where attempt_id = ? and status = 'IN_PROGRESS'
                """).params(status, reason, amount, paymentGuid, message, now, attemptId).update() == 1;
    }

    /** Notes the payment an attempt still in progress made (its outcome unknown yet), and the amount it charges. */
    public void note(long attemptId, BigDecimal amount, UUID paymentGuid, String message, OffsetDateTime now) {
        jdbc.sql("""
                update autopay_attempt set amount = coalesce(?, amount), payment_guid = coalesce(?, payment_guid), message = ?, updated_at = ?
                where attempt_id = ? and status = 'IN_PROGRESS'
                """).params(amount, paymentGuid, message, now, attemptId).update();
    }

    public List<Attempt> inProgress(long bid, OffsetDateTime claimedBefore) {
        return jdbc.sql("""
                select * from autopay_attempt where biller_id = ? and status = 'IN_PROGRESS' and claimed_at < ? order by attempt_id
                """).params(bid, claimedBefore).query(AttemptRepository::attempt).list();
    }

    /**
     * Ends the days before {@code date}: a bill whose CIS stayed unreachable through its day is not charged. Answers
     * each bill once (its latest such attempt).
     */
    public List<Attempt> closeUnreachable(long bid, LocalDate date, OffsetDateTime now) {
        return jdbc.sql("""
                update autopay_attempt a set status = 'SKIPPED', reason = 'cis_unreachable', updated_at = ?
                where a.biller_id = ? and a.status = 'CIS_UNREACHABLE' and a.run_date < ?
                returning a.*
                """).params(now, bid, date).query(AttemptRepository::attempt).list();
    }

    private static YearMonth expiry(ResultSet rs) throws SQLException {
        Integer month = (Integer) rs.getObject("exp_month");
        Integer year = (Integer) rs.getObject("exp_year");
        return month == null || year == null ? null : YearMonth.of(year < 100 ? 2000 + year : year, month);
    }

    private static Attempt attempt(ResultSet rs, int n) throws SQLException {
        return new Attempt(rs.getLong("attempt_id"), rs.getLong("biller_id"), rs.getString("account_number"), rs.getString("invoice_number"),
                (Long) rs.getObject("scheduled_payment_id"), rs.getString("kind"), rs.getInt("attempt_no"), (Long) rs.getObject("run_id"),
                rs.getObject("run_date", LocalDate.class), rs.getString("status"), rs.getString("reason"), rs.getBigDecimal("amount"),
                rs.getString("idempotency_key"), rs.getObject("payment_guid", UUID.class), rs.getObject("claimed_at", OffsetDateTime.class));
    }
}
