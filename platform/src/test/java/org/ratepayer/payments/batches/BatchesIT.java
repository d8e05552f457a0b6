package org.ratepayer.payments.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** Daily batch closure (SPEC C6, C10) over HTTP, with the sandbox gateway's approving and declining cards and accounts. */
class BatchesIT extends PlatformIT {

    static final String VISA = "4111111111111111";
    static final String DECLINED_CARD = "4000000000000002";
    static final String ERROR_CARD = "4000000000000119";
    static final String BANK = "123456789";
    static final String DECLINED_BANK = "000111222";

    @Autowired
    BatchClosing closing;
    @Autowired
    BatchRepository batches;
    @Autowired
    BatchProperties batchProperties;
    @Autowired
    PlatformTransactionManager txManager;
    @Autowired
    List<RecurringTask<?>> recurringTasks;

    /** The business day of the test billers, Daffron billers on New York time. */
    private BusinessDay newYorkDay() {
        return batchProperties.businessDay(ZoneId.of("America/New_York"));
    }

    /** A biller with one 10.00 bill on the account, a 1.95 card fee and a 0.50 bank fee. */
    private TestBiller billerWithBill(String account) {
        TestBiller b = newBiller();
        String invoice = account.replace("-", "") + "00000001";
        assertThat(upload(b, b.webServiceKey(), "f.bif",
                new BifText(b.guidText()).invoice(invoice, account, "10/01/2026", "10.00", null).text()).status()).isEqualTo(201);
        jdbc.sql("update invoice set cc_service_fee = 1.95, ach_service_fee = 0.50 where biller_id = ?").param(b.bid()).update();
        return b;
    }

    private String pay(TestBiller b, String channel, String account, String amount, String method) {
        String body = """
                {"channel":"%s","kioskId":"K7","accountNumber":"%s","amount":%s,%s}""".formatted(channel, account, amount, method);
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("status").asText();
    }

    private static String card(String number) {
        return "\"card\":{\"number\":\"%s\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}"
                .formatted(number);
    }

    private static String bank(String accountNumber) {
        return "\"bank\":{\"routingNumber\":\"011000015\",\"accountNumber\":\"%s\",\"accountType\":\"CHECKING\"}"
                .formatted(accountNumber);
    }

    private Reply close(TestBiller b, String apiKey) {
        return send(request("/api/v1/billers/" + b.bid() + "/batches/close").header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Reply closeAsOperator(long bid) {
        return send(asOperator(request("/api/v1/billers/" + bid + "/batches/close")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static void assertTotals(JsonNode node, long count, String amount, String fee) {
        assertThat(node.get("paymentCount").asLong()).as(node.toString()).isEqualTo(count);
        assertThat(node.get("totalAmount").isNumber()).as(node.toString()).isTrue();
        assertThat(node.get("totalAmount").decimalValue()).as(node.toString()).isEqualByComparingTo(amount);
        assertThat(node.get("totalFee").isNumber()).as(node.toString()).isTrue();
        assertThat(node.get("totalFee").decimalValue()).as(node.toString()).isEqualByComparingTo(fee);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void closingReportsCountAndTotalsPerMethodAndChannelOfTheApprovedPaymentsOnly() {
        TestBiller b = billerWithBill("4201-1");
        assertThat(pay(b, "IVR", "4201-1", "10.00", card(VISA))).isEqualTo("APPROVED");
        assertThat(pay(b, "POS", "4201-1", "25.50", card(VISA))).isEqualTo("APPROVED");
        assertThat(pay(b, "IVR", "4201-1", "12.34", card(VISA))).isEqualTo("APPROVED");
        assertThat(pay(b, "KIOSK", "4201-1", "30.00", bank(BANK))).isEqualTo("APPROVED");
        assertThat(pay(b, "IVR", "4201-1", "40.00", bank(BANK))).isEqualTo("APPROVED");
        assertThat(pay(b, "IVR", "4201-1", "99.00", card(DECLINED_CARD))).isEqualTo("DECLINED");
        assertThat(pay(b, "KIOSK", "4201-1", "55.00", bank(DECLINED_BANK))).isEqualTo("DECLINED");
        assertThat(pay(b, "OBD", "4201-1", "77.00", card(ERROR_CARD))).isEqualTo("ERROR");

        Reply open = getJson("/api/v1/billers/" + b.bid() + "/batches/open", b.apiKey());
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        assertThat(open.json().get("status").asText()).isEqualTo("OPEN");
        assertTotals(open.json(), 5, "117.84", "6.85");

        Reply closed = close(b, b.apiKey());
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        JsonNode report = closed.json();
        long id = report.get("batchId").asLong();
        assertThat(report.get("billerId").asLong()).isEqualTo(b.bid());
        assertThat(report.get("status").asText()).isEqualTo("CLOSED");
        assertThat(report.get("closedBy").asText()).isEqualTo("biller " + b.bid() + " api key");
        Instant cutoff = OffsetDateTime.parse(report.get("cutoff").asText()).toInstant();
        assertThat(cutoff).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(report.get("businessDate").asText()).isEqualTo(newYorkDay().dateOf(cutoff).toString());
        assertThat(OffsetDateTime.parse(report.get("closedAt").asText()).toInstant()).isAfterOrEqualTo(cutoff.minusSeconds(5));
        assertTotals(report, 5, "117.84", "6.85");
        assertThat(names(report.get("byMethod"))).containsExactly("CARD", "ACH");
        assertTotals(report.get("byMethod").get("CARD"), 3, "47.84", "5.85");
        assertTotals(report.get("byMethod").get("ACH"), 2, "70.00", "1.00");
        assertThat(names(report.get("byChannel"))).containsExactly("IVR", "KIOSK", "POS");
        assertTotals(report.get("byChannel").get("IVR"), 3, "62.34", "4.40");
        assertTotals(report.get("byChannel").get("KIOSK"), 1, "30.00", "0.50");
        assertTotals(report.get("byChannel").get("POS"), 1, "25.50", "1.95");
        assertThat(closed.body()).contains("\"totalAmount\":117.84");

        Reply got = getJson("/api/v1/billers/" + b.bid() + "/batches/" + id, b.apiKey());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(report);
        assertThat(count("select count(*) from payment where biller_id = ? and batch_id = ? and status = 'APPROVED'", b.bid(), id))
                .isEqualTo(5);
        assertThat(count("select count(*) from payment where biller_id = ? and batch_id is null", b.bid())).isEqualTo(3);

        Reply again = close(b, b.apiKey());
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("batchId").asLong()).isNotEqualTo(id);
        assertTotals(again.json(), 0, "0", "0");
        assertThat(again.json().get("byMethod").isEmpty()).isTrue();
        assertTotals(getJson("/api/v1/billers/" + b.bid() + "/batches/open", b.apiKey()).json(), 0, "0", "0");

        Reply list = getJson("/api/v1/billers/" + b.bid() + "/batches", b.apiKey());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(2);
        assertThat(list.json().get(0).get("batchId").asLong()).isEqualTo(again.json().get("batchId").asLong());
        assertThat(list.json().get(1).get("batchId").asLong()).isEqualTo(id);
        assertTotals(list.json().get(1), 5, "117.84", "6.85");
        assertThat(list.json().get(1).get("businessDate").asText()).isEqualTo(report.get("businessDate").asText());
    }

    @Test
    void anotherBillersKeyIsRefusedAndTheOperatorMayClose() {
        TestBiller b = billerWithBill("4202-1");
        TestBiller other = newBiller();
        assertThat(pay(b, "IVR", "4202-1", "10.00", card(VISA))).isEqualTo("APPROVED");
        String base = "/api/v1/billers/" + b.bid() + "/batches";

        assertThat(close(b, other.apiKey()).status()).isEqualTo(403);
        assertThat(close(b, b.webServiceKey()).status()).isEqualTo(403);
        assertThat(getJson(base, other.apiKey()).status()).isEqualTo(403);
        assertThat(getJson(base + "/open", other.apiKey()).status()).isEqualTo(403);
        assertThat(count("select count(*) from payment_batch where biller_id = ?", b.bid())).isZero();

        Reply byOperator = closeAsOperator(b.bid());
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(201);
        assertThat(byOperator.json().get("closedBy").asText()).isEqualTo("operator");
        assertTotals(byOperator.json(), 1, "10.00", "1.95");
        long id = byOperator.json().get("batchId").asLong();

        assertThat(getJson(base + "/" + id, other.apiKey()).status()).isEqualTo(403);
        Reply elsewhere = getJson("/api/v1/billers/" + other.bid() + "/batches/" + id, other.apiKey());
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(closeAsOperator(987_654_321L).status()).isEqualTo(404);
    }

    @Test
    void concurrentClosuresNeverPutAPaymentInTwoBatches() throws Exception {
        TestBiller b = billerWithBill("4203-1");
        for (int i = 0; i < 6; i++) {
            assertThat(pay(b, i % 2 == 0 ? "IVR" : "KIOSK", "4203-1", "1" + i + ".00", i % 3 == 0 ? bank(BANK) : card(VISA)))
                    .isEqualTo("APPROVED");
        }
        Instant sameCutoff = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> staff = new ArrayList<>();
        List<Future<Long>> scheduled = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            staff.add(pool.submit((Callable<Integer>) () -> closeAsOperator(b.bid()).status()));
            if (i % 2 == 0) {
                scheduled.add(pool.submit(() -> closing.close(b.bid(), sameCutoff, BatchClosing.SCHEDULE).id()));
            }
        }
        for (Future<Integer> f : staff) {
            assertThat(f.get()).isEqualTo(201);
        }
        Set<Long> scheduledIds = new HashSet<>();
        for (Future<Long> f : scheduled) {
            scheduledIds.add(f.get());
        }
        pool.shutdown();

        assertThat(scheduledIds).as("one batch per cutoff").hasSize(1);
        List<Batch> all = batches.recent(b.bid(), 100);
        // Two staff closures in the same microsecond would share one batch, so only "at least" is certain.
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all.stream().mapToLong(x -> x.totals().count()).sum()).isEqualTo(6);
        assertThat(all.stream().map(x -> x.totals().amount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("75.00");
        for (Batch batch : all) {
            assertThat(count("select count(*) from payment where batch_id = ?", batch.id())).isEqualTo(batch.totals().count());
        }
        assertThat(count("select count(*) from payment where biller_id = ? and batch_id is null", b.bid())).isZero();
    }

    @Test
    void theDailyClosureClosesEveryBillersDayOnceHoweverOftenItRuns() {
        assertThat(recurringTasks).extracting(RecurringTask::getName).contains("batch-closure");
        TestBiller b = billerWithBill("4204-1");
        TestBiller quiet = newBiller();
        assertThat(pay(b, "IVR", "4204-1", "10.00", card(VISA))).isEqualTo("APPROVED");
        assertThat(pay(b, "KIOSK", "4204-1", "20.00", bank(BANK))).isEqualTo("APPROVED");
        assertThat(pay(b, "IVR", "4204-1", "30.00", card(VISA))).isEqualTo("APPROVED");

        // The run under test happens two days ago; the first two payments were made the evening before its cutoff.
        Instant runAt = Instant.now().minus(Duration.ofDays(2));
        Instant cutoff = newYorkDay().lastCloseAtOrBefore(runAt);
        jdbc.sql("update payment set created_at = ? where biller_id = ? and amount < 25")
                .params(cutoff.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC), b.bid()).update();
        BatchClosing daily = new BatchClosing(batches, billerService, batchProperties, txManager, Clock.fixed(runAt, ZoneOffset.UTC));

        int first = daily.closeAllDue();
        int second = daily.closeAllDue();
        assertThat(second).isEqualTo(first).isGreaterThanOrEqualTo(2);

        List<Batch> mine = batches.recent(b.bid(), 10);
        assertThat(mine).hasSize(1);
        Batch batch = mine.get(0);
        assertThat(batch.cutoff().toInstant()).isEqualTo(cutoff);
        assertThat(batch.businessDate()).isEqualTo(newYorkDay().dateOf(cutoff));
        assertThat(batch.closedBy()).isEqualTo("schedule");
        assertThat(batch.totals()).isEqualTo(new Totals(2, new BigDecimal("30.00"), new BigDecimal("2.45")));
        assertThat(count("select count(*) from payment where biller_id = ? and batch_id is null and amount = 30", b.bid()))
                .isEqualTo(1);

        List<Batch> quietDay = batches.recent(quiet.bid(), 10);
        assertThat(quietDay).hasSize(1);
        assertThat(quietDay.get(0).totals()).isEqualTo(Totals.NONE);
        assertThat(quietDay.get(0).businessDate()).isEqualTo(batch.businessDate());
    }

    /**
     * SPEC C1: each biller's day ends at the close time on its own clock, and its batch is dated in its
     * own zone. One run at 04:30 UTC on 16 January closes New York's 15th (ended 23:00 New York, 04:00
     * UTC), UTC's 15th (ended 23:00 UTC) and Los Angeles' 14th (its 15th is still going on).
     */
    @Test
    void eachBillersBusinessDayEndsAtTheCloseTimeInItsOwnZone() {
        TestBiller newYork = billerWithBill("4205-1");
        TestBiller utc = billerWithBill("4206-1");
        TestBiller losAngeles = newBiller();
        billerService.setTimeZone(utc.bid(), "UTC", "test");
        billerService.setTimeZone(losAngeles.bid(), "America/Los_Angeles", "test");
        assertThat(pay(newYork, "IVR", "4205-1", "10.00", card(VISA))).isEqualTo("APPROVED");
        assertThat(pay(utc, "IVR", "4206-1", "10.00", card(VISA))).isEqualTo("APPROVED");
        assertThat(pay(utc, "IVR", "4206-1", "20.00", card(VISA))).isEqualTo("APPROVED");
        // 22:00 in New York on the 15th is 03:00 UTC on the 16th: after UTC's close, before New York's.
        Instant tenPmNewYork = Instant.parse("2025-01-16T03:00:00Z");
        jdbc.sql("update payment set created_at = ? where biller_id in (?, ?)")
                .params(tenPmNewYork.atOffset(ZoneOffset.UTC), newYork.bid(), utc.bid()).update();
        jdbc.sql("update payment set created_at = ? where biller_id = ? and amount = 10")
                .params(Instant.parse("2025-01-15T22:00:00Z").atOffset(ZoneOffset.UTC), utc.bid()).update();

        new BatchClosing(batches, billerService, batchProperties, txManager,
                Clock.fixed(Instant.parse("2025-01-16T04:30:00Z"), ZoneOffset.UTC)).closeAllDue();

        Batch ny = batches.recent(newYork.bid(), 10).get(0);
        assertThat(ny.cutoff().toInstant()).isEqualTo(Instant.parse("2025-01-16T04:00:00Z"));
        assertThat(ny.businessDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(ny.totals().count()).as("the 22:00 payment is New York's 15th").isEqualTo(1);
        Batch u = batches.recent(utc.bid(), 10).get(0);
        assertThat(u.cutoff().toInstant()).isEqualTo(Instant.parse("2025-01-15T23:00:00Z"));
        assertThat(u.businessDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(u.totals().count()).as("03:00 UTC is already UTC's 16th").isEqualTo(1);
        assertThat(u.totals().amount()).isEqualByComparingTo("10.00");
        Batch la = batches.recent(losAngeles.bid(), 10).get(0);
        assertThat(la.cutoff().toInstant()).isEqualTo(Instant.parse("2025-01-15T07:00:00Z"));
        assertThat(la.businessDate()).isEqualTo(LocalDate.of(2025, 1, 14));

        // Staff closing New York's batch at 21:00 its time on the 16th (02:00 UTC on the 17th) close its 16th.
        Batch early = closing.close(newYork.bid(), Instant.parse("2025-01-17T02:00:00Z"), "staff");
        assertThat(early.businessDate()).isEqualTo(LocalDate.of(2025, 1, 16));
    }
}
