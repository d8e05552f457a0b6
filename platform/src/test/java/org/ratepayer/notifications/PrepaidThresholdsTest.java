package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.notifications.internal.LowBalanceEmailText;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.notifications.internal.PrepaidThresholds;

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
        assertThat(t.crossed(n(balance), n(daysLeft)).isEmpty()).as("the alert names a threshold exactly when low").isEqualTo(!low);
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

    @Test
    void theAlertNamesWhichThresholdWasCrossed() {
        PrepaidThresholds both = new PrepaidThresholds(new BigDecimal("20.00"), new BigDecimal("5"));
        assertThat(both.crossed(new BigDecimal("4.93"), new BigDecimal("1"))).containsExactly("a balance below $20.00",
                "fewer than 5 days remaining");
        assertThat(both.crossed(new BigDecimal("25.00"), new BigDecimal("2.5"))).containsExactly("fewer than 5 days remaining");
    }

    @Test
    void theAlertCarriesTheFiguresTheThresholdAndWhereToPay() {
        Composed c = LowBalanceEmailText.alert("Test Co-op", "1001-1", new BigDecimal("4.93"), new BigDecimal("1.50"),
                new PrepaidThresholds(new BigDecimal("20.00"), null), "https://pay.example/pay/7");
        assertThat(c.subject()).isEqualTo("Your prepaid balance is low: account 1001-1");
        assertThat(c.text()).isEqualTo("""
                The prepaid balance of your Test Co-op account 1001-1 has fallen below your alert threshold.

                Biller:            Test Co-op
                Account:           1001-1
                Remaining balance: $4.93
                Remaining days:    1.5
                Alert threshold:   a balance below $20.00
                Add money:         https://pay.example/pay/7

                Add money to your account soon to keep your service: https://pay.example/pay/7. We will not alert you again \
                until your balance has risen above the threshold and fallen below it again.
                """);
        assertThat(c.html()).contains("<th scope=\"row\" style=\"text-align:left;padding:2px 12px 2px 0\">Remaining balance</th><td>$4.93</td>")
                .contains("<a href=\"https://pay.example/pay/7\">");
        assertThat(LowBalanceEmailText.alert("B", "2-1", new BigDecimal("-3.10"), null, new PrepaidThresholds(BigDecimal.ZERO, null), "l").text())
                .as("no remaining days from the CIS: no row").doesNotContain("Remaining days").contains("Remaining balance: -$3.10");
    }

    private static BillerConfig config(Map<Integer, String> settings) {
        return new BillerConfig(1, Map.of(), settings, ZoneId.of("America/Chicago"));
    }
}
