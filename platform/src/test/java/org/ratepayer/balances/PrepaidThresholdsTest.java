package org.ratepayer.balances;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.billers.BillerConfig;

/** The "is low" rule of docs/prepaid-alerts.md as a table: amount, days, both, none; a figure equal to its threshold is not low. */
class PrepaidThresholdsTest {

    private static BigDecimal n(String s) {
        return s == null || s.isEmpty() ? null : new BigDecimal(s);
    }

    @ParameterizedTest(name = "amount {0}, days {1}: balance {2}, days left {3} -> low {4}")
    @CsvSource(nullValues = "-", value = {
            // amount only
            "20.00, -,  19.99, 10,  true",
            "20.00, -,  20.00, 10,  false",
            "20.00, -,  20,    10,  false",
            "20.00, -,  20.01, 0,   false",
            "20.00, -,  -5.00, -,   true",
            "0.00,  -,  0.00,  -,   false",
            "0.00,  -,  -0.01, -,   true",
            // days only
            "-,     5,  1.00,  4.9, true",
            "-,     5,  1.00,  5,   false",
            "-,     5,  1.00,  5.0, false",
            "-,     5,  0.50,  -,   false",
            "-,     0,  -3.00, 0,   false",
            // both: either one makes it low
            "20.00, 5,  19.99, 10,  true",
            "20.00, 5,  50.00, 4,   true",
            "20.00, 5,  20.00, 5,   false",
            "20.00, 5,  10.00, 2,   true",
            // none: never low
            "-,     -,  -100,  0,   false",
            // not prepaid (no remaining balance): never low
            "20.00, 5,  -,     1,   false",
    })
    void lowIsStrictlyBelowAnyThresholdSet(String amount, String days, String balance, String daysLeft, boolean low) {
        PrepaidThresholds t = new PrepaidThresholds(n(amount), n(days));
        assertThat(t.low(n(balance), n(daysLeft))).isEqualTo(low);
        BalanceView shown = new BalanceView("1-1", BigDecimal.ZERO, BigDecimal.ZERO, false, false,
                n(balance) == null ? null : new BalanceView.Prepaid(n(balance), n(daysLeft)), "cis", null);
        assertThat(t.low(shown)).as("the portal's reading of a shown balance").isEqualTo(low);
        assertThat(t.any()).isEqualTo(amount != null || days != null);
    }

    @Test
    void theSettingsAreReadAsTheCatalogueStoresThemAndUnusableOnesCountAsUnset() {
        assertThat(PrepaidThresholds.of(config(Map.of(1012, "20.00", 1013, "5"))))
                .isEqualTo(new PrepaidThresholds(new BigDecimal("20.00"), new BigDecimal("5")));
        assertThat(PrepaidThresholds.of(config(Map.of(1013, "0")))).isEqualTo(new PrepaidThresholds(null, BigDecimal.ZERO));
        assertThat(PrepaidThresholds.of(config(Map.of()))).isEqualTo(PrepaidThresholds.NONE);
        assertThat(PrepaidThresholds.of(config(Map.of(1012, "twenty", 1013, "-1")))).isEqualTo(PrepaidThresholds.NONE);
    }

    private static BillerConfig config(Map<Integer, String> settings) {
        return new BillerConfig(1, Map.of(), settings, ZoneId.of("America/Chicago"));
    }
}
