package org.ratepayer.notifications.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One row of an account's email history, as staff and the CIS read it. */
public record EmailRecord(long id, String accountNumber, String kind, List<String> recipients, String subject, String text,
        EmailStatus status, String error, UUID paymentGuid, OffsetDateTime createdAt, OffsetDateTime sentAt) {
}
