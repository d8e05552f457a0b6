package org.ratepayer.reports.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The fixed-width payment export, laid out exactly as docs/payment-export.md says: pure, so the layout is tested
 * against the hand-written files without a database.
 */
public final class ExportLayout {

    /** Every record's length, without its CR LF. */
    public static final int RECORD_LENGTH = 146;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private ExportLayout() {
    }

    /** The file as a whole: who, which days, when made. */
    public record Header(long bid, String billerName, LocalDate from, LocalDate to, ZonedDateTime madeAt) {
    }

    /**
     * One account a payment paid.
     *
     * @param paymentId    tells payments apart for the trailer's payment count
     * @param paidAt       the payment's creation, in the biller's zone
     * @param method       CARD or ACH
     * @param invoice      null for a prepayment
     * @param last4        null if unknown
     */
    public record Line(long paymentId, String account, String invoice, BigDecimal amount, ZonedDateTime paidAt, String channel,
            String method, String last4, UUID allocationGuid) {
    }

    /** A payment the layout cannot hold without cutting a value a reader relies on. */
    public static final class TooLong extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLong(String message) {
            super(message);
        }
    }

    /** The whole file; {@code lines} in file order, their payment dates already in {@code zone}. */
    public static String write(Header header, List<Line> lines, ZoneId zone) {
        StringBuilder out = new StringBuilder((lines.size() + 2) * (RECORD_LENGTH + 2));
        StringBuilder h = new StringBuilder(RECORD_LENGTH);
        h.append('H').append(zero(header.bid(), 10, "biller id")).append(DATE.format(header.from())).append(DATE.format(header.to()))
                .append(STAMP.format(header.madeAt().withZoneSameInstant(zone))).append(left(ascii(header.billerName()), 40, true, null));
        record(out, h);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal card = BigDecimal.ZERO;
        BigDecimal ach = BigDecimal.ZERO;
        Set<Long> payments = new HashSet<>();
        int n = 0;
        for (Line l : lines) {
            n++;
            String which = "payment " + l.allocationGuid() + " (account " + l.account() + ")";
            ZonedDateTime at = l.paidAt().withZoneSameInstant(zone);
            StringBuilder d = new StringBuilder(RECORD_LENGTH);
            d.append('D').append(zero(n, 6, "detail count")).append(left(l.account(), 30, false, which + ": the account number"))
                    .append(left(l.invoice(), 30, false, which + ": the invoice number"))
                    .append(cents(l.amount(), 11, which + ": the amount")).append(DATE.format(at)).append(TIME.format(at))
                    .append(left(l.channel(), 10, false, which + ": the channel")).append(left(l.method(), 4, false, which + ": the method"))
                    .append(left(l.last4(), 4, false, which + ": the last four"))
                    .append(left(l.allocationGuid().toString().toUpperCase(Locale.ROOT), 36, false, which));
            record(out, d);
            total = total.add(l.amount());
            if ("ACH".equals(l.method())) {
                ach = ach.add(l.amount());
            } else {
                card = card.add(l.amount());
            }
            payments.add(l.paymentId());
        }
        StringBuilder t = new StringBuilder(RECORD_LENGTH);
        t.append('T').append(zero(n, 6, "detail count")).append(zero(payments.size(), 6, "payment count"))
                .append(cents(total, 13, "the total")).append(cents(card, 13, "the card total")).append(cents(ach, 13, "the ACH total"));
        record(out, t);
        return out.toString();
    }

    private static void record(StringBuilder out, StringBuilder record) {
        while (record.length() < RECORD_LENGTH) {
            record.append(' ');
        }
        out.append(record).append("\r\n");
    }

    static String zero(long value, int width, String what) {
        String s = Long.toString(value);
        if (value < 0 || s.length() > width) {
            throw new TooLong(what + " " + value + " does not fit " + width + " digits");
        }
        return "0".repeat(width - s.length()) + s;
    }

    /** Cents, zero-padded: implied decimals (50.00 is 5000). */
    static String cents(BigDecimal amount, int width, String what) {
        BigDecimal c = amount.movePointRight(2);
        if (c.signum() < 0 || c.stripTrailingZeros().scale() > 0) {
            throw new TooLong(what + " " + amount.toPlainString() + " is not a whole, non-negative number of cents");
        }
        return zero(c.longValueExact(), width, what);
    }

    /** Left-justified, space-padded; a longer value is refused, or cut where {@code cut} allows. Null is all spaces. */
    static String left(String value, int width, boolean cut, String what) {
        String s = value == null ? "" : value;
        if (s.length() > width) {
            if (!cut) {
                throw new TooLong(what + " '" + s + "' is longer than its " + width + " characters; the export never cuts it");
            }
            s = s.substring(0, width);
        }
        return s + " ".repeat(width - s.length());
    }

    /** Printable ASCII kept; anything else written as '?'. */
    static String ascii(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(value.length());
        value.codePoints().forEach(c -> s.append(c >= 32 && c <= 126 ? (char) c : '?'));
        return s.toString();
    }
}
