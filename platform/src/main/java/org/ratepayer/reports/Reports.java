package org.ratepayer.reports;

import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.autopay.RunReport;
import org.ratepayer.billers.BillerService;
import org.ratepayer.reports.internal.Csv;
import org.ratepayer.reports.internal.ReportQueries;
import org.springframework.stereotype.Service;

/**
 * The CSV reports of docs/reports.md. Each starts with a header row naming its columns, follows RFC 4180 (CR LF,
 * quoting only where needed), writes amounts as plain decimals and times in the biller's zone with their offset.
 */
@Service
public class Reports {

    /** A time as the reports write it: the biller's wall clock with the offset then in force, e.g. 2026-11-02T10:00:00-05:00. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    static final List<String> PAYMENTS_BY_DAY = List.of("date", "channel", "method", "payments", "amount", "fees");
    static final List<String> CHANGE_LOG = List.of("changed_at", "account_number", "change", "old_value", "new_value", "username",
            "actor");
    static final List<String> CUSTOMER_STATUS = List.of("account_number", "customer_name", "registered_users", "paperless", "autopay");
    static final List<String> AUTOPAY_RUNS = List.of("run_id", "run_date", "status", "started_at", "finished_at", "due", "charged",
            "declined", "skipped", "amount");

    private final ReportQueries queries;
    private final BillerService billers;
    private final AutopayRuns autopayRuns;

    public Reports(ReportQueries queries, BillerService billers, AutopayRuns autopayRuns) {
        this.queries = queries;
        this.billers = billers;
        this.autopayRuns = autopayRuns;
    }

    private ZoneId zone(long bid) {
        return billers.cachedConfig(bid).timeZone();
    }

    /** Taken payments (APPROVED or SETTLED) per biller day, channel and method: count, total amount, total fees. */
    public String paymentsByDay(long bid, DateRange range) {
        ZoneId zone = zone(bid);
        Csv csv = new Csv(PAYMENTS_BY_DAY);
        for (ReportQueries.DayTotal t : queries.paymentsByDay(bid, zone, range.start(zone).toInstant(), range.end(zone).toInstant())) {
            csv.row(t.day(), t.channel(), t.method(), t.payments(), t.amount(), t.fees());
        }
        return csv.text();
    }

    /**
     * What changed on the biller's accounts, oldest first: emails, paperless and autopay on and off, registrations and
     * unregistrations (recorded since V36), and conveyances.
     */
    public String customerChangeLog(long bid, DateRange range) {
        ZoneId zone = zone(bid);
        Csv csv = new Csv(CHANGE_LOG);
        for (ReportQueries.Change c : queries.changes(bid, range.start(zone).toInstant(), range.end(zone).toInstant())) {
            csv.row(TIME.format(c.at().atZone(zone)), c.account(), c.change(), c.oldValue(), c.newValue(), c.username(), c.actor());
        }
        return csv.text();
    }

    /** Every account of the biller, by account number: its registered portal users, paperless and autopay (Y or N). */
    public String customerStatus(long bid) {
        StringBuilder out = new StringBuilder();
        customerStatus(bid, out);
        return out.toString();
    }

    /** As {@link #customerStatus(long)}, written to {@code out} row by row as the database sends them. */
    public void customerStatus(long bid, Appendable out) {
        billers.cachedBiller(bid);
        Csv csv = new Csv(out, CUSTOMER_STATUS);
        queries.statuses(bid, s -> csv.row(s.account(), s.customerName(), s.registeredUsers(), s.paperless() ? "Y" : "N",
                s.autopay() ? "Y" : "N"));
    }

    /**
     * The autopay runs for dates in the range, as the run API reports each (docs/autopay.md): skipped adds up every
     * reason; amount is the total approved.
     */
    public String autopayRuns(long bid, DateRange range) {
        ZoneId zone = zone(bid);
        Csv csv = new Csv(AUTOPAY_RUNS);
        for (long id : queries.autopayRunIds(bid, range.from(), range.to())) {
            RunReport r = autopayRuns.report(bid, id).orElseThrow();
            int skipped = r.skipped().values().stream().mapToInt(Integer::intValue).sum();
            csv.row(r.id(), r.date(), r.status(), TIME.format(r.startedAt().atZoneSameInstant(zone)),
                    r.finishedAt() == null ? null : TIME.format(r.finishedAt().atZoneSameInstant(zone)), r.due(), r.charged(), r.declined(),
                    skipped, r.amount().setScale(2, RoundingMode.UNNECESSARY));
        }
        return csv.text();
    }

    /** The file name a download of a report gives it, e.g. {@code customer-status-7-2026-11-05.csv}. */
    public static String fileName(String report, long bid, String suffix) {
        return report + "-" + bid + "-" + suffix + ".csv";
    }
}
