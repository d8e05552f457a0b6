package org.ratepayer.payments.batches;

import java.math.BigDecimal;
import java.util.Objects;

/** How many payments and how much money: the amount posted to the biller, and the convenience fees apart. */
public record Totals(long count, BigDecimal amount, BigDecimal fee) {

    public static final Totals NONE = new Totals(0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

    public Totals {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fee, "fee");
    }

    public Totals plus(Totals other) {
        return new Totals(count + other.count, amount.add(other.amount), fee.add(other.fee));
    }
}
