package org.ratepayer.payments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A bank payment the bank sent back (docs/ach.md): what staff need to reverse it in the CIS by hand, and whether they
 * have. {@code cisPostings} are the ids of the CIS postings that credited it (one per account paid), comma-separated,
 * or null when the biller posts to no CIS.
 */
public record AchReturn(UUID paymentGuid, String accountNumber, String payerEmail, BigDecimal amount, BigDecimal fee, String last4,
        String approvalCode, OffsetDateTime paidAt, OffsetDateTime returnedAt, String returnCode, String returnReason,
        String cisPostings, OffsetDateTime reversedAt, String reversedBy) {

    public boolean reversed() {
        return reversedAt != null;
    }
}
