package org.ratepayer.payments.settlement;

/** How a payment here and the processor's settlement disagree (docs/settlement.md, "Mismatches"). */
public enum MismatchKind {
    /** Approved here during the settled business day, but the processor did not fund it. */
    APPROVED_HERE_UNKNOWN_THERE,
    /** Funded by the processor, but here it is not an approved payment (unknown, declined, failed, voided). */
    SETTLED_THERE_UNKNOWN_HERE,
    /** Funded, but for another amount than the one charged here. */
    AMOUNT_DIFFERS
}
