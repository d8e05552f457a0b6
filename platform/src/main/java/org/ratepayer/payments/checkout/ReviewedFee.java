package org.ratepayer.payments.checkout;

import java.math.BigDecimal;

/**
 * The convenience fee a payer reviewed against the fee now: the payment page, Pay Now and the payment itself
 * charge a fee only if it is the one the payer saw, and tell the payer in the same words when it is not.
 */
public final class ReviewedFee {

    private ReviewedFee() {
    }

    /** Whether the fee now differs from the one reviewed; false when none was reviewed (nothing to compare). */
    public static boolean changed(BigDecimal reviewed, BigDecimal now) {
        return reviewed != null && reviewed.compareTo(now) != 0;
    }

    /**
     * "The convenience fee changed since you reviewed this payment, from 1.95 to 2.50. Nothing was charged."
     *
     * @param onWhat what the fee is on, e.g. " for invoice 1001", or "" for the whole payment
     */
    public static String changedWords(String onWhat, BigDecimal reviewed, BigDecimal now) {
        return "The convenience fee" + onWhat + " changed since you reviewed this payment, from "
                + reviewed.setScale(2).toPlainString() + " to " + now.setScale(2).toPlainString() + ". Nothing was charged.";
    }
}
