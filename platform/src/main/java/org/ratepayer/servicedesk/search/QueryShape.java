package org.ratepayer.servicedesk.search;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a staff member typed into the one search box, read by its shape (docs/staff-search.md, "Reading the box"): a
 * GUID can only be a payment, an {@code @} only an email, {@code *1234} only the last four digits of a card or bank
 * account; a bare four-digit or all-digit text may be several things, so every kind it may be is searched, most
 * likely first. Pure: no Spring, no database.
 */
public final class QueryShape {

    /** What a search term may be; the order of a {@link Reading}'s kinds is the order hits are listed in. */
    public enum Kind {
        ACCOUNT_NUMBER, INVOICE_NUMBER, PAYMENT_GUID, CONFIRMATION, LAST4, EMAIL, PHONE, NAME
    }

    /**
     * @param term  the text to search for: trimmed; lower case for a GUID and an email; only the digits for a phone
     *              and the last four
     * @param kinds what the term may be, most likely first; empty for an empty box (the filters alone)
     */
    public record Reading(String term, List<Kind> kinds) {
        public Reading {
            kinds = List.copyOf(kinds);
        }
    }

    /** The longest text the box takes: longer is not any of the kinds, and would only make the search slow. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern MASKED_LAST4 = Pattern.compile("(?:[*xX•.]+|[*xX•.]*\\s*(?:ending(?:\\s+in)?|last\\s*4?)\\s*)(\\d{4})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Digits with the punctuation people write phone numbers with. */
    private static final Pattern PHONE_WRITTEN = Pattern.compile("\\+?[\\d\\s().-]+");
    /** One word with a digit in it: an account, invoice or approval code ("A-1001", "INV7", "123456"). */
    private static final Pattern CODE = Pattern.compile("\\S*\\d\\S*");

    private static final Pattern WHOLE_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}");

    private QueryShape() {
    }

    /**
     * Whether an email term is a whole address ({@code ann@example.org}) rather than a part of one ({@code ann@},
     * {@code @example}): a whole one is looked up by equality, which an ordinary index answers at once however many
     * addresses share its domain, where "contains" has to weigh every address with the same letters.
     */
    public static boolean wholeEmail(String term) {
        return WHOLE_EMAIL.matcher(term).matches();
    }

    public static Reading read(String box) {
        String q = box == null ? "" : box.strip();
        if (q.isEmpty()) {
            return new Reading("", List.of());
        }
        if (q.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("q: at most " + MAX_LENGTH + " characters");
        }
        if (GUID.matcher(q).matches()) {
            return new Reading(q.toLowerCase(Locale.ROOT), List.of(Kind.PAYMENT_GUID));
        }
        if (q.indexOf('@') >= 0) {
            return new Reading(q.toLowerCase(Locale.ROOT), List.of(Kind.EMAIL));
        }
        var masked = MASKED_LAST4.matcher(q);
        if (masked.matches()) {
            return new Reading(masked.group(1), List.of(Kind.LAST4));
        }
        if (FOUR_DIGITS.matcher(q).matches()) {
            return new Reading(q, List.of(Kind.LAST4, Kind.ACCOUNT_NUMBER, Kind.INVOICE_NUMBER, Kind.CONFIRMATION));
        }
        String digits = q.replaceAll("\\D", "");
        boolean phoneLength = digits.length() == 10 || (digits.length() == 11 && digits.charAt(0) == '1');
        if (DIGITS.matcher(q).matches()) {
            // an all-digit text is usually an account or invoice; it may be a phone typed without punctuation
            return new Reading(q, phoneLength
                    ? List.of(Kind.ACCOUNT_NUMBER, Kind.INVOICE_NUMBER, Kind.CONFIRMATION, Kind.PHONE)
                    : List.of(Kind.ACCOUNT_NUMBER, Kind.INVOICE_NUMBER, Kind.CONFIRMATION));
        }
        if (phoneLength && PHONE_WRITTEN.matcher(q).matches()) {
            return new Reading(digits, List.of(Kind.PHONE));
        }
        if (CODE.matcher(q).matches()) {
            return new Reading(q, List.of(Kind.ACCOUNT_NUMBER, Kind.INVOICE_NUMBER, Kind.CONFIRMATION));
        }
        return new Reading(q, List.of(Kind.NAME));
    }
}
