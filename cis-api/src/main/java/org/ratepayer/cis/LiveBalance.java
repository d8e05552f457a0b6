package org.ratepayer.cis;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An account's balance as the CIS says it is now. A negative balance due is a credit (prepayment).
 *
 * @param prepaid null unless the CIS reported a prepaid account
 */
public record LiveBalance(String accountNumber, BigDecimal balanceDue, BigDecimal pastDue, boolean blockAch,
        boolean blockCc, Prepaid prepaid) {

    public LiveBalance {
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(balanceDue, "balanceDue");
        Objects.requireNonNull(pastDue, "pastDue");
    }

    /** A prepaid account's remaining balance and the days it is expected to last. */
    public record Prepaid(BigDecimal remainingBalance, BigDecimal remainingDays) {
    }
}
