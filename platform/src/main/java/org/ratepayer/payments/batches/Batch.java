package org.ratepayer.payments.batches;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A closed batch as stored, with the totals fixed at its closure. */
public record Batch(long id, long billerId, LocalDate businessDate, BatchStatus status, OffsetDateTime cutoff,
        OffsetDateTime closedAt, String closedBy, Totals totals) {
}
