package org.ratepayer.payments;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A payment's states and the only moves between them. UNKNOWN is an attempt whose outcome the
 * gateway did not tell us (a timeout): the repair job asks the gateway, it never guesses.
 */
public enum PaymentStatus {
    INITIATED,
    APPROVED,
    DECLINED,
    ERROR,
    UNKNOWN,
    SETTLED,
    VOIDED,
    REFUNDED;

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = Map.of(
            INITIATED, EnumSet.of(APPROVED, DECLINED, ERROR, UNKNOWN),
            UNKNOWN, EnumSet.of(APPROVED, DECLINED, ERROR),
            // refunded in full before it settled (a void came too late, or gave way to a refund): docs/refunds.md
            APPROVED, EnumSet.of(SETTLED, VOIDED, REFUNDED),
            SETTLED, EnumSet.of(REFUNDED),
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

    /** The payment did not take the money and never will: declined or failed. */
    public boolean isUnsuccessful() {
        return this == DECLINED || this == ERROR;
    }

    /** Paid or perhaps being paid (its outcome not known yet): what it pays is not offered for payment again. */
    public boolean isTaken() {
        return isApproved() || this == INITIATED || this == UNKNOWN;
    }

    public boolean isFinalOutcome() {
        return this != INITIATED && this != UNKNOWN;
    }
}
