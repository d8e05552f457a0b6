package org.ratepayer.notifications.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ratepayer.conveyance.AccountConveyed;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.notifications.internal.PaymentEmailText.Row;

/** The words of the email telling an account's former owner what its conveyance stopped (docs/conveyance.md). */
final class ConveyanceEmailText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private ConveyanceEmailText() {
    }

    static String subject(String billerName, String account) {
        return "Account " + account + " is no longer in your online account — " + billerName;
    }

    static Composed compose(PaymentEmailText.Brand brand, AccountConveyed c) {
        String billerName = brand.billerName();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Biller", billerName));
        rows.add(new Row("Account", c.accountNumber()));
        rows.add(new Row("Online access", "Ended"));
        rows.add(new Row("Autopay", c.autopayCancelled() ? "Cancelled" : "Was not on"));
        if (c.scheduledPaymentsCancelled().isEmpty()) {
            rows.add(new Row("Scheduled payments", "None were pending"));
        }
        for (AccountConveyed.CancelledPayment p : c.scheduledPaymentsCancelled()) {
            rows.add(new Row("Scheduled payment cancelled", PaymentEmailText.money(p.amount()) + " on " + DAY.format(p.date())
                    + (p.invoiceNumber() == null ? "" : " (invoice " + p.invoiceNumber() + ")")));
        }
        if (c.methodsDetached() > 0) {
            rows.add(new Row("Saved payment methods removed", String.valueOf(c.methodsDetached())));
        }
        return PaymentEmailText.compose(subject(billerName, c.accountNumber()),
                billerName + " has recorded a new owner for account " + c.accountNumber()
                        + ". Your online access to it, its autopay and its scheduled payments have been stopped, and nothing more"
                        + " will be charged to you for it.",
                rows,
                "If you still receive service at this account, or think this is a mistake, please contact " + billerName
                        + " customer service.", null, brand);
    }
}
