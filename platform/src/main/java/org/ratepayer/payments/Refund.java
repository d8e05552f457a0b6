package org.ratepayer.payments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A refund or void of a payment, as asked for and as the processor answered (docs/refunds.md). A payment's refunds
 * are its refund history, newest last.
 *
 * @param requestedBy "operator", or "staff:" and the staff user's name
 * @param status      UNKNOWN until the processor answers (and after a timeout, until a retry with the same key)
 */
public record Refund(UUID refundId, UUID paymentGuid, Kind kind, BigDecimal amount, String reason, String requestedBy,
        Status status, String processorReference, String processorMessage, OffsetDateTime createdAt) {

    /** A void cancels the whole charge before it settles; a refund gives back part or all of it afterwards. */
    public enum Kind {
        REFUND,
        VOID
    }

    public enum Status {
        UNKNOWN,
        APPROVED,
        DECLINED,
        ERROR
    }
}
