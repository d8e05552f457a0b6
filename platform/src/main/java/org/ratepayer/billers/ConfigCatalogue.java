package org.ratepayer.billers;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The options and advanced settings of docs/daffron.md, with their kinds and the Daffron template's values. */
public final class ConfigCatalogue {

    public static final int OPT_BALANCE_FORWARD_BLOCK = 40;
    public static final int OPT_PAYABLE_INVOICE_ORDER = 41;
    public static final int OPT_PRESELECT_OPEN_INVOICES = 53;
    public static final int OPT_BILLER_PORTAL_CART = 54;
    public static final int OPT_RTDR_IGNORE_SIX_HOURS = 64;
    public static final int OPT_MULTIPLE_CUSTOMER_LOGIN = 74;
    public static final int OPT_ALLOW_CO_OWNERS = 78;
    public static final int OPT_MAX_CO_OWNERS = 79;
    public static final int OPT_BIF_KEEPS_EMAIL = 108;
    public static final int OPT_NO_OWNER_EMAIL_FILL = 112;
    public static final int OPT_AUTOPAY_GROUPING = 128;
    public static final int OPT_EMAIL_AFTER_PAYMENT = 131;
    public static final int OPT_PAYER_EMAIL_ONLY = 134;
    public static final int OPT_POST_SCHEDULED_PAYMENTS = 1001;
    public static final int OPT_PAYMENT_PAGE_SEARCH_FIELD = 1002;
    /** An invoice file whose CustomerName differs from the account's conveys the account (docs/conveyance.md). */
    public static final int OPT_AUTO_CONVEYANCE = 1011;
    /** Project-assigned: email each new bill to its account's users and paperless address; on when unset (docs/notices.md). */
    public static final int OPT_BILL_READY_EMAILS = 1014;
    /** Project-assigned: email reminders on a bill's first, second and third notify dates; on when unset (docs/notices.md). */
    public static final int OPT_PAYMENT_REMINDERS = 1015;
    /** Project-assigned: email a payer whose card paying autopay or a scheduled payment expires soon; on when unset (docs/notices.md). */
    public static final int OPT_CARD_EXPIRING_EMAILS = 1016;

    public static final int SET_SSO_LOGIN_URL = 3;
    public static final int SET_SUPPRESS_CHANGE_EMAIL = 6;
    public static final int SET_RTDR_URL = 8;
    public static final int SET_RTDR_USER = 9;
    public static final int SET_RTDR_PASSWORD = 10;
    public static final int SET_PAYMENT_URL = 11;
    public static final int SET_PAYMENT_USER = 12;
    public static final int SET_PAYMENT_PASSWORD = 13;
    public static final int SET_PAPERLESS_URL = 14;
    public static final int SET_PAPERLESS_USER = 15;
    public static final int SET_PAPERLESS_PASSWORD = 16;
    public static final int SET_AUTOPAY_URL = 17;
    public static final int SET_AUTOPAY_USER = 18;
    public static final int SET_AUTOPAY_PASSWORD = 19;
    public static final int SET_REMOTE_PDF_URL = 20;
    public static final int SET_BLOCK_FLAGS_READ_ONLY = 32;
    public static final int SET_SERVICE_VERSION = 35;
    public static final int SET_CARD_PAYMENT_MODES = 64;
    public static final int SET_ACH_PAYMENT_MODES = 65;
    public static final int SET_REMOTE_PDF_VERSION = 119;
    public static final int SET_JSON_CONFIGURATION = 131;
    /** Project-assigned: the https origins of the biller's Pay Now partners (see {@link AllowedOrigins}). */
    public static final int SET_PAYNOW_ORIGINS = 1003;
    /** Project-assigned: the key that signs Pay Now postbacks ({@code whsec_…}), encrypted at rest. */
    public static final int SET_PAYNOW_POSTBACK_SECRET = 1004;
    /** Project-assigned: the most a single payment may be, {@link #DEFAULT_MAXIMUM_PAYMENT} when unset (docs/payments.md). */
    public static final int SET_MAXIMUM_PAYMENT = 1005;
    /** Project-assigned: how accounts are named to the CIS, as in the file or Custom2+Custom3 (docs/cis-account-number.md). */
    public static final int SET_CIS_ACCOUNT_NUMBER = 1006;
    /** Project-assigned: the customer portal's accent colour, {@code #rrggbb}, legible under white text (docs/payers-portal.md). */
    public static final int SET_PORTAL_ACCENT_COLOUR = 1007;
    /** Project-assigned: days after an autopay decline on which it is tried again, "1,3" when unset, "none" for no retry (docs/autopay.md). */
    public static final int SET_AUTOPAY_RETRY_DAYS = 1009;
    /** Project-assigned: days before an autopay bill's collection date that its payers are emailed the upcoming charge, {@link #DEFAULT_AUTOPAY_NOTICE_DAYS} when unset, 0 for none (docs/autopay.md). */
    public static final int SET_AUTOPAY_NOTICE_DAYS = 1010;
    public static final int DEFAULT_AUTOPAY_NOTICE_DAYS = 3;
    /** Project-assigned: a prepaid account whose remaining balance falls below this amount gets a low-balance alert; unset: no amount threshold (docs/prepaid-alerts.md). */
    public static final int SET_PREPAID_ALERT_AMOUNT = 1012;
    /** Project-assigned: a prepaid account whose remaining days fall below this many gets a low-balance alert; unset: no days threshold (docs/prepaid-alerts.md). */
    public static final int SET_PREPAID_ALERT_DAYS = 1013;
    /** Project-assigned: the card and bank processor this biller's payments go to, SANDBOX when unset (docs/processors.md). */
    public static final int SET_PAYMENT_PROCESSOR = 1017;
    /** Project-assigned: the biller's Stripe secret key ({@code sk_live_…}, {@code sk_test_…} or a restricted {@code rk_…}), encrypted at rest (docs/processors.md). */
    public static final int SET_STRIPE_SECRET_KEY = 1018;
    /** Project-assigned: how payers' browsers take card and bank details, {@link #CARD_ENTRY_HOSTED} (the processor's own fields) when unset (docs/hosted-fields.md). */
    public static final int SET_CARD_ENTRY = 1019;
    /** Project-assigned: the biller's Stripe publishable key ({@code pk_live_…}, {@code pk_test_…}), public, for Stripe's hosted fields (docs/hosted-fields.md). */
    public static final int SET_STRIPE_PUBLISHABLE_KEY = 1020;
    public static final String CARD_ENTRY_HOSTED = "HOSTED";
    public static final String CARD_ENTRY_DIRECT = "DIRECT";
    /** Project-assigned: the signing secret of the biller's Stripe webhook endpoint ({@code whsec_…}), encrypted at rest (docs/ach.md). */
    public static final int SET_STRIPE_WEBHOOK_SECRET = 1021;
    /** Project-assigned: the secret the sandbox signs its webhook events with; derived from the master key when unset (docs/ach.md). */
    public static final int SET_SANDBOX_WEBHOOK_SECRET = 1022;
    public static final String PROCESSOR_SANDBOX = "SANDBOX";
    public static final String PROCESSOR_STRIPE = "STRIPE";
    public static final String PROCESSOR_AUTHORIZE_NET = "AUTHORIZE_NET";
    /** Project-assigned: the biller's Authorize.Net API login id (docs/processors.md, "Authorize.Net"). */
    public static final int SET_AUTHORIZE_NET_LOGIN_ID = 1023;
    /** Project-assigned: the biller's Authorize.Net transaction key, encrypted at rest, never shown (docs/processors.md). */
    public static final int SET_AUTHORIZE_NET_TRANSACTION_KEY = 1024;
    /** Project-assigned: the biller's Authorize.Net public client key, for Accept.js in the payer's browser; not a secret. */
    public static final int SET_AUTHORIZE_NET_CLIENT_KEY = 1025;

    /** What a biller that has not chosen its maximum single payment takes at most. */
    public static final BigDecimal DEFAULT_MAXIMUM_PAYMENT = new BigDecimal("99999.99");

    public static final String MOST_RECENT_INVOICE_FIRST = "MOST_RECENT_INVOICE_FIRST";

    /**
     * Setting 131 of a new Daffron biller: the payment GUID as transactionId, so the CIS never takes one
     * payment for a duplicate of another that shares its approval code (docs/postings.md). A biller
     * without the setting keeps the approval code.
     */
    static final String DAFFRON_JSON_CONFIGURATION = "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}";

    private final Map<Integer, ConfigDef> options;
    private final Map<Integer, ConfigDef> settings;

    private ConfigCatalogue(Map<Integer, ConfigDef> options, Map<Integer, ConfigDef> settings) {
        this.options = options;
        this.settings = settings;
    }

    public static ConfigCatalogue standard() {
        Map<Integer, ConfigDef> o = new LinkedHashMap<>();
        put(o, ConfigDef.bool(40, "Block payments on invoices with balance forward (only the newest invoice is payable)", "true").atInvoiceTypeLevel());
        put(o, ConfigDef.oneOf(41, "Only allow payments on", MOST_RECENT_INVOICE_FIRST,
                "ANY_INVOICE", "OLDEST_INVOICE_FIRST", MOST_RECENT_INVOICE_FIRST).atInvoiceTypeLevel());
        put(o, ConfigDef.bool(53, "Customer portal pre-selects open invoices", "false"));
        put(o, ConfigDef.bool(54, "Biller portal cart: pay several searched invoices at once", "true"));
        put(o, ConfigDef.bool(64, "Real-time refresh ignores the 6-hour recently-refreshed check", "true"));
        put(o, ConfigDef.bool(74, "Multiple customer login", "true"));
        put(o, ConfigDef.bool(78, "Customer portal allows co-owners", "true"));
        put(o, ConfigDef.range(79, "Maximum co-owners per account", 1, 100, "15"));
        put(o, ConfigDef.bool(108, "Invoice files do not update an existing customer email", "false"));
        put(o, ConfigDef.bool(112, "After a payment, do not fill an empty account-owner login email", "false"));
        put(o, ConfigDef.bool(128, "Autopay grouping by Custom10", "false"));
        put(o, ConfigDef.oneOf(131, "Update email address after payment", "ALLOW_UPDATES",
                "ALLOW_UPDATES", "ALLOW_CC_UPDATES", "PREVENT_UPDATES", "ALLOW_UNREGISTERED_UPDATES"));
        put(o, ConfigDef.bool(134, "One-time payments email only the payer's entered address", "false"));
        put(o, ConfigDef.bool(1001, "Post scheduled-payment comments to the CIS", "false"));
        put(o, ConfigDef.oneOf(1002, "Payment page: second search field besides the account number", "ZIP",
                "ZIP", "PHONE", "EMAIL", "CUSTOMER_NAME"));
        put(o, ConfigDef.bool(1011, "Auto-conveyance when the customer name changes in an invoice file", "false"));
        put(o, ConfigDef.bool(1014, "Send bill-ready emails (on when unset)", null));
        put(o, ConfigDef.bool(1015, "Send payment reminders on the notify dates (on when unset)", null));
        put(o, ConfigDef.bool(1016, "Send card-expiring emails (on when unset)", null));

        Map<Integer, ConfigDef> s = new LinkedHashMap<>();
        put(s, ConfigDef.of(3, "SSO customer login URL", ValueKind.URL));
        put(s, ConfigDef.range(6, "Customer portal: suppress change email", 0, 1, null));
        put(s, ConfigDef.of(8, "Real-time refresh endpoint URL", ValueKind.URL));
        put(s, ConfigDef.of(9, "Real-time refresh user", ValueKind.TEXT));
        put(s, ConfigDef.of(10, "Real-time refresh password", ValueKind.SECRET));
        put(s, ConfigDef.of(11, "Payment posting endpoint URL", ValueKind.URL));
        put(s, ConfigDef.of(12, "Payment posting user", ValueKind.TEXT));
        put(s, ConfigDef.of(13, "Payment posting password", ValueKind.SECRET));
        put(s, ConfigDef.of(14, "Paperless posting endpoint URL", ValueKind.URL));
        put(s, ConfigDef.of(15, "Paperless posting user", ValueKind.TEXT));
        put(s, ConfigDef.of(16, "Paperless posting password", ValueKind.SECRET));
        put(s, ConfigDef.of(17, "Autopay posting endpoint URL", ValueKind.URL));
        put(s, ConfigDef.of(18, "Autopay posting user", ValueKind.TEXT));
        put(s, ConfigDef.of(19, "Autopay posting password", ValueKind.SECRET));
        put(s, ConfigDef.of(20, "Remote PDF base URL", ValueKind.URL));
        put(s, ConfigDef.range(32, "Block ACH/CC flags are read-only in the biller portal", 0, 1, "1"));
        put(s, ConfigDef.range(35, "Service version for payment posting amounts", 1, 2, "1"));
        put(s, ConfigDef.of(64, "Payment modes for card payments by channel", ValueKind.PAYMENT_MODE_MAP));
        put(s, ConfigDef.of(65, "Payment modes for ACH payments by channel", ValueKind.PAYMENT_MODE_MAP));
        put(s, ConfigDef.range(119, "Remote PDF service version", 1, 4, "1"));
        put(s, ConfigDef.of(131, "JSON configuration", ValueKind.JSON).withDaffronDefault(DAFFRON_JSON_CONFIGURATION));
        put(s, ConfigDef.of(1003, "Pay Now partner origins (PostBackURL, ReturnURL, CssUrl and iframe hosts)", ValueKind.ORIGIN_LIST));
        put(s, ConfigDef.of(1004, "Pay Now postback signing secret", ValueKind.SIGNING_SECRET));
        put(s, ConfigDef.of(1005, "Maximum single payment", ValueKind.AMOUNT));
        put(s, ConfigDef.of(1006, "CIS account number: AS_IN_FILE, or CUSTOM2_CUSTOM3:N (the sub zero-padded to N digits)",
                ValueKind.CIS_ACCOUNT_NUMBER));
        put(s, ConfigDef.of(1007, "Portal accent colour (#rrggbb, white text on it must meet WCAG AA contrast)", ValueKind.COLOUR));
        put(s, ConfigDef.of(1009, "Autopay decline retries: days after the first decline, e.g. 1,3 (the default), or none", ValueKind.TEXT));
        put(s, ConfigDef.range(1010, "Autopay: days before the collection date to email the upcoming charge (3 when unset, 0: no email)", 0, 30,
                null));
        put(s, ConfigDef.of(1012, "Prepaid low-balance alert amount: alert when the remaining balance falls below it (unset: no amount threshold)",
                ValueKind.AMOUNT_OR_ZERO));
        put(s, ConfigDef.range(1013, "Prepaid low-balance alert days: alert when the remaining days fall below it (unset: no days threshold)", 0, 60,
                null));
        put(s, ConfigDef.oneOf(1017, "Payment processor: SANDBOX (the built-in test processor, when unset), STRIPE or AUTHORIZE_NET", null,
                PROCESSOR_SANDBOX, PROCESSOR_STRIPE, PROCESSOR_AUTHORIZE_NET));
        put(s, ConfigDef.of(1018, "Stripe secret key (sk_live_…, sk_test_… or a restricted rk_… key)", ValueKind.STRIPE_SECRET_KEY));
        put(s, ConfigDef.oneOf(1019, "Card entry: HOSTED (the processor's own fields, when unset) or DIRECT (card fields posted to"
                + " Ratepayer: PCI DSS SAQ D, only for processors that take card numbers from servers)", null,
                CARD_ENTRY_HOSTED, CARD_ENTRY_DIRECT));
        put(s, ConfigDef.of(1020, "Stripe publishable key (pk_live_… or pk_test_…), for Stripe's hosted card fields",
                ValueKind.STRIPE_PUBLISHABLE_KEY));
        put(s, ConfigDef.of(1021, "Stripe webhook signing secret (whsec_…, of the endpoint /webhooks/stripe/{biller GUID})", ValueKind.SECRET));
        put(s, ConfigDef.of(1022, "Sandbox webhook signing secret (unset: derived from the master key)", ValueKind.SECRET));
        put(s, ConfigDef.of(1023, "Authorize.Net API login id", ValueKind.AUTHORIZE_NET_LOGIN_ID));
        put(s, ConfigDef.of(1024, "Authorize.Net transaction key", ValueKind.AUTHORIZE_NET_TRANSACTION_KEY));
        put(s, ConfigDef.of(1025, "Authorize.Net public client key (Accept.js)", ValueKind.AUTHORIZE_NET_CLIENT_KEY));
        return new ConfigCatalogue(Map.copyOf(o), Map.copyOf(s));
    }

    private static void put(Map<Integer, ConfigDef> map, ConfigDef def) {
        map.put(def.id(), def);
    }

    public Optional<ConfigDef> option(int id) {
        return Optional.ofNullable(options.get(id));
    }

    public Optional<ConfigDef> setting(int id) {
        return Optional.ofNullable(settings.get(id));
    }

    public Collection<ConfigDef> options() {
        return options.values();
    }

    public Collection<ConfigDef> settings() {
        return settings.values();
    }
}
