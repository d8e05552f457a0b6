package org.ratepayer.payments;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A payment's refunds and what they leave (docs/refunds.md).
 *
 * @param charged  what the processor took: amount plus convenience fee
 * @param refunded what approved refunds and voids gave back
 * @param left     what may still be refunded (refunds waiting for the processor's answer count as given back)
 */
public record RefundHistory(UUID paymentGuid, PaymentStatus status, BigDecimal charged, BigDecimal refunded, BigDecimal left,
        List<Refund> refunds) {

    public RefundHistory {
        refunds = List.copyOf(refunds);
    }
}
