package org.ratepayer.payments;

/**
 * Told of an approved refund or void inside the transaction that records it, so what follows from it (the payer's
 * email) is stored with it or not at all. Throwing rolls the record back: the refund stays UNKNOWN and a retry with
 * its idempotency key asks the processor again, which answers the refund it already made.
 */
public interface RefundListener {

    /** @param payment the payment after the refund (VOIDED or REFUNDED when nothing is left of it) */
    void refunded(Payment payment, Refund refund);
}
