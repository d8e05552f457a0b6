package org.ratepayer.notifications.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.ratepayer.balances.PrepaidThresholds;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.notifications.internal.PaymentEmailText.Row;

/**
 * The words of the prepaid low-balance alert (docs/prepaid-alerts.md), plain text with an HTML alternative, composed as
 * the payment emails are. Pure, for a table test: the figures are the refresh's, the threshold the biller's.
 */
public final class LowBalanceEmailText {

    private LowBalanceEmailText() {
    }

    /** The subject: the account named, since a payer may hold several prepaid accounts; the sender name is the biller's. */
    public static String subject(String accountNumber) {
        return "Your prepaid balance is low: account " + accountNumber;
    }

    /**
     * @param remainingDays null when the CIS sent none (the row is left out)
     * @param link where the payer adds money (the biller's payment page)
     */
    public static Composed alert(PaymentEmailText.Brand brand, String accountNumber, BigDecimal remainingBalance, BigDecimal remainingDays,
            PrepaidThresholds thresholds, String link) {
        String billerName = brand.billerName();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Biller", billerName));
        rows.add(new Row("Account", accountNumber));
        rows.add(new Row("Remaining balance", PaymentEmailText.money(remainingBalance)));
        if (remainingDays != null) {
            rows.add(new Row("Remaining days", days(remainingDays)));
        }
        rows.add(new Row("Alert threshold", String.join(" and ", crossed(thresholds, remainingBalance, remainingDays))));
        rows.add(new Row("Add money", link));
        return PaymentEmailText.compose(subject(accountNumber),
                "The prepaid balance of your " + billerName + " account " + accountNumber + " has fallen below your alert threshold.",
                rows,
                "Add money to your account soon to keep your service: " + link + ". We will not alert you again until your balance"
                        + " has risen above the threshold and fallen below it again.",
                link, "Add money online", brand);
    }

    /** The thresholds these figures are below, in words ("a balance below $20.00"); empty when not low. */
    public static List<String> crossed(PrepaidThresholds thresholds, BigDecimal remainingBalance, BigDecimal remainingDays) {
        List<String> out = new ArrayList<>();
        if (!thresholds.low(remainingBalance, remainingDays)) {
            return out;
        }
        if (thresholds.amountCrossed(remainingBalance)) {
            out.add("a balance below " + PaymentEmailText.money(thresholds.amount()));
        }
        if (thresholds.daysCrossed(remainingDays)) {
            out.add("fewer than " + days(thresholds.days()) + " days remaining");
        }
        return out;
    }

    /** Days as the CIS counts them, without trailing zeros: "3", "2.5". */
    static String days(BigDecimal days) {
        BigDecimal d = days.stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }
}
