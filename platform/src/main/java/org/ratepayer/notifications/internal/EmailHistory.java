package org.ratepayer.notifications.internal;

import java.time.OffsetDateTime;
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

    public void sent(long id) {
        jdbc.sql("update email_message set status = 'SENT', sent_at = now(), error = null where email_id = ? and status = 'QUEUED'")
                .param(id).update();
    }

    public void failed(long id, String error) {
        String e = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.sql("update email_message set status = 'FAILED', error = ? where email_id = ? and status = 'QUEUED'")
                .params(e, id).update();
    }

    /** Newest first. */
    public List<EmailRecord> forAccount(long bid, String accountNumber, int limit) {
        return jdbc.sql("""
                select email_id, account_number, kind, recipients, subject, body_text, status, error, payment_guid,
                       created_at, sent_at
                from email_message where biller_id = ? and account_number = ?
                order by created_at desc, email_id desc
                limit ?
                """).params(bid, accountNumber, limit)
                .query((rs, n) -> new EmailRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Arrays.asList(rs.getString(4).split(SEPARATOR)), rs.getString(5), rs.getString(6),
                        EmailStatus.valueOf(rs.getString(7)), rs.getString(8), rs.getObject(9, UUID.class),
                        rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class)))
                .list();
    }
}
