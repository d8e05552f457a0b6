package org.ratepayer.notifications;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.ratepayer.notifications.internal.EmailHistory;
import org.springframework.stereotype.Service;

/**
 * An account's email history for other modules (the biller portal's account page, docs/staff-search.md): what was
 * sent to whom and how the send went. Never the body: a password email's text is for its recipient.
 */
@Service
public class EmailLog {

    /**
     * @param status QUEUED, SENDING, SENT or FAILED
     * @param error  why the last send failed; null when it did not
     */
    public record SentEmail(String kind, List<String> recipients, String subject, String status, String error, UUID paymentGuid,
            OffsetDateTime createdAt, OffsetDateTime sentAt, int attempts) {
        public SentEmail {
            recipients = List.copyOf(recipients);
        }
    }

    private final EmailHistory history;

    public EmailLog(EmailHistory history) {
        this.history = history;
    }

    /** Newest first, at most {@code limit}. */
    public List<SentEmail> forAccount(long bid, String accountNumber, int limit) {
        return history.forAccount(bid, accountNumber, limit).stream()
                .map(e -> new SentEmail(e.kind(), e.recipients(), e.subject(), e.status().name(), e.error(), e.paymentGuid(),
                        e.createdAt(), e.sentAt(), e.attempts()))
                .toList();
    }
}
