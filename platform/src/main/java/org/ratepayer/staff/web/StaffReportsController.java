package org.ratepayer.staff.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ratepayer.billers.BillerService;
import org.ratepayer.reports.ChartData;
import org.ratepayer.reports.Charts;
import org.ratepayer.reports.DateRange;
import org.ratepayer.reports.PaymentExport;
import org.ratepayer.reports.Reports;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The reports page, its downloads and the home page's chart figures (docs/reports.md). Reads only, so every role may
 * use them, read-only included; each download is recorded in the audit log all the same, since it takes the biller's
 * customer data out of the portal.
 */
@Controller
@StaffPage
class StaffReportsController {

    /** One report as the page offers it. {@code ranged}: it asks for a first and a last day. */
    record ReportLink(String id, String title, String description, String file, String path, boolean ranged) {
    }

    /**
     * @param body the whole file, made before anything is sent, so a refusal (the export's) is still a page; null for
     *             the customer status, which has a handler of its own
     */
    private record Download(String title, String description, String extension, MediaType type, boolean ranged,
            Function<Ask, String> body) {
    }

    private record Ask(long bid, DateRange range) {
    }

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType EXPORT = new MediaType("text", "plain", StandardCharsets.US_ASCII);

    private final Reports reports;
    private final PaymentExport export;
    private final ChartData charts;
    private final BillerService billers;
    private final StaffAudit audit;
    private final Clock clock;
    private final Map<String, Download> downloads;

    StaffReportsController(Reports reports, PaymentExport export, ChartData charts, BillerService billers, StaffAudit audit,
            Clock clock) {
        this.reports = reports;
        this.export = export;
        this.charts = charts;
        this.billers = billers;
        this.audit = audit;
        this.clock = clock;
        // in the page's order
        this.downloads = new java.util.LinkedHashMap<>();
        downloads.put("payments-by-day", new Download("Payments by day", "Taken payments per day, channel and method: how many, "
                + "their amount and their fees.", "csv", CSV, true, a -> reports.paymentsByDay(a.bid(), a.range())));
        downloads.put("payment-export", new Download("Payment export file", "The fixed-width payment export: one line per account "
                + "paid, with a header and a trailer of counts and totals.", "txt", EXPORT, true, a -> export.export(a.bid(), a.range())));
        downloads.put("customer-changes", new Download("Customer change log", "Email changes, paperless and autopay on and off, "
                + "registrations and unregistrations, and conveyances, oldest first.", "csv", CSV, true,
                a -> reports.customerChangeLog(a.bid(), a.range())));
        downloads.put("customer-status", new Download("Customer status", "Every account with its registered portal users, "
                + "paperless and autopay, as they are now.", "csv", CSV, false, null));
        downloads.put("autopay-runs", new Download("Autopay runs", "Each autopay run for a date in the range: bills due, charged, "
                + "declined, skipped, and the amount charged.", "csv", CSV, true, a -> reports.autopayRuns(a.bid(), a.range())));
    }

    @GetMapping("/staff/{bid}/reports")
    String page(@PathVariable long bid, SignedInStaff staff, Model model) {
        LocalDate today = today(bid);
        fill(model, bid, today.minusDays(6).toString(), today.toString());
        return "staff/reports";
    }

    @GetMapping("/staff/{bid}/charts.json")
    @ResponseBody
    Charts chartFigures(@PathVariable long bid, SignedInStaff staff) {
        return charts.charts(bid);
    }

    /** A report's file; a bad day answers the page again, 400, saying which field is wrong. */
    @GetMapping("/staff/{bid}/reports/{report}.{extension}")
    Object download(@PathVariable long bid, @PathVariable String report, @PathVariable String extension, SignedInStaff staff,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        Download d = downloads.get(report);
        if (d == null || d.body() == null || !d.extension().equals(extension)) {
            return new ModelAndView("error", Map.of("status", 404), HttpStatus.NOT_FOUND);
        }
        DateRange range = null;
        String suffix;
        try {
            if (d.ranged()) {
                range = new DateRange(day("from", from), day("to", to));
                suffix = range.from() + "-" + range.to();
            } else {
                suffix = today(bid).toString();
            }
        } catch (BadRequestException e) {
            fill(model, bid, from, to);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorReport", report);
            return new ModelAndView("staff/reports", model.asMap(), HttpStatus.BAD_REQUEST);
        }
        String body = d.body().apply(new Ask(bid, range));
        String fileName = report + "-" + bid + "-" + suffix + "." + extension;
        audit.record(staff, "report.download", fileName, null, null);
        return ResponseEntity.ok().contentType(d.type()).headers(attachment(fileName)).body(body.getBytes(d.type().getCharset()));
    }

    /**
     * The customer status of every account, written as the database sends the rows rather than made whole first: a
     * biller may have a million accounts. It takes no days, so nothing can be refused once it starts.
     */
    @GetMapping("/staff/{bid}/reports/customer-status.csv")
    ResponseEntity<StreamingResponseBody> customerStatus(@PathVariable long bid, SignedInStaff staff) {
        String fileName = "customer-status-" + bid + "-" + today(bid) + ".csv";
        audit.record(staff, "report.download", fileName, null, null);
        StreamingResponseBody rows = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            reports.customerStatus(bid, w);
            w.flush();
        };
        return ResponseEntity.ok().contentType(CSV).headers(attachment(fileName)).body(rows);
    }

    private static HttpHeaders attachment(String fileName) {
        HttpHeaders h = new HttpHeaders();
        h.setContentDisposition(ContentDisposition.attachment().filename(fileName).build());
        h.setCacheControl("no-store");
        return h;
    }

    private void fill(Model model, long bid, String from, String to) {
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("zone", billers.cachedConfig(bid).timeZone().getId());
        List<ReportLink> links = downloads.entrySet().stream().map(e -> new ReportLink(e.getKey(), e.getValue().title(),
                e.getValue().description(), e.getValue().extension().equals("csv") ? "CSV" : "export file",
                "/staff/" + bid + "/reports/" + e.getKey() + "." + e.getValue().extension(), e.getValue().ranged())).toList();
        model.addAttribute("reports", links);
    }

    private LocalDate today(long bid) {
        ZoneId zone = billers.cachedConfig(bid).timeZone();
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, "a day is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "'" + value + "' is not a day (YYYY-MM-DD)");
        }
    }
}
