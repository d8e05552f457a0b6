package org.ratepayer.notifications.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The email_message table: every email, recorded before it is sent, with how the send went. */
@Repository
public class EmailHistory {

    private static final String SEPARATOR = ", ";
    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;

    public EmailHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new row's id; empty when this payment already has an email of this kind (its outcome was announced twice). */
    public Optional<Long> queue(OutgoingEmail e) {
        return jdbc.sql("""
                insert into email_message (biller_id, account_number, kind, recipients, subject, body_text, body_html,
                                           status, payment_guid)
                values (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)
                on conflict (payment_guid, kind) where payment_guid is not null do nothing
                returning email_id
                """).params(e.bid(), e.accountNumber(), e.kind().name(), String.join(SEPARATOR, e.recipients()), e.subject(),
                        e.text(), e.html(), e.paymentGuid())
                .query(Long.class).optional();
    }

    /**
     * Records an email told once per event (the autopay emails' send ledger, docs/autopay.md): the new row's id, or
     * empty when the biller's history already has an email for {@code eventKey} (or for the payment and kind), whoever
     * wrote it. Committed on its own when the caller holds no transaction, so the ledger entry exists before SMTP is tried.
     */
    public Optional<Long> queueOnce(OutgoingEmail e, String eventKey) {
        return jdbc.sql("""
                insert into email_message (biller_id, account_number, kind, recipients, subject, body_text, body_html,
                                           status, payment_guid, event_key)
                values (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)
                on conflict do nothing
                returning email_id
                """).params(e.bid(), e.accountNumber(), e.kind().name(), String.join(SEPARATOR, e.recipients()), e.subject(),
                        e.text(), e.html(), e.paymentGuid(), eventKey)
                .query(Long.class).optional();
    }

    /**
     * Claims a row for one SMTP attempt (docs/notices.md, "Delivery"): QUEUED, or FAILED with its retry due, becomes
     * SENDING with the claim's time and one more attempt, committed before SMTP is tried. Only one caller wins a row, so
     * the dispatcher and the retry sweep of any node never both send it.
     *
     * @return the attempt's number, or empty when someone else claimed the row or it is not (or no longer) due
     */
    public Optional<Integer> claim(long id, Instant now) {
        return jdbc.sql("""
                update email_message set status = 'SENDING', claimed_at = ?, attempts = attempts + 1, next_attempt_at = null
                where email_id = ? and (status = 'QUEUED' or (status = 'FAILED' and next_attempt_at <= ?))
                returning attempts
                """).params(ts(now), id, ts(now)).query(Integer.class).optional();
    }

    public void sent(long id) {
        jdbc.sql("update email_message set status = 'SENT', sent_at = now(), error = null where email_id = ? and status = 'SENDING'")
                .param(id).update();
    }

    /** @param nextAttempt when to try again, or null: it stays FAILED */
    public void failed(long id, String error, Instant nextAttempt) {
        jdbc.sql("""
                update email_message set status = 'FAILED', error = ?, next_attempt_at = ?
                where email_id = ? and status in ('QUEUED', 'SENDING')
                """).params(trim(error), nextAttempt == null ? null : ts(nextAttempt), id).update();
    }

    /**
     * Rows claimed before {@code claimedBefore} and still SENDING: their process died while the SMTP server had the
     * email, and nobody can tell whether it was delivered. They become FAILED for good, never resent.
     *
     * @return how many
     */
    public int abandonStaleSends(Instant claimedBefore) {
        return jdbc.sql("""
                update email_message set status = 'FAILED', error = ?, next_attempt_at = null
                where status = 'SENDING' and claimed_at < ?
                """).params(OUTCOME_UNKNOWN, ts(claimedBefore)).update();
    }

    static final String OUTCOME_UNKNOWN = "outcome unknown: the process sending it stopped mid-send; not resent, so that it is never"
            + " delivered twice";

    /** A row to send again, as it was recorded (without the sender's name, which is the biller's). */
    public record Stored(long id, OutgoingEmail email) {
    }

    /**
     * The retry sweep's work: FAILED rows whose next attempt is due, and QUEUED rows written before {@code queuedBefore}
     * that no dispatcher took (their process died after the commit), oldest first.
     */
    public List<Stored> due(Instant now, Instant queuedBefore, int limit) {
        return jdbc.sql("""
                select email_id, biller_id, account_number, kind, recipients, subject, body_text, body_html, payment_guid
                from email_message
                where (status = 'FAILED' and next_attempt_at <= ?) or (status = 'QUEUED' and created_at < ?)
                order by email_id
                limit ?
                """).params(ts(now), ts(queuedBefore), limit)
                .query((rs, n) -> new Stored(rs.getLong(1), new OutgoingEmail(rs.getLong(2), rs.getString(3),
                        EmailKind.valueOf(rs.getString(4)), Arrays.asList(rs.getString(5).split(SEPARATOR)), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getObject(9, UUID.class), null)))
                .list();
    }

    private static String trim(String error) {
        return error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    /** Newest first. */
    public List<EmailRecord> forAccount(long bid, String accountNumber, int limit) {
        return jdbc.sql("""
                select email_id, account_number, kind, recipients, subject, body_text, status, error, payment_guid,
                       created_at, sent_at, attempts, next_attempt_at
                from email_message where biller_id = ? and account_number = ?
                order by created_at desc, email_id desc
                limit ?
                """).params(bid, accountNumber, limit)
                .query((rs, n) -> new EmailRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Arrays.asList(rs.getString(4).split(SEPARATOR)), rs.getString(5), rs.getString(6),
                        EmailStatus.valueOf(rs.getString(7)), rs.getString(8), rs.getObject(9, UUID.class),
                        rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class), rs.getInt(12),
                        rs.getObject(13, OffsetDateTime.class)))
                .list();
    }
}
