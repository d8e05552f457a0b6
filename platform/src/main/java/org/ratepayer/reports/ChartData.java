package org.ratepayer.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.reports.internal.ChartRules;
import org.ratepayer.reports.internal.ReportQueries;
import org.springframework.stereotype.Service;

/** The staff home page's chart figures for a biller, now (docs/reports.md, "Charts"). */
@Service
public class ChartData {

    /** How many of the biller's days the payment charts cover, today included. */
    public static final int DAYS = 30;

    private final ReportQueries queries;
    private final BillerService billers;
    private final Clock clock;

    public ChartData(ReportQueries queries, BillerService billers, Clock clock) {
        this.queries = queries;
        this.billers = billers;
        this.clock = clock;
    }

    public Charts charts(long bid) {
        ZoneId zone = billers.cachedConfig(bid).timeZone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<LocalDate> days = ChartRules.lastDays(today, DAYS);
        Instant start = days.get(0).atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        ReportQueries.Adoption a = queries.adoption(bid);
        Charts.Adoption adoption = new Charts.Adoption(a.accounts(), a.paperless(), ChartRules.percent(a.paperless(), a.accounts()),
                a.autopay(), ChartRules.percent(a.autopay(), a.accounts()));
        Map<String, Long> pending = new LinkedHashMap<>();
        Instant oldest = null;
        for (ReportQueries.PendingKind k : queries.pendingByKind(bid)) {
            pending.put(k.kind(), k.pending());
            oldest = oldest == null || k.oldest().isBefore(oldest) ? k.oldest() : oldest;
        }
        Long age = oldest == null ? null : Math.max(0, Duration.between(oldest, now).toSeconds());
        Charts.PostingsLag lag = new Charts.PostingsLag(age, pending, queries.parked(bid),
                queries.deliveredSince(bid, now.minus(Duration.ofDays(1))));
        return new Charts(days, ChartRules.series(days, queries.dailyBy("channel", bid, zone, start, end)),
                ChartRules.series(days, queries.dailyBy("method", bid, zone, start, end)), adoption, lag);
    }
}
