package org.ratepayer.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures behind the staff home page's charts (docs/reports.md, "Charts"), as {@code charts.json} answers them.
 *
 * @param days      the biller's last {@link ChartData#DAYS} days, oldest first, today last
 * @param byChannel taken payments per day for each channel that had any, by channel name
 * @param byMethod  the same per method (CARD, ACH)
 */
public record Charts(List<LocalDate> days, List<Series> byChannel, List<Series> byMethod, Adoption adoption, PostingsLag postings) {

    public Charts {
        days = List.copyOf(days);
        byChannel = List.copyOf(byChannel);
        byMethod = List.copyOf(byMethod);
    }

    /** One line of a chart: a figure for each of {@code days}, zero where there was none. */
    public record Series(String name, List<Long> payments, List<BigDecimal> amounts) {
        public Series {
            payments = List.copyOf(payments);
            amounts = List.copyOf(amounts);
        }
    }

    /** Accounts on paperless and on autopay, and their share of all the biller's accounts in percent (one decimal). */
    public record Adoption(long accounts, long paperless, BigDecimal paperlessPercent, long autopay, BigDecimal autopayPercent) {
    }

    /**
     * How far the CIS postings are behind.
     *
     * @param oldestPendingSeconds the age of the oldest posting still pending, null when none is
     * @param pendingByKind        pending postings per kind, only kinds with some, by kind
     * @param deliveredLastDay     postings delivered in the 24 hours before now
     */
    public record PostingsLag(Long oldestPendingSeconds, Map<String, Long> pendingByKind, long parked, long deliveredLastDay) {
        public PostingsLag {
            pendingByKind = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(pendingByKind));
        }
    }
}
