package org.ratepayer.autopay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.cissim.PaymentPosting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * Autopay runs end to end (docs/autopay.md): the live balance from the Daffron CIS simulator, the sandbox gateway
 * in PostgreSQL, the posting of each charge to the simulator. Each bill is charged at most once whatever is run
 * again, at once, or after a crash.
 */
class AutopayRunsIT extends CisSimulatorIT {

    private static final LocalDate D = LocalDate.of(2026, 12, 1);
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    static final String APPROVE = "4111111111111111";
    static final String DECLINE = "4000000000000002";
    static final String TIME_OUT = "4000000000000259";

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    AutopayRuns runs;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @org.springframework.beans.factory.annotation.Value("${ratepayer.autopay.workers:4}")
    int workers;

    private final List<AutopayEvent> events = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> listener = e -> {
        if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof AutopayEvent a) {
            events.add(a);
        }
    };

    @BeforeEach
    void listen() {
        context.addApplicationListener(listener);
        clock.setDay(D);
    }

    @AfterEach
    void calm() {
        context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(listener);
        cis.state().clearFaults();
    }

    private static String account(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + "-1";
    }

    /** A Daffron biller refreshing from and posting to the simulator, each account billed 120.50 due 12/01/2026. */
    private TestBiller biller(String... accounts) {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), CIS_USER, CIS_PASSWORD);
        billerService.setOption(b.bid(), 64, null, BooleanNode.TRUE, "test");
        BifText file = new BifText(b.guidText());
        int n = 0;
        for (String a : accounts) {
            file.invoice(a.replace("-", "") + "0" + (++n), a, "11/10/2026", "120.50", null);
            cis.state().putAccount(CisAccount.of(a, PayableCharge.of("Electric", "120.50", "0")));
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private void enrol(TestBiller b, String account, String card, String maximum) {
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/autopay").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enrolled\":true,"
                        + "\"card\":{\"number\":\"" + card + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}"
                        + (maximum == null ? "" : ",\"maximumAmount\":" + maximum) + "}")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        // enrolled in November, before the bill is collected
        jdbc.sql("update autopay_enrolment set enrolled_at = '2026-11-01T12:00:00Z' where biller_id = ? and account_number = ?")
                .params(b.bid(), account).update();
    }

    private Reply post(TestBiller b, String body) {
        return send(asOperator(request("/api/v1/billers/" + b.bid() + "/autopay/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long start(TestBiller b, LocalDate date) {
        Reply r = post(b, "{\"date\":\"" + date + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private JsonNode done(TestBiller b, long id) {
        await().atMost(PATIENCE).until(() -> "DONE".equals(report(b, id).get("status").asText()));
        return report(b, id);
    }

    private JsonNode report(TestBiller b, long id) {
        Reply r = send(asOperator(request("/api/v1/billers/" + b.bid() + "/autopay/runs/" + id)).GET());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode run(TestBiller b, LocalDate date) {
        return done(b, start(b, date));
    }

    private List<PaymentPosting> postedFor(String account) {
        return cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals(account)).toList();
    }

    private List<String> attempts(TestBiller b, String account) {
        return jdbc.sql("""
                select attempt_no || ':' || status || coalesce(':' || reason, '') || ':' || run_date from autopay_attempt
                where biller_id = ? and account_number = ? order by attempt_no""").params(b.bid(), account).query(String.class).list();
    }

    private List<String> payments(TestBiller b, String account) {
        return jdbc.sql("select channel || ':' || status || ':' || amount from payment where biller_id = ? and account_number = ? order by payment_id")
                .params(b.bid(), account).query(String.class).list();
    }

    private List<AutopayEvent> eventsOf(TestBiller b) {
        return events.stream().filter(e -> e.bid() == b.bid()).toList();
    }

    @Test
    void aRunChargesEachDueAccountOnceAndTheCisReceivesOnePostingEach() {
        String due1 = account("61"), due2 = account("62"), later = account("63"), zero = account("64"), capped = account("65");
        TestBiller b = biller(due1, due2, later, zero, capped);
        for (String a : List.of(due1, due2, later, zero, capped)) {
            enrol(b, a, APPROVE, a.equals(capped) ? "100.00" : null);
        }
        // FileSpecId 2002, AutoPayCollectionDate: this bill is collected two days after its due date
        jdbc.sql("update invoice set autopay_collection_date = '2026-12-03' where biller_id = ? and account_number = ?")
                .params(b.bid(), later).update();
        cis.state().putAccount(CisAccount.of(due2, PayableCharge.of("Electric", "99.99", "0")));
        cis.state().putAccount(CisAccount.of(zero, PayableCharge.of("Electric", "0.00", "0")));

        JsonNode first = run(b, D);
        assertThat(first.get("due").asInt()).isEqualTo(4);
        assertThat(first.get("charged").asInt()).isEqualTo(2);
        assertThat(first.get("declined").asInt()).isZero();
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("220.49");
        assertThat(first.get("skipped").toString()).isEqualTo("{\"above_maximum\":1,\"no_balance\":1}");
        assertThat(first.get("charges")).hasSize(4);

        assertThat(payments(b, due1)).containsExactly("AUTOPAY:APPROVED:120.50");
        assertThat(payments(b, due2)).as("the live balance, charged as it is").containsExactly("AUTOPAY:APPROVED:99.99");
        assertThat(payments(b, later)).isEmpty();
        assertThat(payments(b, zero)).isEmpty();
        assertThat(payments(b, capped)).isEmpty();
        assertThat(attempts(b, capped)).containsExactly("1:SKIPPED:above_maximum:2026-12-01");

        await().atMost(PATIENCE).until(() -> postedFor(due1).size() == 1 && postedFor(due2).size() == 1);
        PaymentPosting posted = postedFor(due2).get(0);
        assertThat(posted.amount()).isEqualByComparingTo("99.99");
        assertThat(posted.transactionId()).isEqualTo(jdbc.sql("select payment_guid::text from payment where biller_id = ? and account_number = ?")
                .params(b.bid(), due2).query(String.class).single());

        JsonNode again = run(b, D);
        assertThat(again.get("due").asInt()).as("nothing is due twice").isZero();
        assertThat(again.get("charged").asInt()).isZero();
        assertThat(payments(b, due1)).hasSize(1);
        assertThat(attempts(b, due1)).containsExactly("1:APPROVED:2026-12-01");

        clock.setDay(D.plusDays(2));
        JsonNode collected = run(b, D.plusDays(2));
        assertThat(collected.get("charged").asInt()).as("the bill collected on its AutoPayCollectionDate").isEqualTo(1);
        assertThat(payments(b, later)).containsExactly("AUTOPAY:APPROVED:120.50");
        await().atMost(PATIENCE).until(() -> postedFor(later).size() == 1);
        assertThat(postedFor(due1)).hasSize(1);

        assertThat(eventsOf(b).stream().filter(e -> e instanceof AutopayEvent.Charged).map(AutopayEvent::accountNumber))
                .containsExactlyInAnyOrder(due1, due2, later);
        assertThat(eventsOf(b).stream().filter(e -> e instanceof AutopayEvent.NotCharged).map(e -> ((AutopayEvent.NotCharged) e).reason()))
                .containsExactlyInAnyOrder("no_balance", "above_maximum");
    }

    @Test
    void option128ChargesAccountsSharingACustom10AsOnePaymentPostedPerAccount() {
        String a1 = account("66"), a2 = account("67"), a3 = account("68"), alone = account("69");
        TestBiller b = biller(a1, a2, a3, alone);
        billerService.setOption(b.bid(), 128, null, BooleanNode.TRUE, "test");
        // the biller's card paymentMode for paymentSourceID 6 (AUTOPAY), so the postings show the channel
        billerService.setSetting(b.bid(), 64, TextNode.valueOf("0(WEB)|6(AUTOPAY)"), "test");
        for (String a : List.of(a1, a2, a3, alone)) {
            enrol(b, a, APPROVE, null);
        }
        // one payer's linked accounts: the same saved method, and the full Custom10 shared by their bills (only
        // "GRP-7" would be shown on the bill, the whole value groups)
        String token = jdbc.sql("select method_token from autopay_enrolment where biller_id = ? and account_number = ?")
                .params(b.bid(), a1).query(String.class).single();
        jdbc.sql("update autopay_enrolment set method_token = ? where biller_id = ? and account_number in (?, ?)")
                .params(token, b.bid(), a2, a3).update();
        jdbc.sql("update invoice set custom10 = 'GRP-7-0001' where biller_id = ? and account_number in (?, ?, ?)")
                .params(b.bid(), a1, a2, a3).update();
        jdbc.sql("update invoice set custom10 = 'GRP-7-0002' where biller_id = ? and account_number = ?").params(b.bid(), alone).update();
        cis.state().putAccount(CisAccount.of(a2, PayableCharge.of("Electric", "80.25", "0")));

        JsonNode first = run(b, D);
        assertThat(first.get("due").asInt()).isEqualTo(4);
        assertThat(first.get("charged").asInt()).as("the report counts bills").isEqualTo(4);
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("441.75");

        List<String> grouped = jdbc.sql("""
                select p.channel || ':' || p.status || ':' || p.amount || ':' || string_agg(a.account_number || '=' || a.amount, ',' order by a.position)
                from payment p join payment_allocation a using (payment_id) where p.biller_id = ? group by p.payment_id order by p.payment_id""")
                .param(b.bid()).query(String.class).list();
        assertThat(grouped).as("one payment of the group's three accounts (each its live balance), the other account alone")
                .containsExactlyInAnyOrder("AUTOPAY:APPROVED:321.25:" + a1 + "=120.50," + a2 + "=80.25," + a3 + "=120.50",
                        "AUTOPAY:APPROVED:120.50:" + alone + "=120.50");
        String groupGuid = jdbc.sql("select payment_guid::text from payment where biller_id = ? and amount = 321.25").param(b.bid())
                .query(String.class).single();
        assertThat(jdbc.sql("select distinct payment_guid::text || ':' || idempotency_key from autopay_attempt where biller_id = ? and account_number in (?, ?, ?)")
                .params(b.bid(), a1, a2, a3).query(String.class).list()).as("every member's attempt names the group's payment and key")
                .hasSize(1).allMatch(k -> k.startsWith(groupGuid + ":autopay-"));
        assertThat(eventsOf(b).stream().filter(e -> e instanceof AutopayEvent.Charged).map(e -> ((AutopayEvent.Charged) e).paymentGuid()
                .toString()).filter(groupGuid::equals)).as("one Charged per bill, all with the group's one payment").hasSize(3);

        // the CIS receives one paymentTransaction per account, each with its own share, channel AUTOPAY
        await().atMost(PATIENCE).until(() -> postedFor(a1).size() == 1 && postedFor(a2).size() == 1 && postedFor(a3).size() == 1
                && postedFor(alone).size() == 1);
        assertThat(List.of(a1, a2, a3).stream().map(a -> postedFor(a).get(0)).map(p -> p.accountNumber() + ":" + p.amount().setScale(2)
                + ":" + p.paymentMode())).containsExactly(a1 + ":120.50:AUTOPAY", a2 + ":80.25:AUTOPAY", a3 + ":120.50:AUTOPAY");
        assertThat(List.of(a1, a2, a3).stream().map(a -> postedFor(a).get(0).transactionId()).distinct()).as("one transaction id each")
                .hasSize(3);
        assertThat(count("select count(*) from sandbox_charge c join payment p on p.payment_guid = c.payment_guid where p.biller_id = ?",
                b.bid())).as("two charges at the processor").isEqualTo(2);

        JsonNode again = run(b, D);
        assertThat(again.get("due").asInt()).isZero();
        assertThat(again.get("charged").asInt()).isZero();
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(2);
    }

    @Test
    void aGroupMemberNotChargedLeavesTheGroupAndTheRestIsCharged() {
        String a1 = account("56"), a2 = account("57"), a3 = account("58");
        TestBiller b = biller(a1, a2, a3);
        billerService.setOption(b.bid(), 128, null, BooleanNode.TRUE, "test");
        for (String a : List.of(a1, a2, a3)) {
            enrol(b, a, APPROVE, a.equals(a3) ? "100.00" : null);
        }
        String token = jdbc.sql("select method_token from autopay_enrolment where biller_id = ? and account_number = ?")
                .params(b.bid(), a1).query(String.class).single();
        jdbc.sql("update autopay_enrolment set method_token = ? where biller_id = ?").params(token, b.bid()).update();
        jdbc.sql("update invoice set custom10 = 'G' where biller_id = ?").param(b.bid()).update();
        cis.state().putAccount(CisAccount.of(a2, PayableCharge.of("Electric", "0.00", "0")));

        JsonNode first = run(b, D);
        assertThat(first.get("skipped").toString()).isEqualTo("{\"above_maximum\":1,\"no_balance\":1}");
        assertThat(payments(b, a1)).as("the one member left is charged alone").containsExactly("AUTOPAY:APPROVED:120.50");
        assertThat(attempts(b, a2)).containsExactly("1:SKIPPED:no_balance:2026-12-01");
        assertThat(attempts(b, a3)).containsExactly("1:SKIPPED:above_maximum:2026-12-01");
    }

    @Test
    void twoRunsStartedAtOnceStillChargeEachBillOnce() throws Exception {
        List<String> accounts = List.of(account("71"), account("72"), account("73"), account("74"), account("75"), account("76"));
        TestBiller b = biller(accounts.toArray(String[]::new));
        for (String a : accounts) {
            enrol(b, a, APPROVE, null);
        }
        // two runs on two threads at once, and a third from the test's own
        long one = start(b, D);
        long two = start(b, D);
        long three = runs.runNow(b.bid(), D, "test");
        JsonNode r1 = done(b, one), r2 = done(b, two), r3 = report(b, three);
        assertThat(r1.get("charged").asInt() + r2.get("charged").asInt() + r3.get("charged").asInt()).isEqualTo(accounts.size());
        for (String a : accounts) {
            assertThat(payments(b, a)).as(a).containsExactly("AUTOPAY:APPROVED:120.50");
            assertThat(count("select count(*) from autopay_attempt where biller_id = ? and account_number = ? and status = 'APPROVED'",
                    b.bid(), a)).isEqualTo(1);
        }
        await().atMost(PATIENCE).until(() -> accounts.stream().allMatch(a -> postedFor(a).size() == 1));
        Thread.sleep(500);
        assertThat(accounts.stream().mapToInt(a -> postedFor(a).size()).sum()).isEqualTo(accounts.size());
    }

    @Test
    void aRunsWorkersChargeManyAccountsAtOnceEachExactlyOnceAskingTheCisOnceEach() throws Exception {
        assertThat(workers).as("this test is about a run's pool of workers").isGreaterThan(1);
        List<String> accounts = java.util.stream.IntStream.range(0, 60).mapToObj(i -> account("4" + (10 + i))).toList();
        TestBiller b = biller(accounts.toArray(String[]::new));
        String token = null;
        for (String a : accounts) {
            if (token == null) {
                enrol(b, a, APPROVE, null);
                token = jdbc.sql("select method_token from autopay_enrolment where biller_id = ?").param(b.bid()).query(String.class).single();
            } else {
                // a saved method, as the portal enrols with (faster than tokenizing 60 cards through the API)
                jdbc.sql("""
                        insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, enrolled_at, changed_by)
                        select biller_id, ?, method, method_token, card_brand, last4, enrolled_at, changed_by from autopay_enrolment
                        where biller_id = ? and account_number = ?""").params(a, b.bid(), accounts.get(0)).update();
            }
        }
        double refreshesBefore = meters.counter("ratepayer.balance.refresh", "outcome", "cis", "kind", BalanceService.NO_FAILURE).count();
        // two runs at once, each with its workers: every bill is still claimed once
        long one = start(b, D);
        long two = start(b, D);
        JsonNode r1 = done(b, one), r2 = done(b, two);
        assertThat(r1.get("charged").asInt() + r2.get("charged").asInt()).isEqualTo(accounts.size());
        assertThat(jdbc.sql("""
                select count(distinct a.account_number) || ':' || count(*) || ':' || count(distinct p.payment_id) from autopay_attempt a
                join payment p on p.payment_guid = a.payment_guid where a.biller_id = ? and a.status = 'APPROVED' and p.status = 'APPROVED'""")
                .param(b.bid()).query(String.class).single()).as("accounts:approved attempts:approved payments").isEqualTo("60:60:60");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).as("nothing else was charged").isEqualTo(60);
        assertThat(meters.counter("ratepayer.balance.refresh", "outcome", "cis", "kind", BalanceService.NO_FAILURE).count() - refreshesBefore)
                .as("one live balance per charge: the payment uses the run's refresh").isEqualTo(60.0);
        await().atMost(PATIENCE).until(() -> accounts.stream().allMatch(a -> postedFor(a).size() == 1));
        assertThat(run(b, D).get("due").asInt()).isZero();
    }

    @Test
    void anAttemptLeftInProgressIsSettledByAskingTheGatewayNotChargedAgain() {
        String lost = account("81"), crashed = account("82");
        TestBiller b = biller(lost, crashed);
        // the sandbox approves this card but its answer is lost: the attempt stays in progress, the payment UNKNOWN
        enrol(b, lost, TIME_OUT, null);
        enrol(b, crashed, APPROVE, null);
        jdbc.sql("delete from autopay_enrolment where biller_id = ? and account_number = ?").params(b.bid(), crashed).update();
        JsonNode first = run(b, D);
        assertThat(first.get("charges").get(0).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(payments(b, lost)).containsExactly("AUTOPAY:UNKNOWN:120.50");
        // a node died right after claiming this bill's attempt, before any payment was made
        jdbc.sql("""
                insert into autopay_attempt (biller_id, account_number, invoice_number, kind, attempt_no, run_date, status, idempotency_key,
                                             claimed_at, updated_at)
                select biller_id, account_number, invoice_number, 'AUTOPAY', 1, ?, 'IN_PROGRESS', 'autopay-crashed', ?, ?
                from invoice where biller_id = ? and account_number = ?""")
                .params(D, clock.instant().atOffset(java.time.ZoneOffset.UTC), clock.instant().atOffset(java.time.ZoneOffset.UTC), b.bid(),
                        crashed).update();
        enrol(b, crashed, APPROVE, null);

        JsonNode tooSoon = run(b, D);
        assertThat(tooSoon.get("charged").asInt()).as("an attempt claimed a moment ago may still be running").isZero();

        clock.advance(Duration.ofMinutes(5));
        JsonNode later = run(b, D);
        assertThat(attempts(b, lost)).containsExactly("1:APPROVED:2026-12-01");
        assertThat(payments(b, lost)).as("settled with the attempt, not charged again").containsExactly("AUTOPAY:APPROVED:120.50");
        assertThat(attempts(b, crashed)).containsExactly("1:ABANDONED:interrupted:2026-12-01", "2:APPROVED:2026-12-01");
        assertThat(payments(b, crashed)).containsExactly("AUTOPAY:APPROVED:120.50");
        assertThat(later.get("charged").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from sandbox_charge c join payment p on p.payment_guid = c.payment_guid where p.biller_id = ?",
                b.bid())).isEqualTo(2);

        // the run settled the payment as well, so it is posted (once) without waiting for the payment repair job
        await().atMost(PATIENCE).until(() -> postedFor(lost).size() == 1 && postedFor(crashed).size() == 1);
        assertThat(run(b, D).get("due").asInt()).isZero();
    }

    @Test
    void aRunWhoseNodeDiedIsReportedInterruptedOnceItsHeartbeatStops() {
        TestBiller b = biller(account("83"));
        java.time.OffsetDateTime now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        // the node that started this run was killed: nothing will finish it or beat for it again
        long dead = jdbc.sql("""
                insert into autopay_run (biller_id, run_date, status, started_by, started_at, heartbeat_at)
                values (?, ?, 'RUNNING', 'operator', ?, ?) returning run_id""").params(b.bid(), D, now, now).query(Long.class).single();
        assertThat(runs.report(b.bid(), dead).orElseThrow().status()).isEqualTo("RUNNING");

        clock.advance(Duration.ofSeconds(59));
        assertThat(runs.report(b.bid(), dead).orElseThrow().status()).as("within the heartbeat's patience").isEqualTo("RUNNING");
        clock.advance(Duration.ofSeconds(2));
        RunReport report = runs.report(b.bid(), dead).orElseThrow();
        assertThat(report.status()).isEqualTo("INTERRUPTED");
        assertThat(report.finishedAt().toInstant()).as("when it was last known alive").isEqualTo(now.toInstant());

        // a run that beats is never taken for dead, however long it takes
        long live = runs.runNow(b.bid(), D, "test");
        clock.advance(Duration.ofHours(2));
        assertThat(runs.report(b.bid(), live).orElseThrow().status()).isEqualTo("DONE");
    }

    @Test
    void aDeclineIsRetriedAfterOneAndThreeDaysThenLeft() {
        String acct = account("91");
        TestBiller b = biller(acct);
        enrol(b, acct, DECLINE, null);
        int[] days = {0, 0, 1, 2, 3, 4, 10};
        for (int d : days) {
            clock.setDay(D.plusDays(d));
            run(b, D.plusDays(d));
        }
        assertThat(attempts(b, acct)).containsExactly("1:DECLINED:2026-12-01", "2:DECLINED:2026-12-02", "3:DECLINED:2026-12-04");
        assertThat(payments(b, acct)).containsExactly("AUTOPAY:DECLINED:120.50", "AUTOPAY:DECLINED:120.50", "AUTOPAY:DECLINED:120.50");
        assertThat(eventsOf(b).stream().map(e -> String.valueOf(((AutopayEvent.Declined) e).nextAttemptOn())))
                .containsExactly("2026-12-02", "2026-12-04", "null");
        assertThat(postedFor(acct)).isEmpty();

        // a biller's own schedule (setting 1009)
        String other = account("92");
        TestBiller c = biller(other);
        billerService.setSetting(c.bid(), 1009, TextNode.valueOf("2"), "test");
        enrol(c, other, DECLINE, null);
        for (int d : new int[] {0, 1, 2, 3, 5}) {
            clock.setDay(D.plusDays(d));
            run(c, D.plusDays(d));
        }
        assertThat(attempts(c, other)).containsExactly("1:DECLINED:2026-12-01", "2:DECLINED:2026-12-03");
    }

    @Test
    void aCisDownAllDayChargesNothingAndTellsOnceAtTheDaysEnd() {
        String acct = account("93");
        TestBiller b = biller(acct);
        enrol(b, acct, APPROVE, null);
        cis.state().setFaults(FaultPlan.serviceDown());
        run(b, D);
        clock.advance(Duration.ofHours(4));
        JsonNode afternoon = run(b, D);
        assertThat(afternoon.get("skipped").toString()).isEqualTo("{\"cis_unreachable\":1}");
        assertThat(attempts(b, acct)).containsExactly("1:CIS_UNREACHABLE:cis_unreachable:2026-12-01",
                "2:CIS_UNREACHABLE:cis_unreachable:2026-12-01");
        assertThat(eventsOf(b)).as("told only when the day ends").isEmpty();

        clock.setDay(D.plusDays(1));
        run(b, D.plusDays(1));
        cis.state().clearFaults();
        run(b, D.plusDays(1));
        assertThat(payments(b, acct)).as("a fallback balance is never charged").isEmpty();
        assertThat(attempts(b, acct)).containsExactly("1:SKIPPED:cis_unreachable:2026-12-01", "2:SKIPPED:cis_unreachable:2026-12-01");
        assertThat(eventsOf(b)).containsExactly(new AutopayEvent.NotCharged(b.bid(), acct, acct.replace("-", "") + "01", "AUTOPAY", null,
                D, "cis_unreachable"));
    }

    @Test
    void aScheduledPaymentIsChargedOnceOnItsDateAndACancelledOneNever() {
        String acct = account("94");
        TestBiller b = biller(acct);
        String invoice = acct.replace("-", "") + "01";
        String path = "/api/v1/billers/" + b.bid() + "/accounts/" + acct + "/scheduled-payments";
        String card = "\"card\":{\"number\":\"" + APPROVE + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}";
        jdbc.sql("update invoice set allow_partial_payments = true where biller_id = ?").param(b.bid()).update();
        String[] ids = new String[3];
        String[] dates = {"2026-12-01", "2026-12-01", "2026-12-02"};
        for (int i = 0; i < 3; i++) {
            Reply r = send(request(path).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"" + dates[i] + "\",\"amount\":" + (40 + i) + ".00,\"invoiceNumber\":\""
                            + invoice + "\"," + card + "}")));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            ids[i] = r.json().get("id").asText();
        }
        assertThat(send(request(path + "/" + ids[1]).header("X-Api-Key", b.apiKey()).DELETE()).status()).isEqualTo(200);
        // a change before the run is what is charged
        assertThat(send(request(path + "/" + ids[0]).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"amount\":45.50}"))).status()).isEqualTo(200);

        JsonNode first = run(b, D);
        assertThat(first.get("charged").asInt()).as(first.toString()).isEqualTo(1);
        run(b, D);
        assertThat(payments(b, acct)).containsExactly("SCHEDULED:APPROVED:45.50");

        // once charged it reads PAID, with the day and the payment, and can no longer be changed or cancelled
        Reply shown = send(request(path + "/" + ids[0]).header("X-Api-Key", b.apiKey()).GET());
        assertThat(shown.json().get("status").asText()).isEqualTo("PAID");
        assertThat(shown.json().get("settledOn").asText()).isEqualTo("2026-12-01");
        assertThat(shown.json().get("paymentGuid").asText()).isEqualTo(jdbc.sql(
                "select payment_guid::text from payment where biller_id = ? and amount = 45.50").param(b.bid()).query(String.class).single());
        assertThat(shown.json().has("failureReason")).isFalse();
        Reply change = send(request(path + "/" + ids[0]).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"amount\":10.00}")));
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.json().get("code").asText()).isEqualTo("scheduled_payment_paid");
        assertThat(change.json().get("field").asText()).isEqualTo("status");
        assertThat(change.json().get("detail").asText()).contains("was paid on 2026-12-01");
        Reply cancel = send(request(path + "/" + ids[0]).header("X-Api-Key", b.apiKey()).DELETE());
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("field").asText()).isEqualTo("status");
        assertThat(jdbc.sql("select status || ':' || amount || ':' || settled_on from scheduled_payment where scheduled_payment_guid = cast(? as uuid)")
                .param(ids[0]).query(String.class).single()).as("nothing changed").isEqualTo("PAID:45.50:2026-12-01");
        assertThat(send(request(path + "/" + ids[2]).header("X-Api-Key", b.apiKey()).GET()).json().get("status").asText())
                .as("not yet run").isEqualTo("SCHEDULED");
        clock.setDay(D.plusDays(1));
        run(b, D.plusDays(1));
        run(b, D.plusDays(1));
        assertThat(payments(b, acct)).containsExactly("SCHEDULED:APPROVED:45.50", "SCHEDULED:APPROVED:42.00");
        assertThat(jdbc.sql("select status || ':' || coalesce(settled_on::text, '-') from scheduled_payment where biller_id = ? order by amount")
                .param(b.bid()).query(String.class).list()).containsExactly("CANCELLED:-", "PAID:2026-12-02", "PAID:2026-12-01");
        assertThat(count("select count(*) from autopay_attempt a join scheduled_payment s using (scheduled_payment_id)"
                + " where s.scheduled_payment_guid = cast(? as uuid)", ids[1])).as("the cancelled one").isZero();
        await().atMost(PATIENCE).until(() -> postedFor(acct).size() == 2);
        assertThat(postedFor(acct).stream().map(p -> p.amount().setScale(2).toPlainString())).containsExactly("45.50", "42.00");
    }

    @Test
    void aDeclinedScheduledPaymentReadsFailedInTheSameStepAsItsAttempt() {
        String acct = account("96");
        TestBiller b = biller(acct);
        String path = "/api/v1/billers/" + b.bid() + "/accounts/" + acct + "/scheduled-payments";
        Reply created = send(request(path).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"2026-12-01\",\"amount\":120.50,\"invoiceNumber\":\""
                        + acct.replace("-", "") + "01\",\"card\":{\"number\":\"" + DECLINE
                        + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}}")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        run(b, D);
        assertThat(jdbc.sql("""
                select s.status || ':' || s.settled_on || ':' || s.failure_reason || '/' || a.status
                from scheduled_payment s join autopay_attempt a using (scheduled_payment_id) where s.biller_id = ?""").param(b.bid())
                .query(String.class).list()).containsExactly("FAILED:2026-12-01:declined/DECLINED");
        Reply cancel = send(request(path + "/" + created.json().get("id").asText()).header("X-Api-Key", b.apiKey()).DELETE());
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("code").asText()).isEqualTo("scheduled_payment_failed");
        assertThat(cancel.json().get("field").asText()).isEqualTo("status");
        run(b, D);
        assertThat(payments(b, acct)).as("not retried").containsExactly("SCHEDULED:DECLINED:120.50");
    }

    @Test
    void aRunIsForTodayOrEarlierAndOnlyTheOperatorStartsOne() {
        TestBiller b = newBiller();
        Reply future = post(b, "{\"date\":\"" + D.plusDays(1) + "\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("field").asText()).isEqualTo("date");
        Reply bad = post(b, "{\"date\":\"12/01/2026\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("date");
        assertThat(post(b, "{}").status()).isEqualTo(400);
        assertThat(count("select count(*) from autopay_run where biller_id = ?", b.bid())).isZero();
        Reply byBiller = send(request("/api/v1/billers/" + b.bid() + "/autopay/runs").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"" + D + "\"}")));
        assertThat(byBiller.status()).isEqualTo(403);
        JsonNode empty = run(b, D);
        assertThat(empty.get("due").asInt()).isZero();
        assertThat(empty.get("amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/autopay/runs/" + empty.get("id").asLong(), b.apiKey()).status()).isEqualTo(200);

        // the schedule's runs every half hour keep only those that did something
        runs.runOnSchedule(b.bid(), D);
        assertThat(count("select count(*) from autopay_run where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void theSchedulesRunIsKeptWhenItCharges() {
        String acct = account("95");
        TestBiller b = biller(acct);
        enrol(b, acct, APPROVE, null);
        runs.runOnSchedule(b.bid(), runs.today(b.bid()));
        runs.runOnSchedule(b.bid(), runs.today(b.bid()));
        assertThat(jdbc.sql("select started_by || ':' || status || ':' || due_count from autopay_run where biller_id = ?").param(b.bid())
                .query(String.class).list()).containsExactly("schedule:DONE:1");
        assertThat(payments(b, acct)).containsExactly("AUTOPAY:APPROVED:120.50");
    }
}
