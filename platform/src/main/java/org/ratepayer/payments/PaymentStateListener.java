package org.ratepayer.payments;

/**
 * Told of a payment's move from one status to another inside the transaction that stores it, so what
 * must follow from the move (a posting to the CIS, a partner's postback) is stored with it or not at
 * all. Throwing rolls the move back; the repair job then settles the payment again later.
 * {@link PaymentListener} is the after-commit counterpart for what may be lost (emails).
 */
public interface PaymentStateListener {

    void moved(Payment payment, PaymentStatus from);
}
