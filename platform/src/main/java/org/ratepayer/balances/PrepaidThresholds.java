package org.ratepayer.balances;

import java.math.BigDecimal;
import java.util.Optional;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.ConfigCatalogue;

/**
 * A biller's prepaid low-balance thresholds (settings 1012 and 1013, docs/prepaid-alerts.md) and the rule that says
 * whether a prepaid account is low: one rule for the alert emails (notifications) and the portal's note (payers), so
 * the two never disagree. Pure: no Spring, no database, so every case is a row of a table test.
 *
 * <p>Strictly below: a balance equal to the amount, or days equal to the days, is not low. A biller writing "alert me at
 * $20" and a payer holding exactly $20.00 is the one reading we chose not to alert on, so that a threshold of 0.00 means
 * "the account owes" and a threshold of 0 days can never fire.
 *
 * @param amount the remaining balance below which an account is low, or null for no amount threshold
 * @param days the remaining days below which an account is low, or null for no days threshold
 */
public record PrepaidThresholds(BigDecimal amount, BigDecimal days) {

    public static final PrepaidThresholds NONE = new PrepaidThresholds(null, null);

    /** The biller's thresholds; a value the catalogue would refuse (stored before it checked) counts as unset. */
    public static PrepaidThresholds of(BillerConfig config) {
        return new PrepaidThresholds(number(config.setting(ConfigCatalogue.SET_PREPAID_ALERT_AMOUNT)),
                number(config.setting(ConfigCatalogue.SET_PREPAID_ALERT_DAYS)));
    }

    private static BigDecimal number(Optional<String> value) {
        try {
            return value.map(String::trim).map(BigDecimal::new).filter(v -> v.signum() >= 0).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the biller set any threshold: without one no prepaid account is ever low. */
    public boolean any() {
        return amount != null || days != null;
    }

    public boolean amountCrossed(BigDecimal remainingBalance) {
        return amount != null && remainingBalance != null && remainingBalance.compareTo(amount) < 0;
    }

    public boolean daysCrossed(BigDecimal remainingDays) {
        return days != null && remainingDays != null && remainingDays.compareTo(days) < 0;
    }

    /**
     * Whether a prepaid account with these figures is low: below the amount or below the days, whichever are set.
     *
     * @param remainingBalance null for an account that is not prepaid, which is never low
     * @param remainingDays null when the CIS sent none: then only the amount can make it low
     */
    public boolean low(BigDecimal remainingBalance, BigDecimal remainingDays) {
        return remainingBalance != null && (amountCrossed(remainingBalance) || daysCrossed(remainingDays));
    }

    /** Whether a shown balance is a prepaid one that is low. */
    public boolean low(BalanceView balance) {
        return balance.prepaid() != null && low(balance.prepaid().remainingBalance(), balance.prepaid().remainingDays());
    }
}
