package org.ratepayer.notifications.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One row of an account's email history, as staff and the CIS read it.
 *
 * @param attempts how many times SMTP was tried (docs/notices.md, "Delivery")
 * @param nextAttemptAt when a FAILED email is tried again; null when it is not (sent, or given up)
 */
public record EmailRecord(long id, String accountNumber, String kind, List<String> recipients, String subject, String text,
        EmailStatus status, String error, UUID paymentGuid, OffsetDateTime createdAt, OffsetDateTime sentAt, int attempts,
        OffsetDateTime nextAttemptAt) {
}
