package org.ratepayer.payments;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A payment's states and the only moves between them. UNKNOWN is an attempt whose outcome the
 * gateway did not tell us (a timeout): the repair job asks the gateway, it never guesses. PENDING is a bank
 * payment the processor accepted but has not confirmed yet; RETURNED is one the bank sent back (a failure
 * before confirmation or a NACHA return after it), which staff reverse in the CIS by hand (docs/ach.md).
 */
public enum PaymentStatus {
    INITIATED,
    APPROVED,
    DECLINED,
    ERROR,
    UNKNOWN,
    SETTLED,
    VOIDED,
    REFUNDED,
    PENDING,
    RETURNED;

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = Map.of(
            INITIATED, EnumSet.of(APPROVED, DECLINED, ERROR, UNKNOWN, PENDING),
            UNKNOWN, EnumSet.of(APPROVED, DECLINED, ERROR, PENDING),
            // confirmed by the processor, or failed before it was, or cancelled whole before the bank saw it (docs/ach.md)
            PENDING, EnumSet.of(APPROVED, RETURNED, VOIDED),
            // refunded in full before it settled (a void came too late, or gave way to a refund): docs/refunds.md;
            // a bank payment's return can come days after its confirmation, even after settlement (docs/ach.md)
            APPROVED, EnumSet.of(SETTLED, VOIDED, REFUNDED, RETURNED),
            SETTLED, EnumSet.of(REFUNDED, RETURNED),
            RETURNED, EnumSet.noneOf(PaymentStatus.class),
            DECLINED, EnumSet.noneOf(PaymentStatus.class),
            ERROR, EnumSet.noneOf(PaymentStatus.class),
            VOIDED, EnumSet.noneOf(PaymentStatus.class),
            REFUNDED, EnumSet.noneOf(PaymentStatus.class));

    public boolean canMoveTo(PaymentStatus next) {
        return NEXT.get(this).contains(next);
    }

    public PaymentStatus moveTo(PaymentStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a payment cannot go from " + this + " to " + next);
        }
        return next;
    }

    /** The money is the payer's commitment: approved or settled. */
    public boolean isApproved() {
        return this == APPROVED || this == SETTLED;
    }

    /**
     * Taken as paid for the payer, the CIS and the day's batch: approved, settled, or a bank payment the processor
     * accepted and has not confirmed yet (docs/ach.md: it is posted to the CIS at once, and a return is reversed by hand).
     */
    public boolean isPaid() {
        return isApproved() || this == PENDING;
    }

    /** The payment did not take the money and never will: declined or failed. */
    public boolean isUnsuccessful() {
        return this == DECLINED || this == ERROR;
    }

    /** Paid or perhaps being paid (its outcome not known yet): what it pays is not offered for payment again. */
    public boolean isTaken() {
        return isPaid() || this == INITIATED || this == UNKNOWN;
    }

    public boolean isFinalOutcome() {
        return this != INITIATED && this != UNKNOWN;
    }
}
