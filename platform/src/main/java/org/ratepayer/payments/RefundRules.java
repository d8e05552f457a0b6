package org.ratepayer.payments;

import java.math.BigDecimal;
import org.ratepayer.shared.web.Refusal.Kind;

/**
 * What may be refunded of a payment, and how (docs/refunds.md): pure, so it is tested as a table.
 * <p>
 * Decision: the convenience fee is refundable. The payer was charged amount plus fee in one charge, and a payer who
 * paid twice by mistake expects all of the second charge back; so a refund goes up to the charged total. SPEC C6
 * keeps the fee apart from the amount posted to the CIS, and nothing of a refund is posted there anyway.
 */
public final class RefundRules {

    private RefundRules() {
    }

    /** Only money the payer is committed to can be given back: an approved (or settled) payment. */
    public static boolean refundable(PaymentStatus status) {
        return status == PaymentStatus.APPROVED || status == PaymentStatus.SETTLED;
    }

    /**
     * Whether a pending bank payment can still be cancelled: whole, nothing given back of it yet, and only while its day
     * is open, before the processor sends the debit to the bank (docs/ach.md, "Cancelling a pending payment").
     */
    public static boolean cancellable(PaymentStatus status, boolean batched, BigDecimal taken) {
        return status == PaymentStatus.PENDING && !batched && taken.signum() == 0;
    }

    /** What may still be given back of the charge: what is left of it, all of a cancellable pending one, else nothing. */
    public static BigDecimal available(PaymentStatus status, boolean batched, BigDecimal charged, BigDecimal taken) {
        return refundable(status) ? left(charged, taken)
                : cancellable(status, batched, taken) ? charged.setScale(2) : BigDecimal.ZERO.setScale(2);
    }

    /** What the processor took: the amount and the convenience fee, one charge. */
    public static BigDecimal charged(BigDecimal amount, BigDecimal fee) {
        return amount.add(fee).setScale(2);
    }

    /** What is left to refund; {@code taken} is the refunds approved or still waiting for the processor's answer. */
    public static BigDecimal left(BigDecimal charged, BigDecimal taken) {
        return charged.subtract(taken).max(BigDecimal.ZERO).setScale(2);
    }

    /**
     * The amount's shape, checked before anything is looked up.
     *
     * @throws RefundRefused 400 naming {@code amount}
     */
    public static BigDecimal checkAmount(BigDecimal amount) {
        if (amount == null) {
            throw new RefundRefused(Kind.INVALID, "invalid_field", "amount", "required, like \"12.50\"");
        }
        if (amount.signum() <= 0) {
            throw new RefundRefused(Kind.INVALID, "invalid_field", "amount", "must be above 0");
        }
        if (amount.scale() > 2) {
            throw new RefundRefused(Kind.INVALID, "invalid_field", "amount", "at most 2 decimals, like 12.50");
        }
        return amount.setScale(2);
    }

    /**
     * Refuses an amount above what is left of the charge, in the words every refund path answers (the staff page's
     * confirmation step too, before anything is sent).
     *
     * @throws RefundRefused 422 naming {@code amount}
     */
    public static void requireWithin(BigDecimal charged, BigDecimal left, BigDecimal amount) {
        if (amount.compareTo(left) > 0) {
            throw new RefundRefused(Kind.NOT_ALLOWED, "above_charge", "amount",
                    left.signum() == 0 ? "nothing is left to refund of the " + charged.toPlainString() + " charged"
                            : "at most " + left.toPlainString() + " is left to refund of the " + charged.toPlainString() + " charged");
        }
    }

    /**
     * Refuses a part of a pending bank payment, in the words every path answers (the staff page's confirmation step too).
     *
     * @throws RefundRefused 422 naming {@code amount}
     */
    public static void requireWhole(BigDecimal charged, BigDecimal amount) {
        if (amount.compareTo(charged) != 0) {
            throw new RefundRefused(Kind.NOT_ALLOWED, "pending_cancelled_whole", "amount",
                    "a bank payment still being processed can only be cancelled whole, " + charged.toPlainString());
        }
    }

    /**
     * How this refund goes: a void when it gives back the whole of an approved charge whose batch is still open (the
     * processor then never moves the money at all), else a refund. A pending bank payment can only be voided, whole,
     * while its day is open.
     *
     * @param batched whether the payment is in a closed daily batch (the books took it: too late to void)
     * @param taken   refunds approved or waiting, before this one
     * @throws RefundRefused 422 when the payment cannot be refunded or the amount is above what is left
     */
    public static Refund.Kind plan(PaymentStatus status, boolean batched, BigDecimal charged, BigDecimal taken, BigDecimal amount) {
        if (status == PaymentStatus.PENDING) {
            if (!cancellable(status, batched, taken)) {
                throw new RefundRefused(Kind.NOT_ALLOWED, "not_refundable", "payment",
                        "the bank payment is being processed and its day is closed: refund it once the bank confirms it");
            }
            requireWhole(charged, amount);
            return Refund.Kind.VOID;
        }
        if (!refundable(status)) {
            throw new RefundRefused(Kind.NOT_ALLOWED, "not_refundable", "payment",
                    "the payment is " + status + ": only an approved or settled payment can be refunded");
        }
        requireWithin(charged, left(charged, taken), amount);
        boolean whole = taken.signum() == 0 && amount.compareTo(charged) == 0;
        return status == PaymentStatus.APPROVED && !batched && whole ? Refund.Kind.VOID : Refund.Kind.REFUND;
    }

    /** The payment's status once a refund of this kind is approved and {@code approved} is given back in all. */
    public static PaymentStatus after(PaymentStatus status, Refund.Kind kind, BigDecimal charged, BigDecimal approved) {
        PaymentStatus next = kind == Refund.Kind.VOID ? PaymentStatus.VOIDED
                : approved.compareTo(charged) >= 0 ? PaymentStatus.REFUNDED : status;
        return status.canMoveTo(next) ? next : status;
    }
}
