package org.ratepayer.paynow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ratepayer.shared.json.JsonProblem;

/**
 * Reads a Cloud Payments V2 body with the leniency existing clients need (docs/paynow.md): property names in
 * any case ({@code AchServiceFee} and {@code ACHServiceFee}), amounts as numbers or strings, null fees,
 * dates as {@code MM/dd/yyyy} or {@code yyyy-MM-dd}, booleans as JSON booleans or "true"/"false".
 * Anything else is refused with the field's path and the problem: an unknown property (a misspelt
 * {@code BalanceDeu} must not silently pay the stored amount), a property given twice, a negative fee or minimum,
 * an amount beyond the biller's maximum payment, malformed JSON (with its line and column). A negative BalanceDue
 * is the one signed amount: it is a credit the utility holds (a prepaid account, docs/cis-balances.md), which the page shows
 * as such (docs/paynow.md). Pure: no Spring, no database.
 */
public final class PayNowRequestParser {

    /** Above this a convenience fee is a mistake (or an attack); fees are not payments, so setting 1005 does not apply. */
    static final BigDecimal MAX_FEE = new BigDecimal("9999.99");
    static final int MAX_CUSTOMERS = 50;
    static final int MAX_INVOICES = 200;
    static final int MAX_TEXT = 200;
    static final int MAX_URL = 2000;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ISO_DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?");

    private static final Set<String> ROOT = Set.of("customers", "createcustomerrecord", "allowswipe", "allowccpayment",
            "allowachpayment", "allowemv", "emvdeviceid", "emvlocationid", "cashiername", "returnurl", "postbackurl",
            "billerreference", "viewmode", "cssurl", "pageloadoverride", "remoteauthenticationtoken", "pageresultoptions");
    private static final Set<String> CUSTOMER = Set.of("accountnumber", "displayaccountnumber", "name", "address", "city",
            "state", "zip", "emailaddress", "invoices");
    private static final Set<String> INVOICE = Set.of("invoicenumber", "typeid", "invoicedate", "duedate", "balancedue",
            "ccservicefee", "achservicefee", "minimumamountdue", "allowpartialpayments");
    private static final Set<String> RESULT_OPTIONS = Set.of("allowregisteraccount", "invoiceoptions");
    private static final Set<String> INVOICE_OPTIONS = Set.of("allowviewstatement", "allowremove", "allowviewrelated",
            "allowremindme");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * @param maximumPayment the biller's maximum single payment (setting 1005): no invoice may ask for more, since
     *                       the page could never take it
     */
    public PayNowRequest parse(byte[] body, BigDecimal maximumPayment) {
        if (body == null || body.length == 0) {
            throw new PayNowRequestException(null, "a JSON request body is required");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            // the field stays unnamed here: it is a syntax error, which the detail places by line and column
            throw new PayNowRequestException(null, JsonProblem.of(e).detail());
        } catch (IOException e) {
            throw new PayNowRequestException(null, "the request body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new PayNowRequestException(null, "the body must be a JSON object");
        }
        Obj r = new Obj(root, "", ROOT);
        List<PayNowRequest.Customer> customers = customers(r, new Limit(maximumPayment, "the biller's maximum payment", false));
        Obj options = r.object("PageResultOptions", RESULT_OPTIONS);
        Obj invoiceOptions = options == null ? null : options.object("InvoiceOptions", INVOICE_OPTIONS);
        int viewMode = r.integer("ViewMode", 0, 0, 1);
        return new PayNowRequest(customers,
                r.bool("CreateCustomerRecord", false),
                r.bool("AllowSwipe", false),
                r.bool("AllowCCPayment", true),
                r.bool("AllowACHPayment", true),
                r.bool("AllowEMV", false),
                r.text("EMVDeviceID", MAX_TEXT),
                r.text("EMVLocationID", MAX_TEXT),
                r.text("CashierName", MAX_TEXT),
                r.url("ReturnURL"),
                r.url("PostBackURL"),
                r.text("BillerReference", MAX_TEXT),
                viewMode,
                r.url("CssUrl"),
                r.integer("PageLoadOverride", 0, 0, 1),
                r.text("RemoteAuthenticationToken", MAX_URL),
                new PayNowRequest.PageResultOptions(
                        options != null && options.bool("AllowRegisterAccount", false),
                        invoiceOptions != null && invoiceOptions.bool("AllowViewStatement", false),
                        invoiceOptions == null || invoiceOptions.bool("AllowRemove", true),
                        invoiceOptions != null && invoiceOptions.bool("AllowViewRelated", false),
                        invoiceOptions != null && invoiceOptions.bool("AllowRemindMe", false)));
    }

    /** The most an amount may be, and what that most is called in a refusal. */
    private record Limit(BigDecimal max, String name, boolean signed) {
        static final Limit FEE = new Limit(MAX_FEE, "the limit", false);

        /** The same bound for a credit, whose size is as much a slip of the keyboard when it exceeds it. */
        Limit allowingCredit() {
            return new Limit(max, name, true);
        }
    }

    private static List<PayNowRequest.Customer> customers(Obj r, Limit payment) {
        List<Obj> list = r.objects("Customers", CUSTOMER, MAX_CUSTOMERS);
        if (list == null || list.isEmpty()) {
            throw new PayNowRequestException("Customers", "at least one customer is required");
        }
        List<PayNowRequest.Customer> out = new ArrayList<>();
        Set<String> accounts = new HashSet<>();
        Set<String> invoiceNumbers = new HashSet<>();
        int invoiceCount = 0;
        for (Obj c : list) {
            String account = c.text("AccountNumber", 50);
            if (account == null) {
                throw new PayNowRequestException(c.path("AccountNumber"), "required");
            }
            if (!accounts.add(account)) {
                throw new PayNowRequestException(c.path("AccountNumber"), "account " + account + " appears twice; send one customer per account");
            }
            List<PayNowRequest.Invoice> invoices = new ArrayList<>();
            List<Obj> given = c.objects("Invoices", INVOICE, MAX_INVOICES);
            for (Obj i : given == null ? List.<Obj>of() : given) {
                if (++invoiceCount > MAX_INVOICES) {
                    throw new PayNowRequestException(i.path(null), "more than " + MAX_INVOICES + " invoices in one request");
                }
                String number = i.text("InvoiceNumber", 50);
                if (number == null) {
                    throw new PayNowRequestException(i.path("InvoiceNumber"), "required");
                }
                if (!invoiceNumbers.add(number)) {
                    throw new PayNowRequestException(i.path("InvoiceNumber"), "invoice " + number + " appears twice");
                }
                BigDecimal balance = i.amount("BalanceDue", payment.allowingCredit());
                BigDecimal minimum = i.amount("MinimumAmountDue", payment);
                // Nothing is due on a credit, so no minimum above zero can be.
                if (minimum != null && balance != null && minimum.compareTo(balance.max(BigDecimal.ZERO)) > 0) {
                    throw new PayNowRequestException(i.path("MinimumAmountDue"), "is more than the BalanceDue " + balance.toPlainString());
                }
                invoices.add(new PayNowRequest.Invoice(number, i.integerOrNull("TypeID", 0, 9999), i.date("InvoiceDate"),
                        i.date("DueDate"), balance, i.amount("CCServiceFee", Limit.FEE), i.amount("ACHServiceFee", Limit.FEE),
                        minimum, i.boolOrNull("AllowPartialPayments")));
            }
            String email = c.text("EmailAddress", MAX_TEXT);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new PayNowRequestException(c.path("EmailAddress"), "'" + email + "' is not an email address");
            }
            out.add(new PayNowRequest.Customer(account, c.text("DisplayAccountNumber", 50), c.text("Name", MAX_TEXT),
                    c.text("Address", MAX_TEXT), c.text("City", MAX_TEXT), c.text("State", MAX_TEXT), c.text("Zip", 20),
                    email, invoices));
        }
        return out;
    }

    /** One JSON object of the request, its properties looked up without regard to case. */
    private static final class Obj {
        private final String prefix;
        private final Map<String, Map.Entry<String, JsonNode>> fields = new LinkedHashMap<>();

        Obj(JsonNode node, String prefix, Set<String> known) {
            this.prefix = prefix;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if (!known.contains(key)) {
                    throw new PayNowRequestException(prefix + e.getKey(), "unknown property");
                }
                if (fields.put(key, e) != null) {
                    throw new PayNowRequestException(prefix + e.getKey(), "given twice (property names are not case-sensitive)");
                }
            }
        }

        String path(String name) {
            return name == null ? prefix.replaceAll("\\.$", "") : prefix + actualName(name);
        }

        private String actualName(String name) {
            Map.Entry<String, JsonNode> e = fields.get(name.toLowerCase(Locale.ROOT));
            return e == null ? name : e.getKey();
        }

        /** The value, or null when absent or JSON null. */
        JsonNode get(String name) {
            Map.Entry<String, JsonNode> e = fields.get(name.toLowerCase(Locale.ROOT));
            return e == null || e.getValue().isNull() ? null : e.getValue();
        }

        String text(String name, int max) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            if (!v.isValueNode() || v.isBoolean()) {
                throw new PayNowRequestException(path(name), "expected a string");
            }
            String t = v.asText().trim();
            if (t.length() > max) {
                throw new PayNowRequestException(path(name), "longer than " + max + " characters");
            }
            if (t.chars().anyMatch(ch -> ch < 0x20)) {
                throw new PayNowRequestException(path(name), "contains control characters");
            }
            return t.isEmpty() ? null : t;
        }

        boolean bool(String name, boolean absent) {
            Boolean b = boolOrNull(name);
            return b == null ? absent : b;
        }

        Boolean boolOrNull(String name) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isTextual() && (v.asText().trim().equalsIgnoreCase("true") || v.asText().trim().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(v.asText().trim().toLowerCase(Locale.ROOT));
            }
            if (v.isIntegralNumber() && (v.intValue() == 0 || v.intValue() == 1)) {
                return v.intValue() == 1;
            }
            throw new PayNowRequestException(path(name), "expected true or false, got " + v);
        }

        int integer(String name, int absent, int min, int max) {
            Integer n = integerOrNull(name, min, max);
            return n == null ? absent : n;
        }

        Integer integerOrNull(String name, int min, int max) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            long n;
            if (v.isIntegralNumber()) {
                n = v.longValue();
            } else if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) {
                n = Long.parseLong(v.asText().trim());
            } else if (v.isBoolean() && min == 0 && max == 1) {
                n = v.booleanValue() ? 1 : 0;
            } else {
                throw new PayNowRequestException(path(name), "expected a whole number, got " + v);
            }
            if (n < min || n > max) {
                throw new PayNowRequestException(path(name), n + " is out of range " + min + ".." + max);
            }
            return (int) n;
        }

        /** Messages name the limit but never repeat the amount: written out, 1e999999999 would take a gigabyte. */
        BigDecimal amount(String name, Limit limit) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            BigDecimal amount;
            if (v.isNumber()) {
                amount = v.decimalValue();
            } else if (v.isTextual() && DECIMAL.matcher(v.asText().trim().replace("$", "").replace(",", "")).matches()) {
                amount = new BigDecimal(v.asText().trim().replace("$", "").replace(",", ""));
            } else if (v.isTextual() && v.asText().isBlank()) {
                return null;
            } else {
                throw new PayNowRequestException(path(name), "expected an amount such as 12.50, got " + v);
            }
            if (amount.signum() < 0 && !limit.signed()) {
                throw new PayNowRequestException(path(name), "must not be negative");
            }
            if (amount.stripTrailingZeros().scale() > 2) {
                throw new PayNowRequestException(path(name), "has more than two decimals");
            }
            if (amount.abs().compareTo(limit.max()) > 0) {
                throw new PayNowRequestException(path(name), (amount.signum() < 0 ? "is a credit of more than " : "is more than ")
                        + limit.name() + " of " + limit.max().setScale(2).toPlainString());
            }
            return amount.setScale(2);
        }

        LocalDate date(String name) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            String t = v.isTextual() ? v.asText().trim() : null;
            if (t == null) {
                throw new PayNowRequestException(path(name), "expected a date as MM/dd/yyyy or yyyy-MM-dd, got " + v);
            }
            if (t.isEmpty()) {
                return null;
            }
            try {
                var iso = ISO_DATE_TIME.matcher(t);
                if (iso.matches()) {
                    return LocalDate.parse(iso.group(1));
                }
                return t.contains("/") ? LocalDate.parse(t, US_DATE) : LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                throw new PayNowRequestException(path(name), "'" + t + "' is not a date as MM/dd/yyyy or yyyy-MM-dd");
            }
        }

        URI url(String name) {
            String t = text(name, MAX_URL);
            if (t == null) {
                return null;
            }
            try {
                URI uri = new URI(t);
                if (uri.getScheme() == null || uri.getHost() == null
                        || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
                    throw new PayNowRequestException(path(name), "'" + t + "' is not an absolute http(s) URL");
                }
                if (uri.getRawUserInfo() != null) {
                    throw new PayNowRequestException(path(name), "must not carry a user name or password");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new PayNowRequestException(path(name), "'" + t + "' is not a valid URL (" + e.getReason() + ")");
            }
        }

        Obj object(String name, Set<String> known) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            if (!v.isObject()) {
                throw new PayNowRequestException(path(name), "expected an object");
            }
            return new Obj(v, path(name) + ".", known);
        }

        List<Obj> objects(String name, Set<String> known, int max) {
            JsonNode v = get(name);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                throw new PayNowRequestException(path(name), "expected an array");
            }
            if (v.size() > max) {
                throw new PayNowRequestException(path(name), "more than " + max + " entries");
            }
            List<Obj> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                String at = path(name) + "[" + i + "]";
                if (!v.get(i).isObject()) {
                    throw new PayNowRequestException(at, "expected an object");
                }
                out.add(new Obj(v.get(i), at + ".", known));
            }
            return out;
        }
    }
}
