package org.ratepayer.enrolments.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A payment a payer asked to be made on a date, run by autopay on that date (docs/autopay.md).
 *
 * @param status        SCHEDULED, CANCELLED, or once its run settled it PAID or FAILED
 * @param settledOn     the biller's date its run settled it; null before
 * @param paymentGuid   the payment its run made, if any
 * @param failureReason why a FAILED one was not paid (declined, error, or a reason code such as card_expired)
 */
public record ScheduledPayment(UUID id, String accountNumber, String invoiceNumber, LocalDate date, BigDecimal amount,
        SavedMethod method, String status, OffsetDateTime createdAt, OffsetDateTime updatedAt, LocalDate settledOn, UUID paymentGuid,
        String failureReason) {
}
