package org.ratepayer.balances;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An account's balance as shown to payers and callers of the balance API.
 *
 * @param source {@code cis} just asked, {@code cached} a CIS answer from the last six hours (or, for a biller
 *               without real-time refresh, the invoice file), {@code fallback} the last known balance because
 *               the CIS did not answer
 */
public record BalanceView(String accountNumber, BigDecimal balanceDue, BigDecimal pastDue, boolean blockAch,
        boolean blockCc, Prepaid prepaid, String source, OffsetDateTime refreshedAt) {

    public record Prepaid(BigDecimal remainingBalance, BigDecimal remainingDays) {
    }

    public boolean credit() {
        return balanceDue.signum() < 0;
    }
}
