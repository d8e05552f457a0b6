package org.ratepayer.balances;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * Published once the CIS answered a real-time refresh and its answer is stored (docs/cis-balances.md): not for an answer
 * reused from the last six hours, nor for a fallback. Listeners hear it after the publisher's transaction commits, or at
 * once when there is none; the prepaid low-balance alerts are one (docs/prepaid-alerts.md).
 *
 * @param remainingBalance the CIS's {@code remainingBalance} of a prepaid account, null for an account that is not prepaid
 * @param remainingDays its {@code remainingDays}, null when the CIS sent none
 * @param refreshedAt when the answer was stored, as {@link BalanceView#refreshedAt()}
 */
public record BalanceRefreshed(long bid, String accountNumber, BigDecimal balanceDue, BigDecimal remainingBalance,
        BigDecimal remainingDays, OffsetDateTime refreshedAt) {

    public boolean prepaid() {
        return remainingBalance != null;
    }
}
