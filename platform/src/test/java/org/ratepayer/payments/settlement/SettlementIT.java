package org.ratepayer.payments.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.batches.Batch;
import org.ratepayer.payments.batches.BatchClosing;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.ratepayer.web.StaffHttp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The daily settlement against the sandbox processor (docs/settlement.md): a New York biller's payments approved on
 * business day 2026-11-10 (from 23:00 on the 9th to 23:00 on the 10th, New York time) are funded on 2026-11-11.
 * Rows are pinned to their moments, and the sandbox's own rows edited, to make each situation.
 */
class SettlementIT extends PlatformIT {

    static final String VISA = "4111111111111111";
    static final String DECLINED_CARD = "4000000000000002";
    static final String BANK = "123456789";
    static final LocalDate DAY = LocalDate.parse("2026-11-11");
    static final Instant MORNING_AFTER = Instant.parse("2026-11-11T15:00:00Z");
    static final String PASSWORD = "a long staff password 1";

    @Autowired
    Settlements settlements;
    @Autowired
    BatchClosing closing;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    List<RecurringTask<?>> recurringTasks;

    /** A biller with one 10.00 bill on the account, a 1.95 card fee and a 0.50 bank fee. */
    private TestBiller billerWithBill(String account) {
        TestBiller b = newBiller();
        String invoice = account.replace("-", "") + "00000001";
        assertThat(upload(b, b.webServiceKey(), "f.bif",
                new BifText(b.guidText()).invoice(invoice, account, "10/01/2026", "10.00", null).text()).status()).isEqualTo(201);
        jdbc.sql("update invoice set cc_service_fee = 1.95, ach_service_fee = 0.50 where biller_id = ?").param(b.bid()).update();
        return b;
    }

    /** Pays through the channel API and pins the payment and the sandbox's charge to {@code at}. */
    private UUID pay(TestBiller b, String account, String amount, String method, String expectedStatus, String at) {
        String body = """
                {"channel":"IVR","accountNumber":"%s","amount":%s,%s}""".formatted(account, amount, method);
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo(expectedStatus);
        UUID guid = UUID.fromString(r.json().get("paymentGuid").asText());
        OffsetDateTime moment = OffsetDateTime.parse(at);
        jdbc.sql("update payment set created_at = ? where payment_guid = ?").params(moment, guid).update();
        jdbc.sql("update sandbox_charge set created_at = ? where payment_guid = ?").params(moment, guid).update();
        return guid;
    }

    private static String card(String number) {
        return "\"card\":{\"number\":\"%s\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}"
                .formatted(number);
    }

    private static String bank() {
        return "\"bank\":{\"routingNumber\":\"011000015\",\"accountNumber\":\"" + BANK + "\",\"accountType\":\"CHECKING\"}";
    }

    private Reply settle(long bid, String body) {
        return send(asOperator(request("/api/v1/billers/" + bid + "/settlements")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String status(UUID guid) {
        return jdbc.sql("select status from payment where payment_guid = ?").param(guid).query(String.class).single();
    }

    private long settledEvents(UUID guid) {
        return count("""
                select count(*) from payment_event e join payment p using (payment_id)
                where p.payment_guid = ? and e.from_status = 'APPROVED' and e.to_status = 'SETTLED'
                """, guid);
    }

    private static String money(JsonNode amount) {
        return amount.isNull() ? "null" : amount.decimalValue().setScale(2).toPlainString();
    }

    private double mismatches(MismatchKind kind) {
        return meters.counter("ratepayer.settlement.mismatches", "kind", kind.name()).count();
    }

    @Test
    void whatWasApprovedTheBusinessDayBeforeSettlesAndTodaysStaysApproved() {
        TestBiller b = billerWithBill("7101-1");
        UUID afternoon = pay(b, "7101-1", "10.00", card(VISA), "APPROVED", "2026-11-10T20:00:00Z");
        UUID lastMoment = pay(b, "7101-1", "20.00", bank(), "APPROVED", "2026-11-11T03:59:59.999Z");
        UUID atTheClose = pay(b, "7101-1", "30.00", card(VISA), "APPROVED", "2026-11-11T04:00:00Z");
        UUID dayBefore = pay(b, "7101-1", "40.00", card(VISA), "APPROVED", "2026-11-10T03:59:00Z");
        UUID declined = pay(b, "7101-1", "50.00", card(DECLINED_CARD), "DECLINED", "2026-11-10T20:00:00Z");
        double settledBefore = meters.counter("ratepayer.settlement.settled").count();
        clock.set(MORNING_AFTER);

        Reply r = settle(b.bid(), "{\"date\":\"2026-11-11\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("billerId").asLong()).isEqualTo(b.bid());
        assertThat(s.get("date").asText()).isEqualTo("2026-11-11");
        assertThat(s.get("businessDate").asText()).isEqualTo("2026-11-10");
        assertThat(s.get("fundedCount").asInt()).isEqualTo(2);
        assertThat(s.get("fundedTotal").decimalValue()).isEqualByComparingTo("32.45");
        assertThat(s.get("settledCount").asInt()).isEqualTo(2);
        assertThat(s.get("settledTotal").decimalValue()).isEqualByComparingTo("32.45");
        assertThat(s.get("mismatches").size()).isZero();
        assertThat(s.get("ranBy").asText()).isEqualTo("operator");
        assertThat(OffsetDateTime.parse(s.get("ranAt").asText()).toInstant()).isEqualTo(MORNING_AFTER);

        assertThat(status(afternoon)).isEqualTo("SETTLED");
        assertThat(status(lastMoment)).isEqualTo("SETTLED");
        assertThat(status(atTheClose)).isEqualTo("APPROVED");
        assertThat(status(dayBefore)).isEqualTo("APPROVED");
        assertThat(status(declined)).isEqualTo("DECLINED");
        assertThat(jdbc.sql("""
                select e.detail from payment_event e join payment p using (payment_id)
                where p.payment_guid = ? and e.to_status = 'SETTLED'
                """).param(afternoon).query(String.class).list()).containsExactly("Settled by the processor on 2026-11-11");
        assertThat(jdbc.sql("""
                select settlement_date || ' ' || funded_count || ' ' || funded_total || ' ' || settled_count || ' ' || settled_total
                       || ' ' || mismatch_count || ' ' || ran_by
                from settlement_run where biller_id = ?
                """).param(b.bid()).query(String.class).list()).containsExactly("2026-11-11 2 32.45 2 32.45 0 operator");
        assertThat(meters.counter("ratepayer.settlement.settled").count() - settledBefore).isEqualTo(2.0);

        // a rerun, an hour later: the same answer, nothing moved twice
        clock.set(MORNING_AFTER.plusSeconds(3600));
        Reply again = settle(b.bid(), "{\"date\":\"2026-11-11\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(s);
        assertThat(settledEvents(afternoon)).isEqualTo(1);
        assertThat(settledEvents(lastMoment)).isEqualTo(1);
        assertThat(meters.counter("ratepayer.settlement.settled").count() - settledBefore).isEqualTo(2.0);
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/settlements/2026-11-11", b.apiKey()).json()).isEqualTo(s);

        // the batch of the settled business day, closed after the settlement, still holds its settled payments
        Batch batch = closing.close(b.bid(), Instant.parse("2026-11-11T04:00:00Z"), "schedule");
        assertThat(batch.businessDate()).isEqualTo(LocalDate.parse("2026-11-10"));
        Reply report = getJson("/api/v1/billers/" + b.bid() + "/batches/" + batch.id(), b.apiKey());
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("paymentCount").asLong()).isEqualTo(3); // the day before's approved payment joins too
        assertThat(report.json().get("settlement")).isEqualTo(s);
    }

    @Test
    void eachKindOfMismatchIsRecordedOnceCountedAndShownOnTheBatchReportAndReportsStillCountSettledPayments() throws Exception {
        TestBiller b = billerWithBill("7102-1");
        UUID unfunded = pay(b, "7102-1", "10.00", card(VISA), "APPROVED", "2026-11-10T15:00:00Z");
        UUID shortPaid = pay(b, "7102-1", "20.00", bank(), "APPROVED", "2026-11-10T16:00:00Z");
        UUID matched = pay(b, "7102-1", "30.00", card(VISA), "APPROVED", "2026-11-10T17:00:00Z");
        UUID declinedHere = pay(b, "7102-1", "40.00", card(DECLINED_CARD), "DECLINED", "2026-11-10T18:00:00Z");
        UUID stranger = UUID.randomUUID();
        // the processor lost one charge, funded another short, approved one we saw declined, and funded one we never made
        jdbc.sql("delete from sandbox_charge where payment_guid = ?").param(unfunded).update();
        jdbc.sql("update sandbox_charge set total = 19.50 where payment_guid = ?").param(shortPaid).update();
        jdbc.sql("update sandbox_charge set outcome = 'APPROVED' where payment_guid = ?").param(declinedHere).update();
        jdbc.sql("""
                insert into sandbox_charge (payment_guid, biller_id, token, total, outcome, approval_code, reference, message, created_at)
                values (?, ?, 'tok_sbx_gone', 7.25, 'APPROVED', '123456', 'sbx_stranger', 'Approved', ?)
                """).params(stranger, b.bid(), OffsetDateTime.parse("2026-11-10T19:00:00Z")).update();
        double approvedHere = mismatches(MismatchKind.APPROVED_HERE_UNKNOWN_THERE);
        double settledThere = mismatches(MismatchKind.SETTLED_THERE_UNKNOWN_HERE);
        double amountDiffers = mismatches(MismatchKind.AMOUNT_DIFFERS);
        clock.set(MORNING_AFTER);

        Reply r = settle(b.bid(), "{\"date\":\"2026-11-11\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("fundedCount").asInt()).isEqualTo(4);
        assertThat(s.get("fundedTotal").decimalValue()).isEqualByComparingTo("100.65"); // 19.50 + 31.95 + 41.95 + 7.25
        assertThat(s.get("settledCount").asInt()).isEqualTo(2);
        assertThat(s.get("settledTotal").decimalValue()).isEqualByComparingTo("51.45");
        List<String> rows = new ArrayList<>();
        s.get("mismatches").forEach(m -> rows.add(m.get("kind").asText() + " " + m.get("paymentGuid").asText() + " "
                + money(m.get("ourAmount")) + " " + money(m.get("theirAmount")) + " " + m.get("reference").asText()));
        String shortRef = "sbx_" + shortPaid.toString().substring(0, 8);
        String declinedRef = "sbx_" + declinedHere.toString().substring(0, 8);
        assertThat(rows).containsExactlyInAnyOrder(
                "APPROVED_HERE_UNKNOWN_THERE " + unfunded + " 11.95 null null",
                "AMOUNT_DIFFERS " + shortPaid + " 20.50 19.50 " + shortRef,
                "SETTLED_THERE_UNKNOWN_HERE " + declinedHere + " 41.95 41.95 " + declinedRef,
                "SETTLED_THERE_UNKNOWN_HERE " + stranger + " null 7.25 sbx_stranger");
        assertThat(status(unfunded)).isEqualTo("APPROVED");
        assertThat(status(shortPaid)).as("funded, if short: settled, and the difference reported").isEqualTo("SETTLED");
        assertThat(status(matched)).isEqualTo("SETTLED");
        assertThat(status(declinedHere)).isEqualTo("DECLINED");
        assertThat(count("select count(*) from settlement_mismatch where biller_id = ?", b.bid())).isEqualTo(4);
        assertThat(mismatches(MismatchKind.APPROVED_HERE_UNKNOWN_THERE) - approvedHere).isEqualTo(1.0);
        assertThat(mismatches(MismatchKind.SETTLED_THERE_UNKNOWN_HERE) - settledThere).isEqualTo(2.0);
        assertThat(mismatches(MismatchKind.AMOUNT_DIFFERS) - amountDiffers).isEqualTo(1.0);

        // a rerun records and counts nothing more, even after the processor's side changed
        jdbc.sql("delete from sandbox_charge where payment_guid = ?").param(matched).update();
        assertThat(settle(b.bid(), "{\"date\":\"2026-11-11\"}").json()).isEqualTo(s);
        assertThat(count("select count(*) from settlement_mismatch where biller_id = ?", b.bid())).isEqualTo(4);
        assertThat(mismatches(MismatchKind.APPROVED_HERE_UNKNOWN_THERE) - approvedHere).isEqualTo(1.0);
        assertThat(status(matched)).isEqualTo("SETTLED");

        // the staff batch page of business day 2026-11-10 shows the settlement and each mismatch
        Batch batch = closing.close(b.bid(), Instant.parse("2026-11-11T04:00:00Z"), "schedule");
        Reply created = send(asOperator(request("/api/v1/billers/" + b.bid() + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"email\":\"ana@example.org\"}")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        SignedInStaff admin = new SignedInStaff(b.bid(), staffUsers.list(b.bid()).get(0).userId(), "ana", StaffRole.ADMINISTRATOR, false);
        StaffUsers.IssuedPassword reader = staffUsers.create(admin, "rita", "rita@example.org", StaffRole.READ_ONLY, false);
        clock.reset();
        StaffHttp rita = new StaffHttp(this::url, "198.51.207.71");
        rita.signIn(b.bid(), "rita", reader.oneTimePassword(), null, PASSWORD, clock);
        HttpResponse<String> page = rita.get("/staff/" + b.bid() + "/batches/" + batch.id());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body().replaceAll("\\s+", " ");
        assertThat(html).contains("Settled on <strong>2026-11-11</strong>: payments settled <span id=\"settled-count\">2</span> "
                + "(<span id=\"settled-total\">51.45</span>); funded by the processor in all <span>4</span> (<span>100.65</span>).");
        assertThat(html).contains("id=\"mismatch-" + unfunded + "\"", "APPROVED_HERE_UNKNOWN_THERE", "Approved here, not funded");
        assertThat(html).contains("id=\"mismatch-" + stranger + "\"", "Funded, unknown here", "sbx_stranger");
        assertThat(html).contains("id=\"mismatch-" + shortPaid + "\"", "AMOUNT_DIFFERS", "<td class=\"num\">19.50</td>");
        assertThat(html).contains("id=\"mismatch-" + declinedHere + "\"");

        // the reports count settled payments as taken, as they did while approved
        HttpResponse<String> byDay = rita.get("/staff/" + b.bid() + "/reports/payments-by-day.csv?from=2026-11-10&to=2026-11-10");
        assertThat(byDay.statusCode()).isEqualTo(200);
        assertThat(byDay.body()).isEqualTo("""
                date,channel,method,payments,amount,fees\r
                2026-11-10,IVR,ACH,1,20.00,0.50\r
                2026-11-10,IVR,CARD,2,40.00,3.90\r
                """);
    }

    @Test
    void twoRunsOfOneDayAtOnceSettleItOnce() throws Exception {
        TestBiller b = billerWithBill("7103-1");
        List<UUID> paid = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paid.add(pay(b, "7103-1", "1" + i + ".00", i % 2 == 0 ? bank() : card(VISA), "APPROVED", "2026-11-10T1" + i + ":00:00Z"));
        }
        jdbc.sql("delete from sandbox_charge where payment_guid = ?").param(paid.get(5)).update();
        clock.set(MORNING_AFTER);
        double settledBefore = meters.counter("ratepayer.settlement.settled").count();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<SettlementResult>> direct = new ArrayList<>();
        List<Future<String>> overHttp = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            direct.add(pool.submit(() -> settlements.settle(b.bid(), DAY, Settlements.SCHEDULE)));
            overHttp.add(pool.submit((Callable<String>) () -> settle(b.bid(), "{\"date\":\"2026-11-11\"}").body()));
        }
        Set<SettlementResult> results = new HashSet<>();
        for (Future<SettlementResult> f : direct) {
            results.add(f.get());
        }
        Set<String> bodies = new HashSet<>();
        for (Future<String> f : overHttp) {
            bodies.add(f.get());
        }
        pool.shutdown();

        assertThat(results).hasSize(1);
        assertThat(bodies).hasSize(1);
        SettlementResult one = results.iterator().next();
        assertThat(one.settledCount()).isEqualTo(5);
        assertThat(one.mismatches()).extracting(Mismatch::kind).containsExactly(MismatchKind.APPROVED_HERE_UNKNOWN_THERE);
        assertThat(json.readTree(bodies.iterator().next()).get("settledCount").asInt()).isEqualTo(5);
        for (UUID p : paid.subList(0, 5)) {
            assertThat(settledEvents(p)).isEqualTo(1);
        }
        assertThat(count("select count(*) from settlement_run where biller_id = ?", b.bid())).isEqualTo(1);
        assertThat(count("select count(*) from settlement_mismatch where biller_id = ?", b.bid())).isEqualTo(1);
        assertThat(meters.counter("ratepayer.settlement.settled").count() - settledBefore).isEqualTo(5.0);
    }

    @Test
    void aBadOrEarlyDayIsRefusedNamingTheFieldAndOnlyTheOperatorSettles() {
        TestBiller b = billerWithBill("7104-1");
        UUID today = pay(b, "7104-1", "10.00", card(VISA), "APPROVED", "2026-11-11T14:00:00Z");
        clock.set(MORNING_AFTER);

        for (String body : List.of("{}", "{\"date\":\"\"}", "{\"date\":\"2026-13-01\"}", "{\"date\":\"11/11/2026\"}")) {
            Reply r = settle(b.bid(), body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("date");
        }
        // business day 2026-11-11 ends at 23:00 tonight in New York: its settlement (the 12th) cannot be read yet
        Reply early = settle(b.bid(), "{\"date\":\"2026-11-12\"}");
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body()).contains("date", "has not ended yet");
        Reply byKey = send(request("/api/v1/billers/" + b.bid() + "/settlements").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"2026-11-11\"}")));
        assertThat(byKey.status()).isEqualTo(403);
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/settlements/2026-11-11", b.apiKey()).status()).isEqualTo(404);
        assertThat(settle(987_654_321L, "{\"date\":\"2026-11-11\"}").status()).isEqualTo(404);

        assertThat(count("select count(*) from settlement_run where biller_id = ?", b.bid())).isZero();
        assertThat(status(today)).isEqualTo("APPROVED");
    }

    @Test
    void theDailyRunSettlesEachBillersDayOnceItsSettlementTimeHasPassedThere() {
        assertThat(recurringTasks).extracting(RecurringTask::getName).contains("settlement");
        TestBiller b = billerWithBill("7105-1");
        UUID p = pay(b, "7105-1", "10.00", card(VISA), "APPROVED", "2024-07-15T18:00:00Z");

        // 05:59 in New York (summer time): the settlement time, 06:00, has not come; yesterday is the day due
        clock.set(Instant.parse("2024-07-16T09:59:00Z"));
        settlements.settleAllDue();
        assertThat(jdbc.sql("select settlement_date::text from settlement_run where biller_id = ?").param(b.bid()).query(String.class)
                .list()).containsExactly("2024-07-15");
        assertThat(status(p)).isEqualTo("APPROVED");

        clock.set(Instant.parse("2024-07-16T10:00:00Z"));
        settlements.settleAllDue();
        settlements.settleAllDue();
        assertThat(jdbc.sql("select settlement_date || ' ' || settled_count || ' ' || ran_by from settlement_run where biller_id = ?"
                + " order by settlement_date").param(b.bid()).query(String.class).list())
                .containsExactly("2024-07-15 0 schedule", "2024-07-16 1 schedule");
        assertThat(status(p)).isEqualTo("SETTLED");
        assertThat(settledEvents(p)).isEqualTo(1);
    }
}
