package org.ratepayer.bif;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;

/**
 * The value rules of the format, written by hand because they run for every field of every row:
 * a regex or DateTimeFormatter would cost more than the rest of the parse. Each parser returns a
 * sentinel (null or {@link #INVALID}) rather than throwing, so garbage input stays cheap.
 */
final class ValueSyntax {

    /** Returned by {@link #cents} and {@link #integer} for text that is not a number. */
    static final long INVALID = Long.MIN_VALUE;

    static final int MAX_AMOUNT_DIGITS = 15;
    static final int MAX_INTEGER_DIGITS = 18;
    private static final int MIN_YEAR = 1900;
    private static final int ECHO_MAX = 40;

    private ValueSyntax() {
    }

    /** {@code -?digits[.d[d]]} as a number of cents; at most 15 digits keeps any sum of a file in a long for a while. */
    static long cents(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = n > 0 && s.charAt(0) == '-';
        if (negative) {
            i = 1;
        }
        int start = i;
        long value = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        int digits = i - start;
        if (digits == 0 || digits > MAX_AMOUNT_DIGITS) {
            return INVALID;
        }
        value *= 100;
        if (i < n) {
            int decimals = n - i - 1;
            if (s.charAt(i) != '.' || decimals < 1 || decimals > 2) {
                return INVALID;
            }
            int tenths = digit(s.charAt(i + 1));
            int hundredths = decimals == 2 ? digit(s.charAt(i + 2)) : 0;
            if (tenths < 0 || hundredths < 0) {
                return INVALID;
            }
            value += tenths * 10L + hundredths;
        }
        return negative ? -value : value;
    }

    /** The amount with scale 2, or null when the text is not an amount. */
    static BigDecimal amount(String s) {
        long cents = cents(s);
        return cents == INVALID ? null : BigDecimal.valueOf(cents, 2);
    }

    /** {@code -?digits}, at most 18 digits so that every value fits a long. */
    static long integer(String s) {
        int n = s.length();
        boolean negative = n > 0 && s.charAt(0) == '-';
        int start = negative ? 1 : 0;
        int digits = n - start;
        if (digits == 0 || digits > MAX_INTEGER_DIGITS) {
            return INVALID;
        }
        long value = 0;
        for (int i = start; i < n; i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return INVALID;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    /** {@code MM/dd/yyyy}, a real calendar day from 1900 on, or null. */
    static LocalDate date(String s) {
        int packed = packedDate(s);
        return packed < 0 ? null : LocalDate.of(packed / 10000, packed / 100 % 100, packed % 100);
    }

    /** Like {@link #date} without allocating, for validation. */
    static boolean isDate(String s) {
        return packedDate(s) >= 0;
    }

    /** The date as yyyyMMdd, or -1. */
    private static int packedDate(String s) {
        if (s.length() != 10 || s.charAt(2) != '/' || s.charAt(5) != '/') {
            return -1;
        }
        int month = number(s, 0, 2);
        int day = number(s, 3, 5);
        int year = number(s, 6, 10);
        if (month < 1 || month > 12 || day < 1 || year < MIN_YEAR) {
            return -1;
        }
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return -1;
        }
        return year * 10000 + month * 100 + day;
    }

    /** {@code MM/dd/yyyy} (midnight) or {@code MM/dd/yyyy HH:mm:ss}, or null. */
    static LocalDateTime dateTime(String s) {
        if (s.length() == 10) {
            LocalDate date = date(s);
            return date == null ? null : date.atStartOfDay();
        }
        if (s.length() != 19 || s.charAt(10) != ' ' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        LocalDate date = date(s.substring(0, 10));
        int hour = number(s, 11, 13);
        int minute = number(s, 14, 16);
        int second = number(s, 17, 19);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return date.atTime(hour, minute, second);
    }

    /** Y/N, 1/0, true/false in any case, or null. */
    static Boolean flag(String s) {
        switch (s.length()) {
            case 1 -> {
                char c = s.charAt(0);
                if (c == 'Y' || c == 'y' || c == '1') {
                    return Boolean.TRUE;
                }
                if (c == 'N' || c == 'n' || c == '0') {
                    return Boolean.FALSE;
                }
                return null;
            }
            case 4 -> {
                return "true".equalsIgnoreCase(s) ? Boolean.TRUE : null;
            }
            case 5 -> {
                return "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** 8-4-4-4-12 hex digits in either case. */
    static boolean isGuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean hyphenPlace = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPlace ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Looks like local@domain.tld: a plain local part (no spaces, quotes or brackets, no empty
     * dot-separated piece) and a domain of at least two labels. Deliberately not RFC 5322's full
     * grammar: quoted local parts and IP literals are legal there but never seen in a utility's
     * customer file, and accepting them would let typos through.
     */
    static boolean isEmail(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at > 64 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            return false;
        }
        return isLocalPart(s, at) && isDomain(s, at + 1);
    }

    private static boolean isLocalPart(String s, int end) {
        char previous = '.';
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || Character.isISOControl(c) || "()<>[]\\,;:\"".indexOf(c) >= 0) {
                return false;
            }
            if (c == '.' && previous == '.') {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }

    private static boolean isDomain(String s, int start) {
        int labels = 0;
        int labelStart = start;
        for (int i = start; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, labelStart, i)) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            }
        }
        return labels >= 2 && isTopLevel(s, s.lastIndexOf('.') + 1);
    }

    private static boolean isLabel(String s, int from, int to) {
        if (to - from < 1 || to - from > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '-' && !Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTopLevel(String s, int from) {
        if (s.length() - from < 2) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text holds a C0 or C1 control character (tab included: it only ever arrives by mistake). */
    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The length users count: characters, so an emoji is one and not two UTF-16 units. */
    static int length(String s, int max) {
        return s.length() <= max ? s.length() : s.codePointCount(0, s.length());
    }

    /** A value quoted for an error message: shortened, control characters made visible as '?'. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), ECHO_MAX) + 3).append('"');
        int end = Math.min(s.length(), ECHO_MAX);
        if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (end < s.length()) {
            out.append('…');
        }
        return out.append('"').toString();
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    /** The decimal number in s[from, to), or -1 when any character is not a digit. */
    private static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
