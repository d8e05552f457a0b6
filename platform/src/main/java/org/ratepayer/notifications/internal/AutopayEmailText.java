package org.ratepayer.notifications.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.notifications.internal.PaymentEmailText.Row;
import org.ratepayer.payments.Method;

/**
 * The words of the autopay and scheduled-payment emails (docs/autopay.md, "Emails"), plain text with an HTML
 * alternative as the payment emails have. Pure: no Spring, no database, so every reason and case is a row of a table
 * test. The method shows as brand and last four only; there is no card or bank number to show.
 */
public final class AutopayEmailText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private AutopayEmailText() {
    }

    /**
     * What every autopay email names.
     *
     * @param link the page where the payer manages the account's autopay, built from the configured public URL
     */
    public record About(String billerName, String accountNumber, String invoiceNumber, boolean scheduled, String link,
            PaymentEmailText.Brand brand) {

        /** Without the biller's brand: the HTML part has no header band. */
        public About(String billerName, String accountNumber, String invoiceNumber, boolean scheduled, String link) {
            this(billerName, accountNumber, invoiceNumber, scheduled, link, null);
        }
    }

    /** "Visa card ending in 1111", "Bank account ending in 6789"; "your saved payment method" when unknown. */
    public static String method(Method method, String brand, String last4) {
        if (method == null) {
            return "your saved payment method";
        }
        String ending = last4 == null || last4.isBlank() ? "" : " ending in " + last4;
        if (method == Method.ACH) {
            return "Bank account" + ending;
        }
        return (brand == null || brand.isBlank() ? "Card" : brand + " card") + ending;
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** @param maximum the payer's maximum for one bill, or null for none */
    public static Composed upcoming(About a, LocalDate collectOn, BigDecimal amount, String method, BigDecimal maximum) {
        List<Row> rows = rows(a);
        rows.add(new Row("Bill amount", PaymentEmailText.money(amount)));
        rows.add(new Row("Charge date", day(collectOn)));
        rows.add(new Row("Paid with", method));
        if (maximum != null) {
            rows.add(new Row("Your autopay maximum", PaymentEmailText.money(maximum)));
        }
        String closing = "The balance on the day will be charged: a payment or credit before then lowers it. "
                + (maximum != null ? "A balance above your maximum of " + PaymentEmailText.money(maximum)
                        + " is not charged, and you will be told. " : "")
                + "You do not need to do anything. To change your payment method or stop autopay, visit " + a.link() + " before then.";
        return PaymentEmailText.compose("Autopay will pay your " + a.billerName() + " bill on " + day(collectOn),
                "Autopay will pay your " + a.billerName() + " bill on " + day(collectOn) + ".", rows, closing, a.link(), a.brand());
    }

    /** @param approvalCode the processor's, or null */
    public static Composed receipt(About a, LocalDate date, BigDecimal amount, String method, UUID paymentGuid, String approvalCode) {
        List<Row> rows = rows(a);
        rows.add(new Row("Amount", PaymentEmailText.money(amount)));
        rows.add(new Row("Date", day(date)));
        rows.add(new Row("Paid with", method));
        rows.add(new Row("Confirmation", approvalCode == null ? "-" : approvalCode));
        rows.add(new Row("Payment ID", paymentGuid.toString().toUpperCase(Locale.ROOT)));
        String what = a.scheduled() ? "Your scheduled payment to " + a.billerName() + " was made."
                : "Autopay paid your " + a.billerName() + " bill.";
        return PaymentEmailText.compose((a.scheduled() ? "Scheduled payment receipt — " : "Autopay receipt — ") + a.billerName(), what + " Thank you.", rows,
                "Please keep this receipt for your records. Your account: " + a.link(), a.link(), a.brand());
    }

    /** @param nextAttemptOn the day it is tried again, or null when no attempt is left */
    public static Composed declined(About a, LocalDate date, BigDecimal amount, String method, LocalDate nextAttemptOn) {
        List<Row> rows = rows(a);
        rows.add(new Row("Amount", PaymentEmailText.money(amount)));
        rows.add(new Row("Date", day(date)));
        rows.add(new Row("Payment method", method));
        rows.add(new Row("Next attempt", nextAttemptOn == null ? "no more attempts" : day(nextAttemptOn)));
        String intro = (a.scheduled() ? "Your scheduled payment to " + a.billerName() : "Autopay's payment of your " + a.billerName() + " bill")
                + " was declined by your bank or card issuer. No money was taken.";
        String closing = nextAttemptOn == null
                ? "There will be no more attempts: your bill is still due. Please pay it another way, and check your payment method at "
                        + a.link() + "."
                : "We will try again on " + day(nextAttemptOn) + ". To avoid another decline, check your payment method or pay the bill"
                        + " another way before then: " + a.link();
        return PaymentEmailText.compose((a.scheduled() ? "Scheduled payment declined — " : "Autopay payment declined — ") + a.billerName(), intro, rows,
                closing, a.link(), a.brand());
    }

    /**
     * @param reason the code of docs/autopay.md's table (or a payment rule's)
     * @param maximum the payer's autopay maximum, for {@code above_maximum}; null when unknown
     * @param method the method it would have used, or null when unknown
     */
    public static Composed notCharged(About a, LocalDate date, String reason, BigDecimal maximum, String method) {
        List<Row> rows = rows(a);
        rows.add(new Row("Date", day(date)));
        if (method != null) {
            rows.add(new Row("Payment method", method));
        }
        rows.add(new Row("Why", reason(reason, maximum)));
        String intro = a.scheduled() ? "Your scheduled payment to " + a.billerName() + " was not made. No money was taken."
                : "Autopay did not pay your " + a.billerName() + " bill. No money was taken.";
        String closing = "no_balance".equals(reason) ? "There is nothing you need to do. Your account: " + a.link()
                : "Your bill is still due: please pay it another way. Your account: " + a.link();
        return PaymentEmailText.compose((a.scheduled() ? "Your scheduled payment was not made — " : "Autopay did not pay your bill — ") + a.billerName(),
                intro, rows, closing, a.link(), a.brand());
    }

    /** Each "not charged" reason in words a member understands; an unknown code still gets a sentence. */
    public static String reason(String code, BigDecimal maximum) {
        String max = maximum == null ? "the maximum you set for autopay" : "your autopay maximum of " + PaymentEmailText.money(maximum);
        return switch (code == null ? "" : code) {
            case "no_balance" -> "There was nothing to pay: your balance was zero or in credit on that day.";
            case "above_maximum" -> "Your balance was above " + max + ", so it was not charged.";
            case "method_blocked" -> "Your account does not accept payments by this method at the moment.";
            case "card_expired" -> "The card saved for this payment has expired. Please save a new card and choose it.";
            case "cis_unreachable" -> "The billing system could not be reached all day to confirm your balance, and we never charge an"
                    + " amount we could not confirm.";
            case "account_not_found" -> "Your account could not be found in the billing records.";
            case "amount_above_maximum" -> "The amount is more than the most one online payment may be.";
            case "amount_invalid" -> "The amount to pay was not a valid amount.";
            case "partial_not_allowed" -> "This bill cannot be paid in part, and the amount was less than the amount due.";
            case "invoice_not_payable" -> "This bill can no longer be paid online: it may already be paid.";
            case "no_open_invoice" -> "There was no open bill to pay.";
            case "invoice_not_found" -> "The bill could not be found.";
            case "bill_expired" -> "This bill can no longer be paid online.";
            case "saved_method_not_allowed" -> "Saved payment methods are not accepted for this payment.";
            default -> "The payment could not be made (reason: " + code + ").";
        };
    }

    private static List<Row> rows(About a) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Biller", a.billerName()));
        rows.add(new Row("Account", a.accountNumber()));
        if (a.invoiceNumber() != null) {
            rows.add(new Row("Bill", a.invoiceNumber()));
        }
        return rows;
    }
}
