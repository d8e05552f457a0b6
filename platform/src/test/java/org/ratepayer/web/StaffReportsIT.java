package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.reports.DateRange;
import org.ratepayer.reports.PaymentExport;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reports page, its downloads and the home page's charts through a staff session (docs/reports.md): each file
 * byte for byte with its headers, a read-only user allowed (reads only), bad days refused naming the field, another
 * biller's staff kept out, the charts drawn in Chromium with their tables holding the exact figures, axe-core clean.
 */
class StaffReportsIT extends PlatformIT {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();
    private static final String PASSWORD = "a long staff password 1";
    private static final CardDetails VISA = new CardDetails("4111111111111111", 12, 2099, "123", "49331");
    private static final BankDetails CHECKING = new BankDetails("011000015", "123456789", "CHECKING");

    @Autowired
    StaffUsers staffUsers;
    @Autowired
    PaymentService payments;
    @Autowired
    PaperlessEnrolments paperless;
    @Autowired
    PaymentExport export;

    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    /** A biller with the payments of docs/payment-export.md's example, and a read-only user's one-time password. */
    private record World(TestBiller biller, String reader, String readerPassword) {
    }

    private World world() {
        TestBiller b = newBiller();
        Reply r = send(asOperator(request("/api/v1/billers/" + b.bid() + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"email\":\"ana@example.org\"}")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        SignedInStaff admin = new SignedInStaff(b.bid(), staffUsers.list(b.bid()).get(0).userId(), "ana", StaffRole.ADMINISTRATOR, false);
        StaffUsers.IssuedPassword reader = staffUsers.create(admin, "rita", "rita@example.org", StaffRole.READ_ONLY, false);
        Reply up = upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText()).invoice("6101100000001", "6101-1", "10/01/2026", "50.00",
                null).invoice("6102100000001", "6102-1", "10/01/2026", "20.00", null).text());
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        pin(pay(b, new PaymentRequest(Channel.WEB, "6101-1", null, new BigDecimal("50.00"), VISA, null, null, null, null)),
                "2026-11-02T15:00:00Z");
        pin(pay(b, new PaymentRequest(Channel.IVR, "6102-1", null, new BigDecimal("20.05"), null, CHECKING, null, null, null)),
                "2026-11-03T03:30:00Z");
        pin(pay(b, PaymentRequest.ofAccounts(Channel.CSRWEB, List.of(new PaymentRequest.Allocation("6101-1", null, new BigDecimal("50.00")),
                new PaymentRequest.Allocation("6102-1", null, new BigDecimal("20.00"))), new BigDecimal("70.00"), VISA, null, null, null, null)),
                "2026-11-04T12:00:00Z");
        paperless.setByPayer(b.bid(), "6101-1", true, "test");
        return new World(b, "rita", reader.oneTimePassword());
    }

    private UUID pay(TestBiller b, PaymentRequest request) {
        return ((PaymentOutcome.Taken) payments.submit(b.bid(), UUID.randomUUID().toString(), request)).paymentGuid();
    }

    private void pin(UUID payment, String instant) {
        jdbc.sql("update payment set created_at = ? where payment_guid = ?").params(OffsetDateTime.parse(instant), payment).update();
    }

    @Test
    void aReadOnlyUserDownloadsEveryReportByteForByteAndBadDaysAreRefusedNamingTheField() {
        World w = world();
        long bid = w.biller().bid();
        StaffHttp rita = new StaffHttp(this::url, newAddress());
        rita.signIn(bid, w.reader(), w.readerPassword(), null, PASSWORD, clock);
        clock.set(Instant.parse("2026-11-05T14:30:00Z"));

        HttpResponse<String> page = rita.get("/staff/" + bid + "/reports");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Payments by day", "Payment export file", "Customer change log", "Customer status", "Autopay runs")
                .contains("value=\"2026-10-30\"", "value=\"2026-11-05\"");

        HttpResponse<String> byDay = rita.get("/staff/" + bid + "/reports/payments-by-day.csv?from=2026-11-01&to=2026-11-05");
        assertThat(byDay.statusCode()).isEqualTo(200);
        assertThat(byDay.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(byDay.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"payments-by-day-" + bid + "-2026-11-01-2026-11-05.csv\"");
        assertThat(byDay.body()).isEqualTo("""
                date,channel,method,payments,amount,fees\r
                2026-11-02,IVR,ACH,1,20.05,0.00\r
                2026-11-02,WEB,CARD,1,50.00,0.00\r
                2026-11-04,CSRWEB,CARD,1,70.00,0.00\r
                """);

        HttpResponse<String> status = rita.get("/staff/" + bid + "/reports/customer-status.csv");
        assertThat(status.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"customer-status-" + bid + "-2026-11-05.csv\"");
        assertThat(status.body()).isEqualTo("""
                account_number,customer_name,registered_users,paperless,autopay\r
                6101-1,Pat Doe,0,Y,N\r
                6102-1,Pat Doe,0,N,N\r
                """);

        HttpResponse<String> file = rita.get("/staff/" + bid + "/reports/payment-export.txt?from=2026-11-02&to=2026-11-04");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/plain;charset=US-ASCII");
        assertThat(file.body()).isEqualTo(export.export(bid, new DateRange(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-04"))));
        assertThat(List.of(file.body().split("\r\n"))).hasSize(6).last()
                .isEqualTo("T000004000003000000001400500000000120000000000002005" + " ".repeat(94));

        assertThat(rita.get("/staff/" + bid + "/reports/autopay-runs.csv?from=2026-11-01&to=2026-11-05").body())
                .isEqualTo("run_id,run_date,status,started_at,finished_at,due,charged,declined,skipped,amount\r\n");
        assertThat(rita.get("/staff/" + bid + "/reports/customer-changes.csv?from=2026-11-01&to=2026-11-05").statusCode()).isEqualTo(200);

        HttpResponse<String> backwards = rita.get("/staff/" + bid + "/reports/payments-by-day.csv?from=2026-11-05&to=2026-11-04");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("id=\"report-error\"").contains("to: the last day 2026-11-04 is before the first day 2026-11-05")
                .contains("id=\"payments-by-day-to\" value=\"2026-11-04\" required aria-invalid=\"true\" aria-describedby=\"report-error\"");
        HttpResponse<String> notADay = rita.get("/staff/" + bid + "/reports/customer-changes.csv?from=yesterday&to=2026-11-04");
        assertThat(notADay.statusCode()).isEqualTo(400);
        assertThat(notADay.body()).contains("from: &#39;yesterday&#39; is not a day (YYYY-MM-DD)");
        assertThat(rita.get("/staff/" + bid + "/reports/nothing.csv").statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("select target from staff_audit where biller_id = ? and action = 'report.download' order by audit_id")
                .params(bid).query(String.class).list()).as("every download is in the audit log, the refused ones not").containsExactly(
                "payments-by-day-" + bid + "-2026-11-01-2026-11-05.csv", "customer-status-" + bid + "-2026-11-05.csv",
                "payment-export-" + bid + "-2026-11-02-2026-11-04.txt", "autopay-runs-" + bid + "-2026-11-01-2026-11-05.csv",
                "customer-changes-" + bid + "-2026-11-01-2026-11-05.csv");
    }

    @Test
    void anotherBillersStaffGetsNothingOfThisBillersReportsOrCharts() {
        World mine = world();
        World theirs = world();
        StaffHttp rita = new StaffHttp(this::url, newAddress());
        rita.signIn(theirs.biller().bid(), theirs.reader(), theirs.readerPassword(), null, PASSWORD, clock);
        for (String path : List.of("/reports", "/reports/customer-status.csv", "/reports/payments-by-day.csv?from=2026-11-01&to=2026-11-05",
                "/charts.json")) {
            HttpResponse<String> r = rita.get("/staff/" + mine.biller().bid() + path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).contains("/staff/" + mine.biller().bid() + "/sign-in");
            assertThat(r.body()).as(path).doesNotContain("6101-1");
        }
        HttpResponse<String> nobody = new StaffHttp(this::url, newAddress()).get("/staff/" + mine.biller().bid() + "/charts.json");
        assertThat(nobody.statusCode()).isEqualTo(302);
    }

    @Test
    void theHomePagesChartsAreDrawnAndTheirTablesHoldTheFiguresAndBothPagesPassAxe() throws Exception {
        World w = world();
        long bid = w.biller().bid();
        try (HeadlessChromium chromium = HeadlessChromium.open()) {
            chromium.get(url("/staff/" + bid + "/sign-in"));
            chromium.fill("username", w.reader());
            chromium.fill("password", w.readerPassword());
            chromium.click("sign-in");
            chromium.fill("password", PASSWORD);
            chromium.fill("again", PASSWORD);
            chromium.click("save-password");
            chromium.element("charts");
            clock.set(Instant.parse("2026-11-05T14:30:00Z"));
            chromium.get(url("/staff/" + bid));
            new WebDriverWait(chromium.driver, Duration.ofSeconds(15))
                    .until(d -> "true".equals(d.findElement(By.id("charts")).getDomAttribute("data-drawn")));

            for (String chart : List.of("chart-channel", "chart-method", "chart-adoption", "chart-postings")) {
                assertThat(chromium.driver.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
            }
            assertThat(cells("table-channel", "2026-11-04", chromium)).containsExactly("2026-11-04", "1", "70.00", "0", "0.00", "0", "0.00");
            assertThat(cells("table-channel", "2026-11-02", chromium)).containsExactly("2026-11-02", "0", "0.00", "1", "20.05", "1", "50.00");
            assertThat(headers("table-channel", chromium)).containsExactly("Day", "CSRWEB payments", "CSRWEB amount", "IVR payments",
                    "IVR amount", "WEB payments", "WEB amount");
            assertThat(cells("table-method", "2026-11-02", chromium)).containsExactly("2026-11-02", "1", "20.05", "1", "50.00");
            assertThat(chromium.driver.findElements(By.cssSelector("#table-channel tbody tr"))).hasSize(30);
            assertThat(rowText("table-adoption", chromium)).containsExactly("Paperless 1 50.0 %", "Autopay 0 0.0 %");
            assertThat(chromium.driver.findElement(By.cssSelector("#table-adoption caption")).getDomProperty("textContent"))
                    .contains("of 2 accounts");
            chromium.assertAccessible("staff home with charts");

            chromium.get(url("/staff/" + bid + "/reports"));
            chromium.element("payment-export-download");
            chromium.assertAccessible("staff reports");
        }
    }

    /** A table row's cells (the day's header cell first), read from the DOM even inside a closed details. */
    private static List<String> cells(String table, String day, HeadlessChromium chromium) {
        return chromium.driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .filter(tr -> day.equals(tr.findElement(By.tagName("th")).getDomProperty("textContent").strip()))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + day + " in #" + table))
                .findElements(By.cssSelector("th, td")).stream().map(c -> c.getDomProperty("textContent").strip()).toList();
    }

    private static List<String> headers(String table, HeadlessChromium chromium) {
        return chromium.driver.findElements(By.cssSelector("#" + table + " thead th")).stream()
                .map(c -> c.getDomProperty("textContent").strip()).toList();
    }

    private static List<String> rowText(String table, HeadlessChromium chromium) {
        return chromium.driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(tr -> String.join(" ", tr.findElements(By.cssSelector("th, td")).stream()
                        .map(c -> c.getDomProperty("textContent").strip()).toList())).toList();
    }
}
