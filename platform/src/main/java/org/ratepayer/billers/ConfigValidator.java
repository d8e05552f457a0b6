package org.ratepayer.billers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ratepayer.shared.json.JsonProblem;

/**
 * Checks one option or setting value against its definition and turns it into the canonical text
 * that is stored. Everything a biller's configuration sheet can get wrong is refused here, with a
 * message that names the option or setting, so that a bad value never reaches the payment path.
 */
public final class ConfigValidator {

    private static final Pattern PAYMENT_MODE_ENTRY = Pattern.compile("(\\d{1,2})\\(([A-Za-z0-9_]{1,20})\\)");
    /** Payment source ids 0..8: WEB, CPV2, CSRWEB, IVR, KIOSK, OBD, AUTOPAY, SCHEDULED, POS. */
    private static final int MAX_PAYMENT_SOURCE_ID = 8;
    /**
     * The largest amount a setting may hold: a payment of it plus its fee, and a day's batch of many of them,
     * still fit the database's numeric(15, 2) columns.
     */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");
    private static final Pattern PLAIN_AMOUNT = Pattern.compile("\\d{1,8}(\\.\\d{1,2})?");

    private final ObjectMapper json;

    public ConfigValidator(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param label "option 131" or "setting 64", used in every message
     * @param value the JSON value the caller sent (string, number, boolean or null)
     * @return the canonical text to store, or null to clear the value
     */
    public String canonical(ConfigDef def, String label, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String who = label + " (" + def.name() + ")";
        return switch (def.kind()) {
            case BOOLEAN -> bool(who, value);
            case ENUM -> oneOf(def, who, text(who, value));
            case INTEGER -> integer(def, who, value);
            case TEXT, SECRET -> nonBlank(who, text(who, value));
            case URL -> url(who, text(who, value));
            case JSON -> jsonConfiguration(who, value);
            case PAYMENT_MODE_MAP -> paymentModes(who, text(who, value));
            case ORIGIN_LIST -> origins(who, text(who, value));
            case SIGNING_SECRET -> signingSecret(who, text(who, value));
            case AMOUNT -> amount(who, value, false);
            case AMOUNT_OR_ZERO -> amount(who, value, true);
            case CIS_ACCOUNT_NUMBER -> cisAccountNumber(who, text(who, value));
            case COLOUR -> colour(who, text(who, value));
            case STRIPE_SECRET_KEY -> stripeSecretKey(who, text(who, value));
            case AUTHORIZE_NET_LOGIN_ID -> shaped(who, text(who, value), ANET_LOGIN_ID, "not an Authorize.Net API login id (1 to 25 letters and digits)");
            case AUTHORIZE_NET_TRANSACTION_KEY -> shaped(who, text(who, value), ANET_TRANSACTION_KEY,
                    "not an Authorize.Net transaction key (16 letters and digits; never the signature key or the public client key)");
            case AUTHORIZE_NET_CLIENT_KEY -> shaped(who, text(who, value), ANET_CLIENT_KEY,
                    "not an Authorize.Net public client key (letters and digits, from Account > Settings > Manage Public Client Key)");
            case STRIPE_PUBLISHABLE_KEY -> stripePublishableKey(who, text(who, value));
        };
    }

    /** The stored canonical text as the API shows it: booleans and numbers as JSON values, 131 as an object. */
    public JsonNode storedAsJson(ConfigDef def, String stored) {
        if (stored == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (def == null) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(stored);
        }
        try {
            return switch (def.kind()) {
                case BOOLEAN -> com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(stored));
                case INTEGER -> com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(stored));
                case AMOUNT, AMOUNT_OR_ZERO -> com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new BigDecimal(stored));
                case JSON -> json.readTree(stored);
                default -> com.fasterxml.jackson.databind.node.TextNode.valueOf(stored);
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(stored);
        }
    }

    private static String text(String who, JsonNode value) {
        if (!value.isValueNode()) {
            throw new ConfigValidationException(who + ": expected a single value, got " + describe(value));
        }
        return value.asText();
    }

    private static String nonBlank(String who, String text) {
        if (text.isBlank()) {
            throw new ConfigValidationException(who + ": must not be blank (send null to clear it)");
        }
        if (text.length() > 2000) {
            throw new ConfigValidationException(who + ": longer than 2000 characters");
        }
        return text;
    }

    private static String bool(String who, JsonNode value) {
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        String t = value.isValueNode() ? value.asText().trim().toLowerCase() : "";
        return switch (t) {
            case "true", "on", "y", "yes", "1" -> "true";
            case "false", "off", "n", "no", "0" -> "false";
            default -> throw new ConfigValidationException(who + ": expected true or false, got " + describe(value));
        };
    }

    private static String oneOf(ConfigDef def, String who, String text) {
        String t = text.trim().toUpperCase().replace(' ', '_');
        if (!def.allowed().contains(t)) {
            throw new ConfigValidationException(who + ": '" + text + "' is not one of " + String.join(", ", def.allowed()));
        }
        return t;
    }

    private static String integer(ConfigDef def, String who, JsonNode value) {
        long n;
        if (value.isIntegralNumber()) {
            n = value.longValue();
        } else if (value.isTextual() && value.asText().trim().matches("-?\\d{1,9}")) {
            n = Long.parseLong(value.asText().trim());
        } else {
            throw new ConfigValidationException(who + ": expected a whole number, got " + describe(value));
        }
        if (n < def.min() || n > def.max()) {
            throw new ConfigValidationException(who + ": " + n + " is out of range " + def.min() + ".." + def.max());
        }
        return Long.toString(n);
    }

    /**
     * Dollars and cents as a JSON number or a plain string ("150000", "2500.50"); stored with two decimals.
     *
     * @param zeroAllowed 0.00 is a meaningful value (a threshold: "below zero"), not only a positive amount
     */
    private static String amount(String who, JsonNode value, boolean zeroAllowed) {
        BigDecimal amount = null;
        if (value.isNumber()) {
            amount = value.decimalValue();
        } else if (value.isTextual() && PLAIN_AMOUNT.matcher(value.asText().trim()).matches()) {
            amount = new BigDecimal(value.asText().trim());
        }
        if (amount == null || amount.signum() < (zeroAllowed ? 0 : 1) || amount.stripTrailingZeros().scale() > 2
                || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new ConfigValidationException(who + ": expected an amount " + (zeroAllowed ? "of 0 or more" : "more than 0")
                    + " and at most " + MAX_AMOUNT.toPlainString() + ", with at most two decimals, such as "
                    + (zeroAllowed ? "20.00" : "150000.00"));
        }
        return amount.setScale(2).toPlainString();
    }

    /** Refused unless white text on it meets WCAG AA, since the portal writes white on the accent (docs/payers-portal.md). */
    private static String colour(String who, String text) {
        try {
            return AccentColour.read(text).hex();
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException(who + ": " + e.getMessage());
        }
    }

    /** The connector's own rule decides, so what is stored is exactly what it will accept. */
    private static String cisAccountNumber(String who, String text) {
        try {
            return org.ratepayer.daffron.CisAccountNumber.read(nonBlank(who, text)).canonical();
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException(who + ": " + e.getMessage());
        }
    }

    private static String url(String who, String text) {
        String t = text.trim();
        try {
            URI uri = new URI(t);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new ConfigValidationException(who + ": '" + t + "' is not an http or https URL");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new ConfigValidationException(who + ": '" + t + "' has no host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new ConfigValidationException(who + ": credentials must not be put in the URL; use the user and password settings");
            }
            return t;
        } catch (URISyntaxException e) {
            throw new ConfigValidationException(who + ": '" + t + "' is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static String origins(String who, String text) {
        try {
            AllowedOrigins origins = AllowedOrigins.parse(text);
            if (origins.isEmpty()) {
                throw new ConfigValidationException(who + ": empty; expected origins like https://portal.example.org (send null to clear it)");
            }
            return origins.canonical();
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException(who + ": " + e.getMessage());
        }
    }

    /*
     * Only the shape is checked (a publishable pk_ key pasted by mistake is the usual slip); whether Stripe takes the key shows
     * at the first call. The message never repeats the value: it is a secret.
     */
    private static final java.util.regex.Pattern STRIPE_KEY = java.util.regex.Pattern.compile("(sk|rk)_(live|test)_[A-Za-z0-9]{8,247}");

    private static final Pattern ANET_LOGIN_ID = Pattern.compile("[A-Za-z0-9]{1,25}");
    private static final Pattern ANET_TRANSACTION_KEY = Pattern.compile("[A-Za-z0-9]{16}");
    private static final Pattern ANET_CLIENT_KEY = Pattern.compile("[A-Za-z0-9]{20,128}");

    /** A value of a fixed shape; the message never repeats the value, which may be a secret. */
    private static String shaped(String who, String text, Pattern shape, String refusal) {
        String t = text.trim();
        if (!shape.matcher(t).matches()) {
            throw new ConfigValidationException(who + ": " + refusal);
        }
        return t;
    }

    private static final java.util.regex.Pattern STRIPE_PUBLISHABLE_KEY = java.util.regex.Pattern.compile("pk_(live|test)_[A-Za-z0-9]{8,247}");

    private static String stripePublishableKey(String who, String text) {
        String t = text.trim();
        if (!STRIPE_PUBLISHABLE_KEY.matcher(t).matches()) {
            throw new ConfigValidationException(who + ": not a Stripe publishable key (pk_live_… or pk_test_…; never the secret sk_ key)");
        }
        return t;
    }

    private static String stripeSecretKey(String who, String text) {
        String t = text.trim();
        if (!STRIPE_KEY.matcher(t).matches()) {
            throw new ConfigValidationException(who + ": not a Stripe secret key (sk_live_…, sk_test_…, or a restricted rk_live_…/rk_test_… key;"
                    + " never the publishable pk_ key)");
        }
        return t;
    }

    private static String signingSecret(String who, String text) {
        String t = text.trim();
        byte[] key;
        try {
            key = t.startsWith("whsec_") ? java.util.Base64.getDecoder().decode(t.substring(6)) : null;
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null || key.length < 24 || key.length > 64) {
            // The value itself is never echoed: it is a secret.
            throw new ConfigValidationException(who + ": expected whsec_ followed by the base64 of 24 to 64 random bytes"
                    + " (e.g. from: echo whsec_$(openssl rand -base64 32))");
        }
        return t;
    }

    static String paymentModes(String who, String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new ConfigValidationException(who + ": empty; expected entries like 0(WEB)|2(CSRWEB)|8(POS)");
        }
        Set<Integer> seen = new HashSet<>();
        int position = 0;
        for (String entry : t.split("\\|", -1)) {
            position++;
            Matcher m = PAYMENT_MODE_ENTRY.matcher(entry.trim());
            if (!m.matches()) {
                throw new ConfigValidationException(who + ": entry " + position + " '" + entry
                        + "' is not paymentSourceID(code), e.g. 0(WEB)|2(CSRWEB)|8(POS)");
            }
            int source = Integer.parseInt(m.group(1));
            if (source > MAX_PAYMENT_SOURCE_ID) {
                throw new ConfigValidationException(who + ": entry " + position + " '" + entry
                        + "' names payment source " + source + ", but sources are 0.." + MAX_PAYMENT_SOURCE_ID);
            }
            if (!seen.add(source)) {
                throw new ConfigValidationException(who + ": payment source " + source + " appears twice");
            }
        }
        return t.replace(" ", "");
    }

    private String jsonConfiguration(String who, JsonNode value) {
        JsonNode root = value;
        if (value.isTextual()) {
            try {
                root = json.readTree(value.asText());
            } catch (JsonProcessingException e) {
                throw new ConfigValidationException(who + ": " + JsonProblem.of(e).detail());
            }
        }
        if (root == null || !root.isObject()) {
            throw new ConfigValidationException(who + ": must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "PdfConfig" -> checkPdfConfig(who, e.getValue());
                case "Daffron" -> checkDaffron(who, e.getValue());
                default -> throw new ConfigValidationException(who + ": unknown key '" + e.getKey() + "' (known: PdfConfig, Daffron)");
            }
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkPdfConfig(String who, JsonNode node) {
        requireObject(who, "PdfConfig", node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("BCTRModifier")) {
                throw new ConfigValidationException(who + ": unknown key 'PdfConfig." + e.getKey() + "' (known: BCTRModifier)");
            }
            if (!e.getValue().isTextual() || !e.getValue().asText().equals("ValueAfterDash")) {
                throw new ConfigValidationException(who + ": PdfConfig.BCTRModifier must be \"ValueAfterDash\"");
            }
        }
    }

    private static void checkDaffron(String who, JsonNode node) {
        requireObject(who, "Daffron", node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("DataPumpConfigs")) {
                throw new ConfigValidationException(who + ": unknown key 'Daffron." + e.getKey() + "' (known: DataPumpConfigs)");
            }
            JsonNode configs = e.getValue();
            requireObject(who, "Daffron.DataPumpConfigs", configs);
            for (Iterator<Map.Entry<String, JsonNode>> c = configs.properties().iterator(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> f = c.next();
                switch (f.getKey()) {
                    case "SkipDonationTypes" -> {
                        if (!f.getValue().isBoolean()) {
                            throw new ConfigValidationException(who + ": Daffron.DataPumpConfigs.SkipDonationTypes must be true or false");
                        }
                    }
                    case "TransactionIdSource" -> {
                        String v = f.getValue().asText();
                        if (!f.getValue().isTextual() || !(v.equals("PaymentGuid") || v.equals("ApprovalCode"))) {
                            throw new ConfigValidationException(who
                                    + ": Daffron.DataPumpConfigs.TransactionIdSource must be \"PaymentGuid\" or \"ApprovalCode\"");
                        }
                    }
                    default -> throw new ConfigValidationException(who + ": unknown key 'Daffron.DataPumpConfigs." + f.getKey()
                            + "' (known: SkipDonationTypes, TransactionIdSource)");
                }
            }
        }
    }

    private static void requireObject(String who, String path, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigValidationException(who + ": " + path + " must be a JSON object");
        }
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return value.isValueNode() ? "'" + value.asText() + "'" : "a JSON " + type.name().toLowerCase();
    }
}
