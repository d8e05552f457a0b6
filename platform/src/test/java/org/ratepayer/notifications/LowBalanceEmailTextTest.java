package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.ratepayer.balances.PrepaidThresholds;
import org.ratepayer.notifications.internal.LowBalanceEmailText;
import org.ratepayer.notifications.internal.PaymentEmailText;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;

/** The words of the prepaid low-balance alert (docs/prepaid-alerts.md, "The email"). */
class LowBalanceEmailTextTest {

    @Test
    void theAlertNamesWhichThresholdWasCrossed() {
        PrepaidThresholds both = new PrepaidThresholds(new BigDecimal("20.00"), new BigDecimal("5"));
        assertThat(LowBalanceEmailText.crossed(both, new BigDecimal("4.93"), new BigDecimal("1"))).containsExactly("a balance below $20.00",
                "fewer than 5 days remaining");
        assertThat(LowBalanceEmailText.crossed(both, new BigDecimal("25.00"), new BigDecimal("2.5"))).containsExactly("fewer than 5 days remaining");
        assertThat(LowBalanceEmailText.crossed(both, new BigDecimal("20.00"), new BigDecimal("5"))).as("not low").isEmpty();
    }

    @Test
    void theAlertCarriesTheFiguresTheThresholdAndWhereToPay() {
        Composed c = LowBalanceEmailText.alert(new PaymentEmailText.Brand("Test Co-op", "#0b5cad"), "1001-1", new BigDecimal("4.93"), new BigDecimal("1.50"),
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
                .contains("<a href=\"https://pay.example/pay/7\" style=\"color:#0b5cad\">Add money online</a>")
                .as("under the biller's brand").contains("<div style=\"background:#0b5cad;color:#ffffff;padding:12px 16px;font-size:20px;font-weight:bold\">Test Co-op</div>");
        assertThat(LowBalanceEmailText.alert(new PaymentEmailText.Brand("B", "#0b5cad"), "2-1", new BigDecimal("-3.10"), null, new PrepaidThresholds(BigDecimal.ZERO, null), "l").text())
                .as("no remaining days from the CIS: no row").doesNotContain("Remaining days").contains("Remaining balance: -$3.10");
    }
}
