package org.ratepayer.enrolments.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment a payer asked to be made on a date (running it on that date comes with C9). */
public record ScheduledPayment(UUID id, String accountNumber, String invoiceNumber, LocalDate date, BigDecimal amount,
        SavedMethod method, String status, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
