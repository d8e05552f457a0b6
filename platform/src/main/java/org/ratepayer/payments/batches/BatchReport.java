package org.ratepayer.payments.batches;

/** A closed batch, its figures per method and channel, and the refunds and voids of its business day. */
public record BatchReport(Batch batch, Breakdown breakdown, Reversals reversals) {
}
