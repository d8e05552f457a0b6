package org.ratepayer.notifications;

import org.ratepayer.TestSmtp;
import org.ratepayer.notifications.internal.PaymentEmails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Receipts over real SMTP (a GreenMail server in this test), the email history API, and the email
 * rules of options 112/131/134. The mail properties make this suite's context its own (one extra).
 */
class PaymentEmailsIT extends PlatformIT {

    static final String VISA = "4111111111111111";
    static final String DECLINED = "4000000000000002";

    static final GreenMail SMTP = TestSmtp.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        TestSmtp.sendTo(SMTP, registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    JavaMailSender mailSender;

    @Autowired
    PaymentService payments;

    @Autowired
    PaymentEmails paymentEmails;

    private TestBiller billerWithBill(String account, String accountEmail) {
        TestBiller b = newBiller();
        String base = account.replace("-", "");
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(base + "00000001", account, "10/01/2026", "120.55", accountEmail).text()).status()).isEqualTo(201);
        return b;
    }

    private Reply pay(TestBiller b, String channel, String account, String card, String payerEmail) {
        String body = """
                {"channel":"%s","accountNumber":"%s","amount":120.55,
                 "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}%s}"""
                .formatted(channel, account, card, payerEmail == null ? "" : ",\"payerEmail\":\"" + payerEmail + "\"");
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    private JsonNode history(TestBiller b, String account) {
        Reply r = getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/emails", b.apiKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Sending runs off the payment's thread: wait until every email of the account has its outcome. */
    private JsonNode settledHistory(TestBiller b, String account, int expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode h = history(b, account);
            return h.size() == expected && h.findValuesAsText("status").stream().noneMatch(s -> s.equals("QUEUED") || s.equals("SENDING"));
        });
        return history(b, account);
    }

    /** What landed in one address's mailbox (the server files a copy of each email per recipient). */
    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }

    private static String textOf(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String t = textOf(mp.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private String accountEmail(TestBiller b, String account) {
        return jdbc.sql("select email from account where biller_id = ? and account_number = ?").params(b.bid(), account)
                .query(String.class).optional().orElse(null);
    }

    private String ccEmail(TestBiller b, String account) {
        return jdbc.sql("select email from account_cc_email where biller_id = ? and account_number = ?").params(b.bid(), account)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void aPaidBillSendsExactlyOneReceiptToThePayerAndTheAccountWithoutTheCardNumber() throws Exception {
        TestBiller b = billerWithBill("5101-1", "Owner-5101@example.com");
        String owner = "Owner-5101@example.com";
        String payer = "Payer-" + b.bid() + "@example.com";
        Reply paid = pay(b, "IVR", "5101-1", VISA, payer);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        String guid = paid.json().get("paymentGuid").asText();

        JsonNode h = settledHistory(b, "5101-1", 1);
        JsonNode receipt = h.get(0);
        assertThat(receipt.get("kind").asText()).isEqualTo("RECEIPT");
        assertThat(receipt.get("status").asText()).as(receipt.toString()).isEqualTo("SENT");
        assertThat(json.convertValue(receipt.get("recipients"), String[].class)).containsExactly(payer, owner);
        assertThat(receipt.get("paymentGuid").asText()).isEqualTo(guid);
        assertThat(receipt.get("sentAt").isNull()).isFalse();
        assertThat(receipt.get("text").asText()).contains("1111").doesNotContain(VISA);

        List<MimeMessage> toPayer = caughtFor(payer);
        assertThat(toPayer).hasSize(1);
        assertThat(caughtFor(owner)).hasSize(1);
        MimeMessage m = toPayer.get(0);
        assertThat(m.getSubject()).isEqualTo("Payment receipt — Test Co-op " + b.bid());
        assertThat(m.getFrom()[0].toString()).contains("Test Co-op " + b.bid());
        String text = textOf(m);
        assertThat(text).contains("Account:", "5101-1", "Invoice:", "5101100000001", "$120.55", "Convenience fee:", "$0.00",
                "Total charged:", "VISA card ending in 1111", paid.json().get("approvalCode").asText(),
                guid.toUpperCase(), "Phone (automated)");
        assertThat(GreenMailUtil.getWholeMessage(m)).doesNotContain(VISA);
        assertThat(count("select count(*) from email_message where biller_id = ? and (body_text like ? or body_html like ?)",
                b.bid(), "%" + VISA + "%", "%" + VISA + "%")).isZero();

        // A second announcement of the same move (a rerun after a crash can make one) sends nothing more.
        paymentEmails.moved(payments.find(b.bid(), UUID.fromString(guid)).orElseThrow(), org.ratepayer.payments.PaymentStatus.INITIATED);
        assertThat(count("select count(*) from email_message where biller_id = ?", b.bid())).isEqualTo(1);
        Thread.sleep(300);
        assertThat(caughtFor(payer)).hasSize(1);
    }

    /** SPEC C1: the payer reads the payment's date and time on the biller's clock, not the server's. */
    @Test
    void theReceiptIsDatedOnTheBillersClock() throws Exception {
        TestBiller b = billerWithBill("5109-1", null);
        billerService.setTimeZone(b.bid(), "America/Chicago", "test");
        String payer = "Payer-" + b.bid() + "@example.com";
        Reply paid = pay(b, "IVR", "5109-1", VISA, payer);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        settledHistory(b, "5109-1", 1);

        java.time.OffsetDateTime createdAt = jdbc.sql("select created_at from payment where biller_id = ?").param(b.bid())
                .query(java.time.OffsetDateTime.class).single();
        java.time.ZonedDateTime chicago = createdAt.atZoneSameInstant(java.time.ZoneId.of("America/Chicago"));
        String when = java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' h:mm a", java.util.Locale.US).format(chicago)
                + " " + (chicago.getZone().getRules().isDaylightSavings(chicago.toInstant()) ? "CDT" : "CST");
        assertThat(textOf(caughtFor(payer).get(0))).containsPattern("Date: +" + java.util.regex.Pattern.quote(when));
    }

    @Test
    void theHistoryIsNewestFirstAndOnlyForTheBillersOwnKeys() {
        TestBiller b = billerWithBill("5102-1", null);
        pay(b, "KIOSK", "5102-1", VISA, "first-" + b.bid() + "@example.com");
        settledHistory(b, "5102-1", 1);
        pay(b, "KIOSK", "5102-1", VISA, "second-" + b.bid() + "@example.com");
        JsonNode h = settledHistory(b, "5102-1", 2);
        assertThat(h.get(0).get("recipients").get(0).asText()).startsWith("second-");
        assertThat(h.get(1).get("recipients").get(0).asText()).startsWith("first-");

        TestBiller other = newBiller();
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/5102-1/emails", other.apiKey()).status()).isEqualTo(403);
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/5102-1/emails", b.webServiceKey()).status()).isEqualTo(200);
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/9999-9/emails", b.apiKey()).status()).isEqualTo(404);
        assertThat(send(request("/api/v1/billers/" + b.bid() + "/accounts/5102-1/emails").GET()).status()).isEqualTo(401);
    }

    @Test
    void option134SendsOnlyToThePayersAddress() throws Exception {
        TestBiller b = billerWithBill("5103-1", "owner-5103@example.com");
        billerService.setOption(b.bid(), ConfigCatalogue.OPT_PAYER_EMAIL_ONLY, null, BooleanNode.TRUE, "test");
        String payer = "payer-" + b.bid() + "@example.com";
        pay(b, "POS", "5103-1", VISA, payer);
        JsonNode h = settledHistory(b, "5103-1", 1);
        assertThat(json.convertValue(h.get(0).get("recipients"), String[].class)).containsExactly(payer);
        assertThat(caughtFor(payer)).hasSize(1);
        assertThat(caughtFor(payer).get(0).getAllRecipients()).hasSize(1);
    }

    @Test
    void byDefaultAPaymentFillsAnEmptyAccountEmailAndOption112StopsIt() {
        TestBiller fills = billerWithBill("5104-1", null);
        pay(fills, "POS", "5104-1", VISA, "payer-" + fills.bid() + "@example.com");
        settledHistory(fills, "5104-1", 1);
        assertThat(accountEmail(fills, "5104-1")).isEqualTo("payer-" + fills.bid() + "@example.com");

        TestBiller keeps = billerWithBill("5104-1", null);
        billerService.setOption(keeps.bid(), ConfigCatalogue.OPT_NO_OWNER_EMAIL_FILL, null, BooleanNode.TRUE, "test");
        pay(keeps, "POS", "5104-1", VISA, "payer-" + keeps.bid() + "@example.com");
        settledHistory(keeps, "5104-1", 1);
        assertThat(accountEmail(keeps, "5104-1")).isNull();
    }

    @Test
    void option131DecidesWhetherTheCcOrTheMainEmailChanges() {
        TestBiller cc = billerWithBill("5105-1", "owner@example.com");
        billerService.setOption(cc.bid(), ConfigCatalogue.OPT_NO_OWNER_EMAIL_FILL, null, BooleanNode.TRUE, "test");
        billerService.setOption(cc.bid(), ConfigCatalogue.OPT_EMAIL_AFTER_PAYMENT, null, TextNode.valueOf("ALLOW_CC_UPDATES"), "test");
        pay(cc, "POS", "5105-1", VISA, "payer@example.com");
        settledHistory(cc, "5105-1", 1);
        assertThat(accountEmail(cc, "5105-1")).isEqualTo("owner@example.com");
        assertThat(ccEmail(cc, "5105-1")).isEqualTo("payer@example.com");
        // The CC address now hears about the account's payments even when the payer enters none.
        pay(cc, "IVR", "5105-1", VISA, null);
        JsonNode h = settledHistory(cc, "5105-1", 2);
        assertThat(json.convertValue(h.get(0).get("recipients"), String[].class)).containsExactly("owner@example.com", "payer@example.com");

        TestBiller unregistered = billerWithBill("5105-1", "owner@example.com");
        billerService.setOption(unregistered.bid(), ConfigCatalogue.OPT_NO_OWNER_EMAIL_FILL, null, BooleanNode.TRUE, "test");
        billerService.setOption(unregistered.bid(), ConfigCatalogue.OPT_EMAIL_AFTER_PAYMENT, null,
                TextNode.valueOf("ALLOW_UNREGISTERED_UPDATES"), "test");
        pay(unregistered, "POS", "5105-1", VISA, "payer@example.com");
        JsonNode after = settledHistory(unregistered, "5105-1", 1);
        assertThat(accountEmail(unregistered, "5105-1")).isEqualTo("payer@example.com");
        assertThat(json.convertValue(after.get(0).get("recipients"), String[].class)).containsExactly("payer@example.com");

        TestBiller prevent = billerWithBill("5105-1", null);
        billerService.setOption(prevent.bid(), ConfigCatalogue.OPT_NO_OWNER_EMAIL_FILL, null, BooleanNode.TRUE, "test");
        billerService.setOption(prevent.bid(), ConfigCatalogue.OPT_EMAIL_AFTER_PAYMENT, null, TextNode.valueOf("PREVENT_UPDATES"), "test");
        pay(prevent, "POS", "5105-1", VISA, "payer@example.com");
        settledHistory(prevent, "5105-1", 1);
        assertThat(accountEmail(prevent, "5105-1")).isNull();
        assertThat(ccEmail(prevent, "5105-1")).isNull();
    }

    @Test
    void withTheSmtpServerDownTheReceiptIsFailedInTheHistoryAndThePaymentStands() throws Exception {
        TestBiller b = billerWithBill("5106-1", null);
        JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
        int realPort = sender.getPort();
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        sender.setPort(closed);
        Reply paid;
        JsonNode h;
        try {
            paid = pay(b, "IVR", "5106-1", VISA, "payer-" + b.bid() + "@example.com");
            h = settledHistory(b, "5106-1", 1);
        } finally {
            sender.setPort(realPort);
        }
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(h.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(h.get(0).get("error").asText()).isNotBlank();
        assertThat(h.get(0).get("sentAt").isNull()).isTrue();
        Reply got = getJson("/api/v1/billers/" + b.bid() + "/payments/" + paid.json().get("paymentGuid").asText(), b.apiKey());
        assertThat(got.json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void neitherADeclineThePayerSawNorAnUnattendedPaymentGetsAPaymentEmail() throws Exception {
        TestBiller b = billerWithBill("5107-1", null);
        String payer = "payer-" + b.bid() + "@example.com";
        Reply declined = pay(b, "IVR", "5107-1", DECLINED, payer);
        assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
        // Scheduled payments are made by the platform itself (no API key may name SCHEDULED): their outcomes are told by
        // the autopay emails, from the run's events (AutopayEmailsIT), not here, so a payer never gets two.
        PaymentOutcome scheduled = payments.submit(b.bid(), UUID.randomUUID().toString(), new PaymentRequest(
                Channel.SCHEDULED, "5107-1", null, new BigDecimal("120.55"), new CardDetails(DECLINED, 12, 2099, "123", "49331"),
                null, null, null, payer));
        assertThat(scheduled).isInstanceOf(PaymentOutcome.Taken.class);
        assertThat(((PaymentOutcome.Taken) scheduled).status()).isEqualTo(PaymentStatus.DECLINED);
        PaymentOutcome autopay = payments.submit(b.bid(), UUID.randomUUID().toString(), new PaymentRequest(
                Channel.AUTOPAY, "5107-1", null, new BigDecimal("120.55"), new CardDetails(VISA, 12, 2099, "123", "49331"),
                null, null, null, payer));
        assertThat(((PaymentOutcome.Taken) autopay).status()).isEqualTo(PaymentStatus.APPROVED);

        Thread.sleep(500);
        assertThat(history(b, "5107-1")).isEmpty();
        assertThat(caughtFor(payer)).isEmpty();
        assertThat(accountEmail(b, "5107-1")).as("an unattended payment changes no email").isNull();
    }
}
