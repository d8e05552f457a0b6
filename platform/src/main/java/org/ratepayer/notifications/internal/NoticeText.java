package org.ratepayer.notifications.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ratepayer.notifications.internal.PaymentEmailText.Brand;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.notifications.internal.PaymentEmailText.Row;

/**
 * The words of the notices (docs/notices.md): bill ready, the three reminders, card expiring. Plain text with an HTML
 * alternative under the biller's brand, through the payment emails' one composer. Pure, so each is a table test.
 */
public final class NoticeText {

    private NoticeText() {
    }

    /** A bill as its notices show it. */
    public record Bill(String accountNumber, String invoiceNumber, LocalDate invoiceDate, LocalDate dueDate, BigDecimal amountDue) {
    }

    public static Composed billReady(Brand brand, Bill bill, String link) {
        List<Row> rows = rows(brand, bill);
        return PaymentEmailText.compose("Your " + brand.billerName() + " bill is ready",
                "Your new " + brand.billerName() + " bill of " + PaymentEmailText.money(bill.amountDue()) + " is ready. It is due on "
                        + AutopayEmailText.day(bill.dueDate()) + ".",
                rows, "View and pay your bill online: " + link, link, "View and pay your bill", brand);
    }

    /** @param n 1, 2 or 3 */
    public static Composed reminder(Brand brand, int n, Bill bill, String link) {
        String which = switch (n) {
            case 1 -> "Reminder";
            case 2 -> "Second reminder";
            default -> "Final reminder";
        };
        List<Row> rows = rows(brand, bill);
        return PaymentEmailText.compose(which + ": your " + brand.billerName() + " bill of " + PaymentEmailText.money(bill.amountDue())
                        + " is due " + AutopayEmailText.day(bill.dueDate()),
                "Your " + brand.billerName() + " bill of " + PaymentEmailText.money(bill.amountDue()) + " is due on "
                        + AutopayEmailText.day(bill.dueDate()) + " and has not been paid yet.",
                rows, "Pay it online: " + link + " . If you have paid it already, thank you: you can ignore this email.", link,
                "Pay your bill", brand);
    }

    /**
     * @param card "Visa card ending in 4242"
     * @param accounts the accounts the card pays by autopay or a scheduled payment
     */
    public static Composed cardExpiring(Brand brand, String card, int expMonth, int expYear, List<String> accounts, String link) {
        String expiry = String.format("%02d/%d", expMonth, expYear);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Biller", brand.billerName()));
        rows.add(new Row("Card", card));
        rows.add(new Row("Expires", expiry));
        rows.add(new Row(accounts.size() == 1 ? "Pays account" : "Pays accounts", String.join(", ", accounts)));
        return PaymentEmailText.compose("Your " + card + " expires soon — " + brand.billerName(),
                "Your " + card + ", saved with " + brand.billerName() + ", expires at the end of " + expiry
                        + ". Autopay or a scheduled payment uses it.",
                rows, "To keep your payments going, add a new card and choose it for them: " + link, link, "Your saved payment methods",
                brand);
    }

    private static List<Row> rows(Brand brand, Bill bill) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Biller", brand.billerName()));
        rows.add(new Row("Account", bill.accountNumber()));
        rows.add(new Row("Bill", bill.invoiceNumber()));
        rows.add(new Row("Bill date", AutopayEmailText.day(bill.invoiceDate())));
        rows.add(new Row("Amount due", PaymentEmailText.money(bill.amountDue())));
        rows.add(new Row("Due date", AutopayEmailText.day(bill.dueDate())));
        return rows;
    }
}
