package org.ratepayer.payments.batches;

import java.math.BigDecimal;

/**
 * The refunds and voids approved during a business day (docs/refunds.md, "Reports"): from the previous batch's cutoff
 * to this batch's, or since the last cutoff for the open day. They are reported beside the day's payments, never
 * subtracted from them: the batch's payments were posted to the CIS as they were, and the reversals are posted
 * there by hand. {@code achReturns} are the bank payments returned during the day (docs/ach.md): each was posted to the
 * CIS as paid, and is reversed there by hand too.
 */
public record Reversals(Sum refunds, Sum voids, Sum achReturns) {

    public record Sum(long count, BigDecimal total) {
        public static final Sum NONE = new Sum(0, BigDecimal.ZERO.setScale(2));
    }
}
