package org.ratepayer.reports.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ratepayer.reports.Charts;

/** The charts' arithmetic, free of the database: the run of days, series with zero days filled in, percentages. */
public final class ChartRules {

    private static final BigDecimal NO_AMOUNT = new BigDecimal("0.00");

    private ChartRules() {
    }

    /** The {@code count} days ending with {@code today}, oldest first. */
    public static List<LocalDate> lastDays(LocalDate today, int count) {
        List<LocalDate> days = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            days.add(today.minusDays(i));
        }
        return days;
    }

    /**
     * One series per key present in {@code rows}, by key name; each with a figure for every day of {@code days}, zero on
     * the days without a row. Rows for days outside {@code days} are ignored.
     */
    public static List<Charts.Series> series(List<LocalDate> days, List<ReportQueries.DayCount> rows) {
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i), i);
        }
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> amounts = new TreeMap<>();
        for (ReportQueries.DayCount r : rows) {
            Integer i = index.get(r.day());
            if (i == null) {
                continue;
            }
            counts.computeIfAbsent(r.key(), k -> new long[days.size()])[i] += r.payments();
            BigDecimal[] a = amounts.computeIfAbsent(r.key(), k -> filled(days.size()));
            a[i] = a[i].add(r.amount());
        }
        List<Charts.Series> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            List<Long> c = new ArrayList<>();
            for (long v : e.getValue()) {
                c.add(v);
            }
            out.add(new Charts.Series(e.getKey(), c, List.of(amounts.get(e.getKey()))));
        }
        return out;
    }

    private static BigDecimal[] filled(int n) {
        BigDecimal[] a = new BigDecimal[n];
        java.util.Arrays.fill(a, NO_AMOUNT);
        return a;
    }

    /** {@code part} as a percentage of {@code whole}, one decimal, half up; 0.0 of nothing. */
    public static BigDecimal percent(long part, long whole) {
        if (whole <= 0) {
            return new BigDecimal("0.0");
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
