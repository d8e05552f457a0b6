package org.ratepayer.payments.batches;

/** A closed batch and its figures per method and channel. */
public record BatchReport(Batch batch, Breakdown breakdown) {
}
