package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.TestSmtp;
import org.ratepayer.autopay.AutopayEvent;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.notifications.internal.AutopayEmails;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.web.PortalHttp;
import org.ratepayer.billers.ConfigValidationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The autopay emails end to end (docs/autopay.md, "Emails"): a real autopay run against the CIS simulator and the
 * sandbox gateway, a real SMTP server, the email history. Each email reaches every co-owner and the payer who enrolled,
 * once, whatever is run or published again.
 */
class AutopayEmailsIT extends CisSimulatorIT {

    private static final String PAYER_PASSWORD = "Autopay-Emails-2026";
    private static final LocalDate D = LocalDate.of(2026, 12, 1);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String APPROVE = "4111111111111111";
    static final String DECLINE = "4000000000000002";

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
    AutopayRuns runs;

    @Autowired
    AutopayEmails emails;

    @Autowired
    PayerDirectory directory;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    JavaMailSender mailSender;

    @BeforeEach
    void day() {
        clock.setDay(D);
    }

    private static String account(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + "-1";
    }

    /** A Daffron biller refreshing from and posting to the simulator; the account billed 120.50 due 12/01/2026, its own email set. */
    private TestBiller biller(String account) {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), CIS_USER, CIS_PASSWORD);
        billerService.setOption(b.bid(), 64, null, BooleanNode.TRUE, "test");
        BifText file = new BifText(b.guidText()).invoice(account.replace("-", "") + "01", account, "11/10/2026", "120.50", own(account));
        cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric", "120.50", "0")));
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private static String own(String account) {
        return "own-" + account + "@example.com";
    }

    private void enrol(TestBiller b, String account, String card, String maximum, String enrolledBy) {
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/autopay").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enrolled\":true,"
                        + "\"card\":{\"number\":\"" + card + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}"
                        + (maximum == null ? "" : ",\"maximumAmount\":" + maximum) + "}")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        // enrolled in November, before the bill is collected
        jdbc.sql("update autopay_enrolment set enrolled_at = '2026-11-01T12:00:00Z' where biller_id = ? and account_number = ?")
                .params(b.bid(), account).update();
        if (enrolledBy != null) {
            // as the portal does it: the payer's username recorded, the method one of the payer's wallet
            jdbc.sql("update autopay_enrolment set changed_by = ? where biller_id = ? and account_number = ?")
                    .params(enrolledBy, b.bid(), account).update();
            jdbc.sql("""
                    insert into payer_method (method_guid, biller_id, user_id, method, token, brand, last4)
                    select gen_random_uuid(), e.biller_id, u.user_id, e.method, e.method_token, e.card_brand, e.last4
                    from autopay_enrolment e join payer_user u on u.biller_id = e.biller_id and u.username = ?
                    where e.biller_id = ? and e.account_number = ?""").params(enrolledBy, b.bid(), account).update();
        }
    }

    /**
     * A run on D, run again while the simulator was too slow to answer (a loaded machine; the 1 s CIS timeout of the
     * tests): as the day's later runs would, since a bill whose CIS did not answer is tried again that day.
     */
    private void run(TestBiller b) {
        runs.runNow(b.bid(), D, "test");
        for (int i = 0; i < 5 && count("select count(*) from autopay_attempt where biller_id = ? and status = 'CIS_UNREACHABLE'",
                b.bid()) > 0; i++) {
            runs.runNow(b.bid(), D, "test");
        }
    }

    private JsonNode history(TestBiller b, String account) {
        Reply r = getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/emails", b.apiKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The account's history once every email in it has been handed to SMTP. */
    private JsonNode settledHistory(TestBiller b, String account, int expected) {
        await().atMost(PATIENCE).until(() -> {
            JsonNode h = history(b, account);
            return h.size() == expected && h.findValuesAsText("status").stream().noneMatch(s -> s.equals("QUEUED") || s.equals("SENDING"));
        });
        return history(b, account);
    }

    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }

    private static List<String> recipients(JsonNode email) {
        return json(email.get("recipients"));
    }

    private static List<String> json(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void aChargeSendsOneReceiptToEachCoOwnerAndTheEnrollingPayerOnce() throws Exception {
        String a = account("91");
        TestBiller b = biller(a);
        String pat = "pat-" + b.bid() + "@example.com", sam = "sam-" + b.bid() + "@example.com", lee = "lee-" + b.bid() + "@example.com";
        directory.register(b.bid(), "pat", pat, List.of(a), PAYER_PASSWORD);
        directory.register(b.bid(), "sam", sam.toUpperCase(java.util.Locale.ROOT), List.of(a), PAYER_PASSWORD);
        // lee enrolled the account in the portal, and is no longer one of its users: lee's card is still the one charged
        directory.register(b.bid(), "lee", lee, List.of(a), PAYER_PASSWORD);
        directory.unlinkAccount(b.bid(), "lee", a);
        enrol(b, a, APPROVE, null, "lee");

        run(b);

        JsonNode h = settledHistory(b, a, 1);
        JsonNode receipt = h.get(0);
        assertThat(receipt.get("kind").asText()).as("one autopay receipt, not a second generic one").isEqualTo("AUTOPAY_RECEIPT");
        assertThat(receipt.get("status").asText()).isEqualTo("SENT");
        assertThat(recipients(receipt)).containsExactlyInAnyOrder(pat, sam.toUpperCase(java.util.Locale.ROOT), lee);
        String guid = jdbc.sql("select payment_guid::text from payment where biller_id = ? and account_number = ?").params(b.bid(), a)
                .query(String.class).single();
        assertThat(receipt.get("paymentGuid").asText()).isEqualTo(guid);
        for (String to : List.of(pat, sam, lee)) {
            assertThat(caughtFor(to)).as(to).hasSize(1);
        }
        MimeMessage m = caughtFor(pat).get(0);
        String body = GreenMailUtil.getBody(m);
        assertThat(m.getSubject()).startsWith("Autopay receipt — ");
        assertThat(receipt.get("text").asText()).contains("Autopay paid your", "$120.50", "December 1, 2026", "ending in 1111",
                guid.toUpperCase(java.util.Locale.ROOT), "/portal/" + b.bid() + "/accounts/" + a + "/enrolments")
                .doesNotContain(APPROVE);
        assertThat(body).doesNotContain(APPROVE);
        assertThat(caughtFor(own(a))).as("the account's own address only when it has no user").isEmpty();
        // and in the customer portal's email history of the account
        PortalHttp portal = PortalHttp.signedOn(this::url, b.bid(), directory.mintSignOn(b.bid(), "pat", null).token());
        java.net.http.HttpResponse<String> page = portal.get("/portal/" + b.bid() + "/accounts/" + a + "/emails");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Autopay receipt — ", pat).doesNotContain(APPROVE);

        // the same outcome published again (a re-delivered event), and the run again: nothing more is sent
        publisher.publishEvent(new AutopayEvent.Charged(b.bid(), a, a.replace("-", "") + "01", "AUTOPAY", null, D,
                new BigDecimal("120.50"), UUID.fromString(guid)));
        run(b);
        Thread.sleep(500);
        assertThat(history(b, a)).hasSize(1);
        for (String to : List.of(pat, sam, lee)) {
            assertThat(caughtFor(to)).as(to).hasSize(1);
        }
    }

    @Test
    void aDeclineNamesTheNextAttemptsDate() {
        String a = account("92");
        TestBiller b = biller(a);
        enrol(b, a, DECLINE, null, null);
        // a payer whose username reads like the API caller recorded on an API enrolment is not its enroller
        jdbc.sql("insert into payer_user (biller_id, username, email) values (?, 'operator', ?)")
                .params(b.bid(), "operator-" + b.bid() + "@example.com").update();
        jdbc.sql("update autopay_enrolment set changed_by = 'operator' where biller_id = ? and account_number = ?")
                .params(b.bid(), a).update();

        run(b);

        JsonNode h = settledHistory(b, a, 1);
        assertThat(h.get(0).get("kind").asText()).isEqualTo("AUTOPAY_DECLINED");
        assertThat(recipients(h.get(0))).as("nobody registered: the account's own address, as receipts").containsExactly(own(a));
        assertThat(h.get(0).get("subject").asText()).startsWith("Autopay payment declined — ");
        assertThat(h.get(0).get("text").asText()).contains("No money was taken", "Next attempt:", "December 2, 2026",
                "We will try again on December 2, 2026", "ending in 0002");
        assertThat(caughtFor(own(a))).hasSize(1);
        assertThat(caughtFor("operator-" + b.bid() + "@example.com")).isEmpty();
    }

    @Test
    void notChargedAboveTheMaximumNamesTheMaximum() {
        String a = account("93");
        TestBiller b = biller(a);
        enrol(b, a, APPROVE, "100.00", null);

        run(b);

        JsonNode h = settledHistory(b, a, 1);
        assertThat(h.get(0).get("kind").asText()).isEqualTo("AUTOPAY_NOT_CHARGED");
        assertThat(h.get(0).get("text").asText()).contains("Autopay did not pay your", "No money was taken",
                "Your balance was above your autopay maximum of $100.00, so it was not charged.");
        assertThat(count("select count(*) from payment where biller_id = ? and account_number = ?", b.bid(), a)).isZero();
    }

    @Test
    void theUpcomingChargeIsSentOnceHoweverOftenTheJobRuns() {
        String a = account("94");
        TestBiller b = biller(a);
        enrol(b, a, APPROVE, "500.00", null);
        clock.setDay(D.minusDays(4));
        assertThat(emails.sendUpcoming(b.bid())).as("four days before: not yet (setting 1010 unset: 3 days)").isZero();

        clock.setDay(D.minusDays(3));
        assertThat(emails.sendUpcoming(b.bid())).isEqualTo(1);
        assertThat(emails.sendUpcoming(b.bid())).as("the job again the same day").isZero();
        clock.setDay(D.minusDays(1));
        assertThat(emails.sendUpcoming(b.bid())).as("and on a later day").isZero();

        JsonNode h = settledHistory(b, a, 1);
        assertThat(h.get(0).get("kind").asText()).isEqualTo("AUTOPAY_UPCOMING");
        assertThat(h.get(0).get("subject").asText()).contains("December 1, 2026");
        assertThat(h.get(0).get("text").asText()).contains("$120.50", "December 1, 2026", "ending in 1111", "$500.00",
                "The balance on the day will be charged");
        assertThat(caughtFor(own(a))).hasSize(1);
        assertThat(count("select count(*) from email_message where biller_id = ? and event_key is not null", b.bid())).isEqualTo(1);
    }

    @Test
    void settingTenTenAtZeroSendsNoUpcomingCharge() {
        String a = account("95");
        TestBiller b = biller(a);
        enrol(b, a, APPROVE, null, null);
        assertThatThrownBy(() -> billerService.setSetting(b.bid(), 1010, LongNode.valueOf(31), "test"))
                .isInstanceOf(ConfigValidationException.class);
        billerService.setSetting(b.bid(), 1010, LongNode.valueOf(0), "test");
        clock.setDay(D.minusDays(3));
        assertThat(emails.sendUpcoming(b.bid())).isZero();
        assertThat(history(b, a)).isEmpty();
    }
    @Test
    void aScheduledPaymentGetsItsReceiptAndADeclinedOneSaysNoMoreAttempts() {
        String a = account("96");
        TestBiller b = biller(a);
        String pat = "pat-" + b.bid() + "@example.com", lee = "lee-" + b.bid() + "@example.com";
        directory.register(b.bid(), "pat", pat, List.of(a), PAYER_PASSWORD);
        // lee scheduled the declined one in the portal and is no longer a user of the account
        directory.register(b.bid(), "lee", lee, List.of(a), PAYER_PASSWORD);
        directory.unlinkAccount(b.bid(), "lee", a);
        jdbc.sql("update invoice set allow_partial_payments = true where biller_id = ?").param(b.bid()).update();
        String path = "/api/v1/billers/" + b.bid() + "/accounts/" + a + "/scheduled-payments";
        for (String card : List.of(APPROVE, DECLINE)) {
            Reply r = send(request(path).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"" + D + "\",\"amount\":40.00,\"invoiceNumber\":\""
                            + a.replace("-", "") + "01\",\"card\":{\"number\":\"" + card
                            + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}}")));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            if (card.equals(DECLINE)) {
                // as the portal does it: lee's username recorded, the method one of lee's wallet
                jdbc.sql("update scheduled_payment set changed_by = 'lee' where scheduled_payment_guid = cast(? as uuid)")
                        .param(r.json().get("id").asText()).update();
                jdbc.sql("""
                        insert into payer_method (method_guid, biller_id, user_id, method, token, brand, last4)
                        select gen_random_uuid(), s.biller_id, u.user_id, s.method, s.method_token, s.card_brand, s.last4
                        from scheduled_payment s join payer_user u on u.biller_id = s.biller_id and u.username = 'lee'
                        where s.scheduled_payment_guid = cast(? as uuid)""").param(r.json().get("id").asText()).update();
            }
        }

        run(b);
        run(b);

        JsonNode h = settledHistory(b, a, 2);
        assertThat(h.findValuesAsText("kind")).containsExactlyInAnyOrder("SCHEDULED_RECEIPT", "SCHEDULED_DECLINED");
        for (JsonNode e : h) {
            if (e.get("kind").asText().equals("SCHEDULED_RECEIPT")) {
                assertThat(recipients(e)).as("scheduled through the API: the account's users").containsExactly(pat);
                assertThat(e.get("subject").asText()).startsWith("Scheduled payment receipt — ");
                assertThat(e.get("text").asText()).contains("Your scheduled payment to", "$40.00", "ending in 1111");
            } else {
                assertThat(recipients(e)).as("and the payer who scheduled it").containsExactlyInAnyOrder(pat, lee);
                assertThat(e.get("text").asText()).contains("Next attempt:", "no more attempts", "ending in 0002");
            }
        }
        assertThat(caughtFor(pat)).hasSize(2);
        assertThat(caughtFor(lee)).hasSize(1);
    }

    @Test
    void withTheSmtpServerDownTheRunStillChargesAndTheEmailIsFailedInTheHistory() throws Exception {
        String a = account("97");
        TestBiller b = biller(a);
        enrol(b, a, APPROVE, null, null);
        JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
        int realPort = sender.getPort();
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        sender.setPort(closed);
        JsonNode h;
        try {
            run(b);
            assertThat(count("select count(*) from autopay_attempt where biller_id = ? and status = 'APPROVED'", b.bid())).isEqualTo(1);
            h = settledHistory(b, a, 1);
        } finally {
            sender.setPort(realPort);
        }
        assertThat(h.get(0).get("kind").asText()).isEqualTo("AUTOPAY_RECEIPT");
        assertThat(h.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(h.get(0).get("error").asText()).isNotBlank();
        assertThat(count("select count(*) from payment where biller_id = ? and account_number = ? and status = 'APPROVED'", b.bid(), a))
                .isEqualTo(1);
    }
}
