package org.ratepayer.payments.settlement;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One disagreement of a settlement.
 *
 * @param ourAmount   what was charged here (amount plus fee); null when there is no such payment here
 * @param theirAmount what the processor funded; null when it funded nothing for this payment
 * @param reference   the processor's reference of the charge, when it gave one
 */
public record Mismatch(MismatchKind kind, UUID paymentGuid, BigDecimal ourAmount, BigDecimal theirAmount, String reference) {
}
