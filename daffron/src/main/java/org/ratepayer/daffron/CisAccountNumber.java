package org.ratepayer.daffron;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ratepayer.cis.AccountParts;

/**
 * How a biller's accounts are named to Daffron in every MultiSpeak call (accountNumber, objectID,
 * customerID): setting {@value DaffronSettings#CIS_ACCOUNT_NUMBER}, see docs/cis-account-number.md.
 *
 * <ul>
 *   <li>{@code AS_IN_FILE} (also when the setting is unset): the invoice file's account number, e.g. {@code 1001-1}</li>
 *   <li>{@code CUSTOM2_CUSTOM3:N}: the base (Custom2) followed by the sub (Custom3) zero-padded to N digits,
 *       e.g. base {@code 1001}, sub {@code 1}, N 3 gives {@code 1001001}</li>
 * </ul>
 *
 * <p>A sub longer than N digits is refused, never cut: a cut number names another account. Pure: no I/O.
 *
 * @param subDigits 0 for AS_IN_FILE, else the width the sub is padded to
 */
public record CisAccountNumber(int subDigits) {

    public static final String AS_IN_FILE_VALUE = "AS_IN_FILE";
    public static final CisAccountNumber AS_IN_FILE = new CisAccountNumber(0);
    static final int MAX_SUB_DIGITS = 9;
    private static final Pattern JOINED = Pattern.compile("CUSTOM2_CUSTOM3:(\\d{1,2})");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public CisAccountNumber {
        if (subDigits < 0 || subDigits > MAX_SUB_DIGITS) {
            throw new IllegalArgumentException(label() + " pads the sub to 1 to " + MAX_SUB_DIGITS + " digits, not "
                    + subDigits);
        }
    }

    /**
     * Reads the setting's value; null or blank is {@code AS_IN_FILE}.
     *
     * @throws IllegalArgumentException naming the setting and the accepted forms
     */
    public static CisAccountNumber parse(String value) {
        try {
            return read(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label() + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #parse}, for a caller that names the setting in its own words: the message says only
     * what is wrong with the value.
     */
    public static CisAccountNumber read(String value) {
        if (value == null || value.isBlank()) {
            return AS_IN_FILE;
        }
        String t = value.strip().toUpperCase(Locale.ROOT);
        if (t.equals(AS_IN_FILE_VALUE)) {
            return AS_IN_FILE;
        }
        Matcher m = JOINED.matcher(t);
        int digits = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (digits < 1 || digits > MAX_SUB_DIGITS) {
            throw new IllegalArgumentException("'" + value + "' is neither " + AS_IN_FILE_VALUE
                    + " nor CUSTOM2_CUSTOM3:N with N from 1 to " + MAX_SUB_DIGITS + " (e.g. CUSTOM2_CUSTOM3:3)");
        }
        return new CisAccountNumber(digits);
    }

    /** The value as stored: {@code AS_IN_FILE} or {@code CUSTOM2_CUSTOM3:N}. */
    public String canonical() {
        return subDigits == 0 ? AS_IN_FILE_VALUE : "CUSTOM2_CUSTOM3:" + subDigits;
    }

    /**
     * The account as the CIS knows it.
     *
     * @param accountNumber the invoice file's account number
     * @param parts         the account's Custom2 and Custom3, from its latest invoice
     * @throws IllegalArgumentException when the parts cannot form it, naming the field and the setting
     */
    public String of(String accountNumber, AccountParts parts) {
        if (subDigits == 0) {
            return accountNumber;
        }
        String base = numeric(parts.base(), "Custom2 (base account number)", accountNumber);
        String sub = numeric(parts.sub(), "Custom3 (sub account number)", accountNumber);
        if (sub.length() > subDigits) {
            throw new IllegalArgumentException("account " + accountNumber + ": Custom3 (sub account number) '" + sub
                    + "' has more than the " + subDigits + " digits " + label() + " (" + canonical() + ") pads it to");
        }
        return base + "0".repeat(subDigits - sub.length()) + sub;
    }

    private String numeric(String value, String field, String accountNumber) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("account " + accountNumber + " has no " + field + " on its latest invoice, which "
                    + label() + " (" + canonical() + ") needs");
        }
        String t = value.strip();
        if (!DIGITS.matcher(t).matches()) {
            throw new IllegalArgumentException("account " + accountNumber + ": " + field + " '" + value
                    + "' is not a number, which " + label() + " (" + canonical() + ") needs");
        }
        return t;
    }

    private static String label() {
        return "advanced setting " + DaffronSettings.CIS_ACCOUNT_NUMBER + " (CIS account number)";
    }
}
