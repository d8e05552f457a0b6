package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.TestSmtp;
import org.ratepayer.notifications.internal.EmailRetrySweep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The delivery of every email (docs/notices.md, "Delivery"): a failed send is retried with backoff until the SMTP server
 * takes it, exactly once; a send whose process died mid-way is never repeated; an email nobody dispatched is sent by the
 * sweep. Shown with a payment receipt and with rows as a dead process leaves them.
 */
class EmailRetryIT extends PlatformIT {

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
    EmailRetrySweep sweep;

    @Autowired
    JavaMailSender mailSender;

    @Test
    void aReceiptThatFailedWhileTheServerWasDownIsSentOnceWhenItIsBack() throws Exception {
        TestBiller b = newBiller();
        String account = "81" + (System.nanoTime() % 1_000_000) + "-1";
        String payer = "payer-" + account + "@example.com";
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "01", account, "10/01/2026", "20.00", null).text()).status()).isEqualTo(201);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
        int realPort = sender.getPort();
        try (ServerSocket probe = new ServerSocket(0)) {
            sender.setPort(probe.getLocalPort());
        }
        JsonNode failed;
        try {
            Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                    .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"channel":"POS","accountNumber":"%s","amount":20.00,"payerEmail":"%s",
                             "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                            .formatted(account, payer))));
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
            failed = awaitStatus(b, account, "FAILED");
            assertThat(failed.get("attempts").asInt()).isEqualTo(1);
            assertThat(failed.get("error").asText()).isNotBlank();
            assertThat(OffsetDateTime.parse(failed.get("nextAttemptAt").asText()).toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(1)));
            // not due yet: nothing is tried
            sweep.sweep();
            assertThat(history(b, account).get(0).get("status").asText()).isEqualTo("FAILED");
        } finally {
            sender.setPort(realPort);
        }
        assertThat(caught(payer)).isEmpty();

        clock.set(t0.plus(Duration.ofMinutes(2)));
        sweep.sweep();
        JsonNode sent = awaitStatus(b, account, "SENT");
        assertThat(sent.get("attempts").asInt()).isEqualTo(2);
        assertThat(sent.get("nextAttemptAt").isNull()).isTrue();
        assertThat(sent.get("error").isNull()).isTrue();
        sweep.sweep();
        clock.set(t0.plus(Duration.ofHours(1)));
        sweep.sweep();
        Thread.sleep(500);
        List<MimeMessage> got = caught(payer);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getSubject()).isEqualTo("Payment receipt — Test Co-op " + b.bid());
    }

    @Test
    void anEmailLeftSendingByADeadProcessIsFailedAsOutcomeUnknownAndNeverResent() throws Exception {
        TestBiller b = newBiller();
        String to = "stale-" + b.bid() + "@example.com";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        long id = row(b, to, "SENDING", Map.of("claimed_at", now.minus(Duration.ofMinutes(11)), "attempts", 1));
        long fresh = row(b, "fresh-" + to, "SENDING", Map.of("claimed_at", now.minus(Duration.ofMinutes(1)), "attempts", 1));

        sweep.sweep();
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(jdbc.sql("select error from email_message where email_id = ?").param(id).query(String.class).single())
                .startsWith("outcome unknown");
        assertThat(count("select count(*) from email_message where email_id = ? and next_attempt_at is null", id)).isEqualTo(1);
        // one still within a send's time is left to its process
        assertThat(status(fresh)).isEqualTo("SENDING");

        clock.set(now.plus(Duration.ofDays(2)));
        sweep.sweep();
        Thread.sleep(500);
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(caught(to)).isEmpty();
    }

    @Test
    void anEmailNobodyDispatchedIsSentByTheSweepOnceAndALinkEmailIsNot() throws Exception {
        TestBiller b = newBiller();
        String to = "orphan-" + b.bid() + "@example.com";
        long id = row(b, to, "QUEUED", Map.of());
        long link = row(b, "link-" + to, "QUEUED", Map.of("kind", "PASSWORD_LINK"));
        jdbc.sql("update email_message set created_at = now() - interval '2 minutes' where email_id in (?, ?)").params(id, link).update();
        long recent = row(b, "recent-" + to, "QUEUED", Map.of());

        sweep.sweep();
        await().atMost(PATIENCE).until(() -> "SENT".equals(status(id)));
        assertThat(count("select attempts from email_message where email_id = ?", id)).isEqualTo(1);
        assertThat(status(link)).isEqualTo("FAILED");
        assertThat(status(recent)).isIn("QUEUED", "SENT");
        sweep.sweep();
        Thread.sleep(500);
        assertThat(caught(to)).hasSize(1);
        assertThat(caught(to).get(0).getSubject()).isEqualTo("Orphaned " + b.bid());
        assertThat(caught("link-" + to)).isEmpty();
    }

    private long row(TestBiller b, String to, String status, Map<String, Object> extra) {
        long id = jdbc.sql("""
                insert into email_message (biller_id, account_number, kind, recipients, subject, body_text, status)
                values (?, null, ?, ?, ?, 'Hello', ?) returning email_id
                """).params(b.bid(), extra.getOrDefault("kind", "RECEIPT"), to, "Orphaned " + b.bid(), status).query(Long.class).single();
        if (extra.containsKey("claimed_at")) {
            jdbc.sql("update email_message set claimed_at = ?, attempts = ? where email_id = ?")
                    .params(((Instant) extra.get("claimed_at")).atOffset(ZoneOffset.UTC), extra.get("attempts"), id).update();
        }
        return id;
    }

    private String status(long id) {
        return jdbc.sql("select status from email_message where email_id = ?").param(id).query(String.class).single();
    }

    private JsonNode history(TestBiller b, String account) {
        Reply r = getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/emails", b.apiKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode awaitStatus(TestBiller b, String account, String status) {
        await().atMost(PATIENCE).until(() -> history(b, account).path(0).path("status").asText().equals(status));
        return history(b, account).get(0);
    }

    private static List<MimeMessage> caught(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }
}
