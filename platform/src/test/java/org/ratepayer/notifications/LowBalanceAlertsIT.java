package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.TestSmtp;
import org.ratepayer.balances.BalanceRefreshed;
import org.ratepayer.balances.PrepaidThresholds;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.notifications.internal.LowBalanceAlerts;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.web.PortalHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prepaid low-balance alerts end to end (docs/prepaid-alerts.md): the balance API refreshing from the CIS simulator's
 * prepaid answers, the biller's thresholds (settings 1012, 1013), a real SMTP server and the email history. One alert
 * per crossing below a threshold, whatever is refreshed again or at the same time.
 */
class LowBalanceAlertsIT extends CisSimulatorIT {

    private static final String PAYER_PASSWORD = "Prepaid-Alerts-2026";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static final GreenMail SMTP = TestSmtp.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        TestSmtp.sendTo(SMTP, registry);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    PayerDirectory directory;

    @Autowired
    LowBalanceAlerts alerts;

    @Autowired
    PlatformTransactionManager txManager;

    private static String account(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + "-1";
    }

    private static String own(String account) {
        return "own-" + account + "@example.com";
    }

    /**
     * A Daffron biller refreshing every balance from the simulator (option 64), with the given thresholds, and one
     * prepaid account with its own email; the simulator holds {@code balance} and {@code days} for it.
     */
    private TestBiller biller(String account, String amount, String days, String balance, String daysLeft) {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), CIS_USER, CIS_PASSWORD);
        billerService.setOption(b.bid(), 64, null, BooleanNode.TRUE, "test");
        if (amount != null) {
            assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/settings/1012", "{\"value\":\"" + amount + "\"}").status()).isEqualTo(200);
        }
        if (days != null) {
            assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/settings/1013", "{\"value\":" + days + "}").status()).isEqualTo(200);
        }
        BifText file = new BifText(b.guidText()).invoice(account.replace("-", "") + "01", account, "11/10/2026", "10.00", own(account));
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        cisHolds(account, balance, daysLeft);
        return b;
    }

    private static void cisHolds(String account, String balance, String daysLeft) {
        cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric", "0.00", "0"))
                .withPrepaid(new BigDecimal(balance), daysLeft == null ? null : new BigDecimal(daysLeft)));
    }

    /** Asks the balance API, as every page does, and checks the CIS answered (a fallback is no refresh). */
    private JsonNode refresh(TestBiller b, String account) {
        Reply r = getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/balance", b.apiKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("source").asText()).as("answered by the CIS").isEqualTo("cis");
        return r.json();
    }

    private JsonNode history(TestBiller b, String account) {
        Reply r = getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/emails", b.apiKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The account's alerts, newest first, once every one of them has been handed to SMTP. */
    private JsonNode settledAlerts(TestBiller b, String account, int expected) {
        await().atMost(PATIENCE).until(() -> {
            JsonNode h = history(b, account);
            return h.size() == expected && h.findValuesAsText("status").stream().allMatch("SENT"::equals);
        });
        JsonNode h = history(b, account);
        h.forEach(e -> assertThat(e.get("kind").asText()).isEqualTo("PREPAID_LOW_BALANCE"));
        return h;
    }

    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }

    private static List<String> json(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private Object[] state(TestBiller b, String account) {
        return jdbc.sql("select low, crossings from prepaid_balance_state where biller_id = ? and account_number = ?")
                .params(b.bid(), account).query((rs, n) -> new Object[] {rs.getBoolean(1), rs.getInt(2)}).single();
    }

    @Test
    void aRefreshBelowTheAmountAlertsTheUsersAndTheAccountsAddressesOnceWithTheFigures() throws Exception {
        String a = account("61");
        TestBiller b = biller(a, "20.00", null, "35.00", "12");
        String pat = "pat-" + b.bid() + "@example.com", sam = "sam-" + b.bid() + "@example.com", cc = "cc-" + b.bid() + "@example.com";
        directory.register(b.bid(), "pat", pat, List.of(a), PAYER_PASSWORD);
        // sam's address also stands in the account's CC field, in other capitals: sam is emailed once
        directory.register(b.bid(), "sam", sam, List.of(a), PAYER_PASSWORD);
        jdbc.sql("insert into account_cc_email (biller_id, account_number, email) values (?, ?, ?)")
                .params(b.bid(), a, cc + "; " + sam.toUpperCase(java.util.Locale.ROOT)).update();

        refresh(b, a);
        assertThat(history(b, a)).as("35.00 is above the threshold of 20.00: nothing").isEmpty();
        assertThat(state(b, a)).containsExactly(false, 0);

        cisHolds(a, "20.00", "7");
        refresh(b, a);
        assertThat(history(b, a)).as("equal to the threshold is not below it").isEmpty();

        cisHolds(a, "4.93", "1");
        JsonNode balance = refresh(b, a);
        assertThat(balance.at("/prepaid/remainingBalance").decimalValue()).isEqualByComparingTo("4.93");

        JsonNode alert = settledAlerts(b, a, 1).get(0);
        assertThat(alert.get("subject").asText()).isEqualTo("Your prepaid balance is low: account " + a);
        assertThat(json(alert.get("recipients"))).containsExactly(pat, sam, own(a), cc);
        assertThat(alert.get("text").asText())
                .contains("The prepaid balance of your Test Co-op " + b.bid() + " account " + a + " has fallen below your alert threshold.")
                .contains("Remaining balance: $4.93\n")
                .contains("Remaining days:    1\n")
                .contains("Alert threshold:   a balance below $20.00\n")
                .contains("/pay/" + b.bid());
        assertThat(state(b, a)).containsExactly(true, 1);
        assertThat(count("select count(*) from email_message where biller_id = ? and event_key = ?", b.bid(), "PREPAID_LOW:" + a + ":1"))
                .isEqualTo(1);
        for (String to : List.of(pat, sam, own(a), cc)) {
            List<MimeMessage> caught = caughtFor(to);
            assertThat(caught).as(to).hasSize(1);
            MimeMessage m = caught.get(0);
            assertThat(m.getSubject()).isEqualTo("Your prepaid balance is low: account " + a);
            assertThat(Arrays.stream(m.getAllRecipients()).map(Address::toString).toList()).containsExactly(pat, sam, own(a), cc);
            assertThat(m.getFrom()[0].toString()).startsWith("Test Co-op " + b.bid());
        }

        // further refreshes below, lower still: nothing more
        cisHolds(a, "2.10", "0.5");
        refresh(b, a);
        refresh(b, a);
        assertThat(history(b, a)).hasSize(1);
        assertThat(state(b, a)).containsExactly(true, 1);
        Thread.sleep(300);
        assertThat(caughtFor(pat)).hasSize(1);
    }

    @Test
    void risingAboveAndFallingBelowAgainAlertsASecondTime() {
        String a = account("62");
        TestBiller b = biller(a, "20.00", null, "10.00", "4");
        refresh(b, a);
        assertThat(settledAlerts(b, a, 1).get(0).get("recipients").get(0).asText()).isEqualTo(own(a));

        cisHolds(a, "50.00", "20");
        refresh(b, a);
        assertThat(state(b, a)).as("topped up: not low, no email").containsExactly(false, 1);
        assertThat(history(b, a)).hasSize(1);

        cisHolds(a, "19.99", "8");
        refresh(b, a);
        refresh(b, a);
        JsonNode h = settledAlerts(b, a, 2);
        assertThat(h.get(0).get("text").asText()).contains("Remaining balance: $19.99\n");
        assertThat(h.get(1).get("text").asText()).contains("Remaining balance: $10.00\n");
        assertThat(state(b, a)).containsExactly(true, 2);
        assertThat(jdbc.sql("select event_key from email_message where biller_id = ? order by email_id").param(b.bid())
                .query(String.class).list()).containsExactly("PREPAID_LOW:" + a + ":1", "PREPAID_LOW:" + a + ":2");
        await().atMost(PATIENCE).until(() -> caughtFor(own(a)).size() == 2);
    }

    @Test
    void theDaysThresholdAloneAlerts() {
        String a = account("63");
        TestBiller b = biller(a, null, "5", "1.00", "5");
        refresh(b, a);
        assertThat(history(b, a)).as("5 days left is not fewer than 5").isEmpty();

        cisHolds(a, "500.00", "4");
        refresh(b, a);
        JsonNode alert = settledAlerts(b, a, 1).get(0);
        assertThat(alert.get("text").asText()).contains("Remaining balance: $500.00\n").contains("Remaining days:    4\n")
                .contains("Alert threshold:   fewer than 5 days remaining\n").doesNotContain("a balance below");
    }

    @Test
    void withoutAThresholdNothingIsCheckedOrSent() {
        String a = account("64");
        TestBiller b = biller(a, null, null, "-40.00", "0");
        refresh(b, a);
        refresh(b, a);
        assertThat(history(b, a)).isEmpty();
        assertThat(count("select count(*) from prepaid_balance_state where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void aBadThresholdIsRefusedNamingTheSettingAndChangesNothing() {
        String a = account("65");
        TestBiller b = biller(a, "20.00", "5", "100.00", "30");
        Reply r = operatorPut("/api/v1/billers/" + b.bid() + "/settings/1012", "{\"value\":\"-1\"}");
        assertThat(r.status()).as("the configuration API's answer to a refused value").isEqualTo(422);
        assertThat(r.body()).contains("setting 1012").contains("expected an amount of 0 or more");
        r = operatorPut("/api/v1/billers/" + b.bid() + "/settings/1013", "{\"value\":61}");
        assertThat(r.status()).as("the configuration API's answer to a refused value").isEqualTo(422);
        assertThat(r.body()).contains("setting 1013").contains("61 is out of range 0..60");
        assertThat(billerService.config(b.bid()).setting(1012)).contains("20.00");
        assertThat(billerService.config(b.bid()).setting(1013)).contains("5");
    }

    @Test
    void thePortalHomeNotesABalanceBelowTheThreshold() {
        String a = account("68");
        TestBiller b = biller(a, null, "5", "12.00", "3");
        directory.register(b.bid(), "pat", "pat-" + b.bid() + "@example.com", List.of(a), PAYER_PASSWORD);
        PortalHttp portal = PortalHttp.signedOn(this::url, b.bid(), directory.mintSignOn(b.bid(), "pat", null).token());
        java.net.http.HttpResponse<String> home = portal.get("/portal/" + b.bid());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"low-balance-0\"").contains("Your prepaid balance is below your alert threshold.");
        settledAlerts(b, a, 1);

        cisHolds(a, "60.00", "5");
        home = portal.get("/portal/" + b.bid());
        assertThat(home.body()).contains("id=\"remaining-days-0\"").doesNotContain("low-balance-0");
    }

    @Test
    void eachBillerDecidesItsOwnAccountsCrossings() {
        String a = account("69");
        TestBiller one = biller(a, "20.00", null, "5.00", "2");
        TestBiller two = biller(a, "20.00", null, "5.00", "2");
        refresh(one, a);
        settledAlerts(one, a, 1);
        assertThat(history(two, a)).as("the other biller's account of the same number was not refreshed").isEmpty();
        assertThat(count("select count(*) from prepaid_balance_state where biller_id = ?", two.bid())).isZero();

        refresh(two, a);
        settledAlerts(two, a, 1);
        assertThat(state(one, a)).containsExactly(true, 1);
        assertThat(state(two, a)).containsExactly(true, 1);
        assertThat(history(one, a)).hasSize(1);
    }

    @Test
    void anOlderRefreshHeardAfterANewerOneChangesNothing() {
        String a = account("70");
        TestBiller b = biller(a, "20.00", null, "50.00", "20");
        OffsetDateTime now = OffsetDateTime.now(clock);
        alerts.refreshed(new BalanceRefreshed(b.bid(), a, new BigDecimal("50.00"), new BigDecimal("50.00"), new BigDecimal("20"), now));
        // refreshed a second earlier, when it was low, and heard only now
        alerts.refreshed(new BalanceRefreshed(b.bid(), a, new BigDecimal("3.00"), new BigDecimal("3.00"), BigDecimal.ONE,
                now.minusSeconds(1)));
        assertThat(state(b, a)).containsExactly(false, 0);
        assertThat(history(b, a)).isEmpty();
    }

    @Test
    void refreshesAtOnceSendOneAlert() throws Exception {
        String a = account("66");
        TestBiller b = biller(a, "20.00", null, "3.00", "1");
        int n = 6;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    Reply r = getJson("/api/v1/billers/" + b.bid() + "/accounts/" + a + "/balance", b.apiKey());
                    return r.status();
                }));
            }
            for (Future<Integer> f : answers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // a refresh the simulator was too slow for (a busy machine) fell back and decided nothing: one more makes sure one did
        refresh(b, a);
        settledAlerts(b, a, 1);
        assertThat(state(b, a)).containsExactly(true, 1);
        Thread.sleep(300);
        assertThat(caughtFor(own(a))).hasSize(1);
    }

    /**
     * The database-level argument, made to happen: while one refresh's transaction has decided the crossing and not yet
     * committed, a second refresh of the account (another node's, say) waits on the state row's lock, and once the first
     * commits it finds the account already low and sends nothing.
     */
    @Test
    void aSecondRefreshWaitsForTheFirstsDecisionAndSendsNothing() throws Exception {
        String a = account("67");
        TestBiller b = biller(a, "20.00", null, "3.00", "1");
        BalanceRefreshed low = new BalanceRefreshed(b.bid(), a, new BigDecimal("3.00"), new BigDecimal("3.00"), BigDecimal.ONE,
                OffsetDateTime.now(clock));
        PrepaidThresholds thresholds = new PrepaidThresholds(new BigDecimal("20.00"), null);
        CountDownLatch decided = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(txManager);
        CompletableFuture<Optional<Long>> first = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            Optional<Long> id = alerts.check(low, thresholds);
            decided.countDown();
            try {
                assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id;
        }));
        assertThat(decided.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> alerts.refreshed(low));
        Thread.sleep(500);
        assertThat(second).as("waiting for the first transaction's lock").isNotDone();
        assertThat(history(b, a)).as("nothing is visible before the first commits").isEmpty();

        commit.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isPresent();
        second.get(30, TimeUnit.SECONDS);
        settledAlerts(b, a, 1);
        assertThat(state(b, a)).containsExactly(true, 1);
        Thread.sleep(300);
        assertThat(caughtFor(own(a))).hasSize(1);
    }
}
