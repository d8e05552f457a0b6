package org.ratepayer.payments.batches;

/** OPEN is the day still being taken (payments not in any batch yet); only CLOSED batches are stored. */
public enum BatchStatus {
    OPEN,
    CLOSED
}
