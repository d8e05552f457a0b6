package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStatus;

/**
 * A postback as queued: the partner's PostBackURL and the eighteen parameters of docs/paynow.md, in the
 * contract's order, fixed when the payment's outcome is stored (the outbox payload).
 */
public record Postback(String url, Map<String, String> params) {

    /** PaymentTypeID as the postback carries it (Decision: 1 card, 2 bank account / ACH). */
    public static final String CARD_TYPE_ID = "1";
    public static final String ACH_TYPE_ID = "2";
    /** PaymentDate, in UTC (Decision: the legacy clients parse this US form). */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    /** The parameters in the contract's order; the stored payload (jsonb) does not keep the order of its keys. */
    public static final List<String> FIELDS = List.of("BillerGUID", "PaymentDate", "InvoiceNumber", "Approved", "CustomerName",
            "CustomerAddress", "CustomerCity", "CustomerState", "CustomerZip", "PaymentGUID", "PaymentAmount",
            "PaymentDescription", "PaymentTypeID", "CardType", "PaymentMessage", "BillerReference", "ConvenienceFee", "RemoteIP");

    public Postback {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Postback of(Payment p, PayNowRequest request, UUID billerGuid, String remoteIp) {
        PayNowRequest.Customer c = request.customers().stream().filter(x -> x.accountNumber().equals(p.accountNumber()))
                .findFirst().orElse(null);
        boolean card = p.method() == Method.CARD;
        Map<String, String> q = new LinkedHashMap<>();
        q.put("BillerGUID", billerGuid.toString().toUpperCase());
        q.put("PaymentDate", p.createdAt().withOffsetSameInstant(ZoneOffset.UTC).format(DATE));
        q.put("InvoiceNumber", nz(p.invoiceNumber()));
        // a pending bank payment is posted to the CIS as paid, so the partner hears it paid too (docs/ach.md)
        q.put("Approved", p.status().isPaid() ? "True" : "False");
        q.put("CustomerName", c == null ? "" : nz(c.name()));
        q.put("CustomerAddress", c == null ? "" : nz(c.address()));
        q.put("CustomerCity", c == null ? "" : nz(c.city()));
        q.put("CustomerState", c == null ? "" : nz(c.state()));
        q.put("CustomerZip", c == null ? "" : nz(c.zip()));
        q.put("PaymentGUID", p.guid().toString().toUpperCase());
        q.put("PaymentAmount", money(p.amount()));
        q.put("PaymentDescription", (card ? nz(p.brand()) + " card" : "Bank account") + " ending " + nz(p.last4())
                + " for account " + p.accountNumber() + (p.invoiceNumber() == null ? "" : ", invoice " + p.invoiceNumber()));
        q.put("PaymentTypeID", card ? CARD_TYPE_ID : ACH_TYPE_ID);
        q.put("CardType", card ? nz(p.brand()) : "ACH");
        q.put("PaymentMessage", nz(p.gatewayMessage()));
        q.put("BillerReference", nz(request.billerReference()));
        q.put("ConvenienceFee", money(p.fee()));
        q.put("RemoteIP", nz(remoteIp));
        return new Postback(request.postBackUrl().toString(), q);
    }

    /** The parameters as a query string, in order, each value percent-encoded (UTF-8, space as %20). */
    public String query() {
        StringBuilder sb = new StringBuilder();
        for (String k : FIELDS) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(k).append('=').append(URLEncoder.encode(params.getOrDefault(k, ""), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    /** The URL the courier posts to: PostBackURL with the parameters appended to any query it already has. */
    public String target() {
        String base = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        return base + (base.contains("?") ? "&" : "?") + query();
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "0.00" : amount.setScale(2).toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
