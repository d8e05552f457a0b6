package org.ratepayer.payments.checkout;

import java.util.Map;
import org.ratepayer.payments.gateway.PaymentGateway;

/**
 * How a biller's pages take card and bank details (setting 1019, docs/hosted-fields.md): in the processor's own hosted
 * fields (HOSTED, the default), or in fields of Ratepayer's page posted to Ratepayer (DIRECT, only for a processor that
 * takes card numbers from servers). Under HOSTED, {@code fields} is null when the processor cannot show its fields for
 * this biller (a Stripe biller without a publishable key): the pages then take no new card or bank account.
 */
public record CardEntry(boolean hosted, PaymentGateway.HostedFields fields) {

    public static final CardEntry DIRECT = new CardEntry(false, null);
    public static final CardEntry UNAVAILABLE = new CardEntry(true, null);

    /**
     * Whether card fields are posted to Ratepayer: only when the biller chose DIRECT (setting 1019) and its processor takes
     * card numbers from servers. Anything else, including no choice, is HOSTED.
     */
    public static boolean direct(String setting, boolean processorAcceptsCardNumbers) {
        return "DIRECT".equals(setting) && processorAcceptsCardNumbers;
    }

    public static CardEntry hostedBy(PaymentGateway.HostedFields fields) {
        return new CardEntry(true, fields);
    }

    public boolean direct() {
        return !hosted;
    }

    public boolean unavailable() {
        return hosted && fields == null;
    }

    /** Whether a new method of this kind ("CARD", "ACH") can be entered on the page. */
    public boolean takes(String method) {
        if (!hosted) {
            return true;
        }
        if (fields == null) {
            return false;
        }
        String methods = fields.config().get("methods");
        return methods == null || java.util.Arrays.asList(methods.split(",")).contains(method);
    }

    public String processor() {
        return fields == null ? null : fields.processor();
    }

    public String scriptUrl() {
        return fields == null ? null : fields.scriptUrl();
    }

    /** The processor's public configuration as a JSON object, for the {@code data-config} attribute. */
    public String configJson() {
        if (fields == null) {
            return "{}";
        }
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(fields.config()).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quoted(e.getKey())).append(':').append(quoted(e.getValue()));
        }
        return json.append('}').toString();
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
