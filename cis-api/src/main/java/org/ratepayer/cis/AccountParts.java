package org.ratepayer.cis;

/**
 * The two numbers an account is made of on the CIS side, as the invoice file carries them on the
 * account's latest invoice: {@code base} is Custom2 (the customer number), {@code sub} is Custom3 (the
 * account under it). Either is null when the files carry none; a connector that needs them says so
 * (docs/cis-account-number.md).
 */
public record AccountParts(String base, String sub) {

    /** Nothing known, e.g. an account without invoices, or a posting queued before parts were recorded. */
    public static final AccountParts UNKNOWN = new AccountParts(null, null);
}
