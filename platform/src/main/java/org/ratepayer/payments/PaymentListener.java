package org.ratepayer.payments;

/**
 * Told when a payment attempt has its outcome (approved, declined or error), after it is stored:
 * receipts, notifications and, later, postbacks hang here. A listener that fails must not undo the
 * payment, so failures are logged by the caller and never reach the payer.
 */
public interface PaymentListener {

    void paymentFinished(Payment payment);
}
