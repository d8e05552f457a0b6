package org.ratepayer.billers;

/** How an option's or setting's value is written and checked. */
public enum ValueKind {
    BOOLEAN,
    ENUM,
    INTEGER,
    TEXT,
    URL,
    SECRET,
    JSON,
    PAYMENT_MODE_MAP,
    /** Setting 1003: https origins, see {@link AllowedOrigins}. */
    ORIGIN_LIST,
    /** A signing key in Standard Webhooks form, {@code whsec_} + base64 of 24 to 64 random bytes; kept encrypted like {@link #SECRET}. */
    SIGNING_SECRET,
    /** An amount of money in dollars and cents, more than zero; see {@link ConfigValidator#MAX_AMOUNT}. */
    AMOUNT,
    /** Setting 1012: an amount of money in dollars and cents, zero or more; see {@link ConfigValidator#MAX_AMOUNT}. */
    AMOUNT_OR_ZERO,
    /** Setting 1006: {@code AS_IN_FILE} or {@code CUSTOM2_CUSTOM3:N}, see {@link org.ratepayer.daffron.CisAccountNumber}. */
    CIS_ACCOUNT_NUMBER,
    /** Setting 1007: a colour {@code #rrggbb} that white text on it can be read against, see {@link AccentColour}. */
    COLOUR,
    /** Setting 1018: a Stripe secret or restricted key, {@code sk_live_…}, {@code sk_test_…}, {@code rk_live_…}, {@code rk_test_…}; kept encrypted like {@link #SECRET}. */
    STRIPE_SECRET_KEY,
    /** Setting 1023: an Authorize.Net API login id, 1 to 25 letters and digits (docs/processors.md). */
    AUTHORIZE_NET_LOGIN_ID,
    /** Setting 1024: an Authorize.Net transaction key, 16 letters and digits; kept encrypted like {@link #SECRET}. */
    AUTHORIZE_NET_TRANSACTION_KEY,
    /** Setting 1025: an Authorize.Net public client key for Accept.js, letters and digits; public, shown like any setting. */
    AUTHORIZE_NET_CLIENT_KEY,
    /** Setting 1020: a Stripe publishable key, {@code pk_live_…} or {@code pk_test_…}; public (it goes to payers' browsers), not sealed. */
    STRIPE_PUBLISHABLE_KEY
}
