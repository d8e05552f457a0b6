package org.ratepayer.notifications.internal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ratepayer.billers.AccentColour;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of payment emails, in plain text with an HTML alternative. Built only from the stored
 * payment, which has no card or bank number to leak: the method shows as brand and last four.
 */
public class PaymentEmailText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' h:mm a z", Locale.US);

    private final ZoneId zone;

    public PaymentEmailText(ZoneId zone) {
        this.zone = zone;
    }

    public record Composed(String subject, String text, String html) {
    }

    record Row(String label, String value) {
    }

    /**
     * Whose email it is (docs/notices.md, "Look"): the biller's name heads the HTML part on a band of its portal accent
     * colour (setting 1007, which is checked for white text on it), and links take the colour too.
     */
    public record Brand(String billerName, String accent) {

        /** The portal's own accent when a biller chose none (static/css/ratepayer.css). */
        public static final String DEFAULT_ACCENT = "#0b5cad";

        public Brand {
            accent = accent == null ? DEFAULT_ACCENT : accent;
        }

        public static Brand of(String billerName, BillerConfig config) {
            return new Brand(billerName, AccentColour.of(config.setting(ConfigCatalogue.SET_PORTAL_ACCENT_COLOUR))
                    .map(AccentColour::hex).orElse(null));
        }
    }

    /** @param customerName the account holder, or null when unknown */
    public Composed receipt(String billerName, String customerName, Payment p) {
        return receipt(null, billerName, customerName, p);
    }

    /** The receipt under the biller's brand. */
    public Composed receipt(Brand brand, String customerName, Payment p) {
        return receipt(brand, brand.billerName(), customerName, p);
    }

    private Composed receipt(Brand brand, String billerName, String customerName, Payment p) {
        List<Row> rows = whose(billerName, customerName, p);
        rows.add(new Row("Amount", money(p.amount())));
        rows.add(new Row("Convenience fee", money(p.fee())));
        rows.add(new Row("Total charged", money(p.amount().add(p.fee()))));
        rows.add(new Row("Paid with", method(p)));
        rows.add(new Row("Approval code", p.approvalCode() == null ? "-" : p.approvalCode()));
        rows.add(new Row("Payment ID", p.guid().toString().toUpperCase(Locale.ROOT)));
        rows.add(new Row("Date", WHEN.format(p.createdAt().atZoneSameInstant(zone))));
        rows.add(new Row("Paid through", channel(p.channel())));
        return compose("Payment receipt — " + billerName,
                "Thank you for your payment to " + billerName + ".",
                rows, p.fee().signum() > 0
                        ? "Please keep this receipt for your records. The convenience fee is not applied to your bill."
                        : "Please keep this receipt for your records.", null, brand);
    }

    public Composed failure(String billerName, String customerName, Payment p) {
        return failure(null, billerName, customerName, p);
    }

    public Composed failure(Brand brand, String customerName, Payment p) {
        return failure(brand, brand.billerName(), customerName, p);
    }

    private Composed failure(Brand brand, String billerName, String customerName, Payment p) {
        List<Row> rows = whose(billerName, customerName, p);
        rows.add(new Row("Amount", money(p.amount().add(p.fee()))));
        rows.add(new Row("Payment method", method(p)));
        rows.add(new Row("Payment ID", p.guid().toString().toUpperCase(Locale.ROOT)));
        rows.add(new Row("Date", WHEN.format(p.createdAt().atZoneSameInstant(zone))));
        rows.add(new Row("Payment type", channel(p.channel())));
        String why = switch (p.status()) {
            case DECLINED -> "was declined by your bank or card issuer";
            default -> "could not be processed";
        };
        return compose("Payment not completed — " + billerName,
                "Your payment to " + billerName + " " + why + ". No money was taken.",
                rows, "Your bill is still due. Please check your payment method or pay another way.", null, brand);
    }

    /** The rows that say whose payment an email is about: the biller, the account, its holder and the bill. */
    private static List<Row> whose(String billerName, String customerName, Payment p) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Biller", billerName));
        rows.add(new Row("Account", p.accountNumber()));
        if (customerName != null && !customerName.isBlank()) {
            rows.add(new Row("Account holder", customerName));
        }
        if (p.invoiceNumber() != null) {
            rows.add(new Row("Invoice", p.invoiceNumber()));
        }
        return rows;
    }

    /**
     * A bank payment the bank sent back (docs/ach.md): said plainly, with the bank's reason, that the amount is still
     * owed and how to pay again. {@code p.gatewayMessage()} holds the return's code and words.
     */
    public Composed returned(Brand brand, String customerName, Payment p) {
        String billerName = brand.billerName();
        List<Row> rows = whose(billerName, customerName, p);
        rows.add(new Row("Amount returned", money(p.amount().add(p.fee()))));
        rows.add(new Row("Paid with", method(p)));
        rows.add(new Row("Bank's reason", p.gatewayMessage() == null ? "-" : p.gatewayMessage()));
        rows.add(new Row("Payment ID", p.guid().toString().toUpperCase(Locale.ROOT)));
        rows.add(new Row("Paid on", WHEN.format(p.createdAt().atZoneSameInstant(zone))));
        return compose("Your bank payment was returned — " + billerName,
                "Your bank returned your payment of " + money(p.amount()) + " to " + billerName
                        + ", so it did not go through. The amount is still owed.",
                rows, "Please pay again online with a card or another bank account, or contact " + billerName
                        + ". If your bank charged you a fee for the return, ask your bank about it.", null, brand);
    }

    /** An email of rows between an intro and a closing, in text and HTML; {@code link}, if any, ends the HTML one. */
    static Composed compose(String subject, String intro, List<Row> rows, String closing, String link) {
        return compose(subject, intro, rows, closing, link, null);
    }

    /**
     * The same under a brand: the HTML part opens with the biller's name on its accent colour, and its link is in that
     * colour. Without a brand (null) the HTML is as it always was.
     */
    static Composed compose(String subject, String intro, List<Row> rows, String closing, String link, Brand brand) {
        return compose(subject, intro, rows, closing, link, null, brand);
    }

    /** @param linkText the words of the link, "Your account online" when null */
    static Composed compose(String subject, String intro, List<Row> rows, String closing, String link, String linkText, Brand brand) {
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0) + 2;
        for (Row r : rows) {
            String label = r.label() + ":";
            text.append(label).append(" ".repeat(width - label.length())).append(r.value()).append('\n');
        }
        text.append('\n').append(closing).append('\n');

        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(subject)).append("</title></head><body style=\"font-family:sans-serif\">");
        if (brand != null) {
            html.append("<div style=\"background:").append(esc(brand.accent())).append(";color:#ffffff;padding:12px 16px;")
                    .append("font-size:20px;font-weight:bold\">").append(esc(brand.billerName())).append("</div>");
        }
        html.append("<p>").append(esc(intro))
                .append("</p><table style=\"border-collapse:collapse\">");
        for (Row r : rows) {
            html.append("<tr><th scope=\"row\" style=\"text-align:left;padding:2px 12px 2px 0\">").append(esc(r.label()))
                    .append("</th><td>").append(esc(r.value())).append("</td></tr>");
        }
        html.append("</table><p>").append(esc(closing)).append("</p>");
        if (link != null) {
            html.append("<p><a href=\"").append(esc(link)).append('"');
            if (brand != null) {
                html.append(" style=\"color:").append(esc(brand.accent())).append('"');
            }
            html.append(">").append(esc(linkText == null ? "Your account online" : linkText)).append("</a></p>");
        }
        html.append("</body></html>");
        return new Composed(subject, text.toString(), html.toString());
    }

    private static String method(Payment p) {
        String last4 = p.last4() == null ? "" : " ending in " + p.last4();
        if (p.method() == Method.ACH) {
            return "Bank account" + last4;
        }
        return (p.brand() == null ? "Card" : p.brand() + " card") + last4;
    }

    private static String channel(Channel c) {
        return switch (c) {
            case WEB -> "Online";
            case CPV2 -> "Online (Pay Now)";
            case CSRWEB -> "Customer service";
            case IVR -> "Phone (automated)";
            case KIOSK -> "Payment kiosk";
            case OBD -> "Phone (outbound call)";
            case AUTOPAY -> "Autopay";
            case SCHEDULED -> "Scheduled payment";
            case POS -> "In person";
        };
    }

    static String money(BigDecimal amount) {
        // A new format each time: DecimalFormat is not thread-safe, and it formats BigDecimal without a double in between.
        return new DecimalFormat("$#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(amount);
    }

    static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }
}
