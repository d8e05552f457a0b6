package org.ratepayer.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.billers.BillerService;
import org.ratepayer.conveyance.Conveyances;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.shared.web.BadRequestException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reports and the payment export over payments, enrolments, registrations and conveyances made through the real
 * services (docs/reports.md, docs/payment-export.md), each file compared byte for byte with what it must hold.
 */
class ReportsIT extends PlatformIT {

    private static final CardDetails VISA = new CardDetails("4111111111111111", 12, 2099, "123", "49331");
    private static final CardDetails DECLINED = new CardDetails("4000000000000002", 12, 2099, "123", "49331");
    private static final BankDetails CHECKING = new BankDetails("011000015", "123456789", "CHECKING");
    private static final String PASSWORD = "correct horse battery staple 7";

    @Autowired
    PaymentService payments;
    @Autowired
    PaymentExport export;
    @Autowired
    Reports reports;
    @Autowired
    ChartData charts;
    @Autowired
    PayerDirectory directory;
    @Autowired
    PaperlessEnrolments paperless;
    @Autowired
    AutopayEnrolments autopay;
    @Autowired
    Conveyances conveyances;
    @Autowired
    AutopayRuns autopayRuns;

    private static String expected(String name) throws IOException {
        try (InputStream in = ReportsIT.class.getResourceAsStream("/reports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static DateRange range(String from, String to) {
        return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }

    private void bills(TestBiller b, String name, BifText file) {
        Reply r = upload(b, b.webServiceKey(), name, file.text());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private UUID pay(TestBiller b, PaymentRequest request) {
        PaymentOutcome outcome = payments.submit(b.bid(), UUID.randomUUID().toString(), request);
        assertThat(outcome).isInstanceOf(PaymentOutcome.Taken.class);
        return ((PaymentOutcome.Taken) outcome).paymentGuid();
    }

    /** Puts a payment at a moment, and its allocations under GUIDs, of our choosing (the database stamps its own). */
    private void pin(UUID payment, String instant, long... allocationGuids) {
        long id = jdbc.sql("select payment_id from payment where payment_guid = ?").params(payment).query(Long.class).single();
        jdbc.sql("update payment set created_at = ? where payment_id = ?").params(OffsetDateTime.parse(instant), id).update();
        for (int i = 0; i < allocationGuids.length; i++) {
            jdbc.sql("update payment_allocation set allocation_guid = ? where payment_id = ? and position = ?")
                    .params(guid(allocationGuids[i]), id, i + 1).update();
        }
    }

    private static UUID guid(long n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    /**
     * The payments of docs/payment-export.md's example, plus what the reports must leave out: a declined payment in the
     * range and a taken one the day after it. The allocation GUIDs are the example's for biller 4242, and unique to the
     * biller otherwise.
     */
    private void examplePayments(TestBiller b) {
        long g = b.bid() == 4242 ? 0 : b.bid() * 1000;
        bills(b, "f.bif", new BifText(b.guidText()).invoice("6101100000001", "6101-1", "10/01/2026", "50.00", null)
                .invoice("6102100000001", "6102-1", "10/01/2026", "20.00", null));
        pin(pay(b, new PaymentRequest(Channel.WEB, "6101-1", null, new BigDecimal("50.00"), VISA, null, null, null, null)),
                "2026-11-02T15:00:00Z", g + 1);
        pin(pay(b, new PaymentRequest(Channel.IVR, "6102-1", null, new BigDecimal("20.05"), null, CHECKING, null, null, null)),
                "2026-11-03T03:30:00Z", g + 2);
        UUID declined = pay(b, new PaymentRequest(Channel.WEB, "6101-1", null, new BigDecimal("50.00"), DECLINED, null, null, null, null));
        pin(declined, "2026-11-03T12:00:00Z", g + 90);
        assertThat(jdbc.sql("select status from payment where payment_guid = ?").params(declined).query(String.class).single())
                .isEqualTo(PaymentStatus.DECLINED.name());
        pin(pay(b, PaymentRequest.ofAccounts(Channel.CSRWEB, List.of(new PaymentRequest.Allocation("6101-1", null, new BigDecimal("50.00")),
                new PaymentRequest.Allocation("6102-1", null, new BigDecimal("20.00"))), new BigDecimal("70.00"), VISA, null, null, null, null)),
                "2026-11-04T12:00:00Z", g + 3, g + 4);
        pin(pay(b, new PaymentRequest(Channel.POS, "6101-1", null, new BigDecimal("50.00"), VISA, null, null, null, null)),
                "2026-11-05T12:00:00Z", g + 91);
    }

    @Test
    void thePaymentExportIsTheHandWrittenExampleByteForByte() throws IOException {
        long bid = 4242;
        billerService.create(new BillerService.NewBiller(bid, "Lakeside Electric Co-op", "daffron", null), "test");
        TestBiller b = new TestBiller(bid, billerService.require(bid).guid(), billerService.revealKeys(bid,
                org.ratepayer.shared.web.Environment.TEST).stream().filter(k -> k.kind() == org.ratepayer.shared.web.KeyKind.WEB_SERVICE)
                .findFirst().orElseThrow().key(), null, null, null);
        examplePayments(b);
        clock.set(Instant.parse("2026-11-05T14:30:00Z"));

        assertThat(export.export(bid, range("2026-11-02", "2026-11-04"))).isEqualTo(expected("payment-export-example.txt"));
        assertThat(export.export(bid, DateRange.day(LocalDate.parse("2026-11-01")))).isEqualTo(expected("payment-export-empty.txt"));
        assertThat(PaymentExport.fileName(bid, range("2026-11-02", "2026-11-04"))).isEqualTo("payments-4242-2026-11-02-2026-11-04.txt");
    }

    @Test
    void paymentsByDayChannelAndMethodCountTakenPaymentsOnTheBillersDays() {
        TestBiller b = newBiller();
        examplePayments(b);

        assertThat(reports.paymentsByDay(b.bid(), range("2026-11-01", "2026-11-05"))).isEqualTo("""
                date,channel,method,payments,amount,fees\r
                2026-11-02,IVR,ACH,1,20.05,0.00\r
                2026-11-02,WEB,CARD,1,50.00,0.00\r
                2026-11-04,CSRWEB,CARD,1,70.00,0.00\r
                2026-11-05,POS,CARD,1,50.00,0.00\r
                """);
        assertThat(reports.paymentsByDay(b.bid(), range("2026-11-03", "2026-11-03"))).as("22:30 in New York on the 2nd is the 2nd")
                .isEqualTo("date,channel,method,payments,amount,fees\r\n");
        TestBiller other = newBiller();
        assertThat(reports.paymentsByDay(other.bid(), range("2026-11-01", "2026-11-05"))).as("another biller's payments are not there")
                .isEqualTo("date,channel,method,payments,amount,fees\r\n");
    }

    @Test
    void aRangeEndingBeforeItStartsOrLongerThanAYearIsRefusedNamingTo() {
        assertThatThrownBy(() -> range("2026-11-05", "2026-11-04")).isInstanceOf(BadRequestException.class)
                .extracting(e -> ((BadRequestException) e).field()).isEqualTo("to");
        assertThatThrownBy(() -> range("2025-11-04", "2026-11-05")).isInstanceOf(BadRequestException.class)
                .extracting(e -> ((BadRequestException) e).field()).isEqualTo("to");
        assertThat(range("2025-11-05", "2026-11-05").to()).as("366 days, both ends included").isEqualTo(LocalDate.parse("2026-11-05"));
    }

    @Test
    void theChangeLogListsEveryKindOfChangeAndTheStatusReportEveryAccount() {
        TestBiller b = newBiller();
        bills(b, "f1.bif", new BifText(b.guidText()).invoice("7101100000001", "7101-1", "10/01/2026", "10.00", "first@example.com")
                .invoice("7102100000001", "7102-1", "10/01/2026", "20.00", null)
                .invoice("7103100000001", "7103-1", "10/01/2026", "30.00", "old@example.com"));
        String pat = "pat" + b.bid();
        directory.register(b.bid(), pat, "pat@example.com", List.of("7101-1"), PASSWORD);
        directory.linkAccounts(b.bid(), pat, List.of("7102-1"));
        paperless.setByPayer(b.bid(), "7101-1", true, pat);
        PaymentGateway.Tokenized card = payments.tokenize(b.bid(), VISA, null);
        autopay.enrol(b.bid(), "7102-1", new AutopayEnrolments.ShownMethod(Method.CARD, card.brand(), card.last4()), card.token(), null, null,
                pat);
        directory.changeEmail(b.bid(), pat, "pat.new@example.com");
        paperless.setByPayer(b.bid(), "7101-1", false, pat);
        paperless.setByPayer(b.bid(), "7101-1", false, pat);
        autopay.cancel(b.bid(), "7102-1", pat);
        directory.unlinkAccount(b.bid(), pat, "7101-1");
        bills(b, "f2.bif", new BifText(b.guidText()).invoice("7103100000002", "7103-1", "11/01/2026", "30.00", "new@example.com"));
        conveyances.convey(b.bid(), "7102-1", "Roe, Sam", "sold the farm", null, "operator");
        // the database stamps the changes with its own clock: put them a minute apart from 15:00 UTC on 2 November, in the
        // order they were made, and the conveyance at 15:00 UTC on 3 November
        jdbc.sql("""
                update customer_change c set changed_at = timestamptz '2026-11-02 15:00:00+00' + (r.n - 1) * interval '1 minute'
                from (select change_id, row_number() over (order by change_id) as n from customer_change where biller_id = ?) r
                where c.change_id = r.change_id
                """).params(b.bid()).update();
        jdbc.sql("update account_conveyance set conveyed_at = timestamptz '2026-11-03 15:00:00+00' where biller_id = ?").params(b.bid())
                .update();

        assertThat(reports.customerChangeLog(b.bid(), range("2026-11-02", "2026-11-03"))).isEqualTo(("""
                changed_at,account_number,change,old_value,new_value,username,actor\r
                2026-11-02T10:00:00-05:00,7101-1,REGISTERED,,,PAT,\r
                2026-11-02T10:01:00-05:00,7102-1,REGISTERED,,,PAT,\r
                2026-11-02T10:02:00-05:00,7101-1,PAPERLESS_ON,,,,PAT\r
                2026-11-02T10:03:00-05:00,7102-1,AUTOPAY_ON,,,,PAT\r
                2026-11-02T10:04:00-05:00,7101-1,EMAIL,pat@example.com,pat.new@example.com,PAT,\r
                2026-11-02T10:05:00-05:00,7102-1,EMAIL,pat@example.com,pat.new@example.com,PAT,\r
                2026-11-02T10:06:00-05:00,7101-1,PAPERLESS_OFF,,,,PAT\r
                2026-11-02T10:07:00-05:00,7102-1,AUTOPAY_OFF,,,,\r
                2026-11-02T10:08:00-05:00,7101-1,UNREGISTERED,,,PAT,\r
                2026-11-02T10:09:00-05:00,7103-1,EMAIL,old@example.com,new@example.com,,\r
                2026-11-02T10:10:00-05:00,7102-1,UNREGISTERED,,,PAT,\r
                2026-11-03T10:00:00-05:00,7102-1,CONVEYED,Pat Doe,"Roe, Sam",PAT,operator\r
                """).replace("PAT", pat));
        assertThat(reports.customerChangeLog(b.bid(), range("2026-11-04", "2026-11-04")))
                .isEqualTo("changed_at,account_number,change,old_value,new_value,username,actor\r\n");

        directory.register(b.bid(), "lee" + b.bid(), "lee@example.com", List.of("7103-1"), PASSWORD);
        directory.register(b.bid(), "kim" + b.bid(), "kim@example.com", List.of("7103-1", "7101-1"), PASSWORD);
        paperless.setByPayer(b.bid(), "7103-1", true, "lee" + b.bid());
        autopay.enrol(b.bid(), "7101-1", new AutopayEnrolments.ShownMethod(Method.CARD, card.brand(), card.last4()), card.token(), null,
                null, "kim" + b.bid());

        assertThat(reports.customerStatus(b.bid())).isEqualTo("""
                account_number,customer_name,registered_users,paperless,autopay\r
                7101-1,Pat Doe,1,N,Y\r
                7102-1,"Roe, Sam",0,N,N\r
                7103-1,Pat Doe,2,Y,N\r
                """);
    }

    @Test
    void autopayRunsAreListedAsTheRunApiReportsThem() {
        TestBiller b = newBiller();
        bills(b, "f.bif", new BifText(b.guidText()).invoice("7301100000001", "7301-1", "11/01/2026", "42.10", null));
        PaymentGateway.Tokenized card = payments.tokenize(b.bid(), VISA, null);
        autopay.enrol(b.bid(), "7301-1", new AutopayEnrolments.ShownMethod(Method.CARD, card.brand(), card.last4()), card.token(), null, null,
                "test");
        // enrolled before the bill's collection date (the database stamped today's real date)
        jdbc.sql("update autopay_enrolment set enrolled_at = timestamptz '2026-11-01 12:00:00+00' where biller_id = ?").params(b.bid())
                .update();
        clock.set(Instant.parse("2026-11-20T14:30:00Z"));
        long idle = autopayRuns.runNow(b.bid(), LocalDate.parse("2026-11-20"), "test");
        clock.set(Instant.parse("2026-12-01T16:00:00Z"));
        long charging = autopayRuns.runNow(b.bid(), LocalDate.parse("2026-12-01"), "test");

        assertThat(reports.autopayRuns(b.bid(), range("2026-11-01", "2026-12-31"))).isEqualTo("""
                run_id,run_date,status,started_at,finished_at,due,charged,declined,skipped,amount\r
                %d,2026-11-20,DONE,2026-11-20T09:30:00-05:00,2026-11-20T09:30:00-05:00,0,0,0,0,0.00\r
                %d,2026-12-01,DONE,2026-12-01T11:00:00-05:00,2026-12-01T11:00:00-05:00,1,1,0,0,42.10\r
                """.formatted(idle, charging));
        assertThat(reports.autopayRuns(b.bid(), range("2026-12-02", "2026-12-31")))
                .isEqualTo("run_id,run_date,status,started_at,finished_at,due,charged,declined,skipped,amount\r\n");
    }

    @Test
    void chartFiguresCoverTheBillersLastThirtyDays() {
        TestBiller b = newBiller();
        examplePayments(b);
        paperless.setByPayer(b.bid(), "6101-1", true, "test");
        clock.set(Instant.parse("2026-11-05T14:30:00Z"));

        Charts c = charts.charts(b.bid());

        assertThat(c.days()).hasSize(30);
        assertThat(c.days().get(0)).isEqualTo(LocalDate.parse("2026-10-07"));
        assertThat(c.days().get(29)).isEqualTo(LocalDate.parse("2026-11-05"));
        int nov2 = 26;
        int nov4 = 28;
        int nov5 = 29;
        assertThat(c.byChannel()).extracting(Charts.Series::name).containsExactly("CSRWEB", "IVR", "POS", "WEB");
        assertThat(c.byChannel().get(0).payments().get(nov4)).isEqualTo(1L);
        assertThat(c.byChannel().get(0).amounts().get(nov4)).isEqualTo(new BigDecimal("70.00"));
        assertThat(c.byChannel().get(1).amounts().get(nov2)).isEqualTo(new BigDecimal("20.05"));
        assertThat(c.byChannel().get(2).amounts().get(nov5)).isEqualTo(new BigDecimal("50.00"));
        assertThat(c.byChannel().get(3).payments().stream().mapToLong(Long::longValue).sum()).as("the declined one is not counted")
                .isEqualTo(1L);
        assertThat(c.byMethod()).extracting(Charts.Series::name).containsExactly("ACH", "CARD");
        assertThat(c.byMethod().get(1).payments().get(nov2)).isEqualTo(1L);
        assertThat(c.byMethod().get(1).payments().get(nov4)).isEqualTo(1L);
        assertThat(c.adoption()).isEqualTo(new Charts.Adoption(2, 1, new BigDecimal("50.0"), 0, new BigDecimal("0.0")));
    }
}
