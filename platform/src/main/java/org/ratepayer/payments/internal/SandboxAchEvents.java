package org.ratepayer.payments.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.batches.BatchProperties;
import org.ratepayer.payments.batches.BusinessDay;
import org.ratepayer.payments.gateway.SandboxGateway;
import org.ratepayer.payments.internal.webhooks.ProcessorWebhooks;
import org.ratepayer.payments.internal.webhooks.WebhookSignatures;
import org.ratepayer.shared.config.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandbox's later word on its PENDING bank charges (docs/ach.md, "The sandbox"): once a charge is due (by default
 * when the biller's business day it was made on has closed; {@code ratepayer.sandbox.ach-event-delay} for a fixed
 * delay instead), the sandbox confirms it or returns it, as its test account says, and tells the platform the way a
 * processor does: a Stripe-shaped event, signed with the biller's sandbox secret, POSTed to this node's own
 * {@code /webhooks/sandbox/{biller GUID}}. So the demo walks the real path, signature check and all. An event that was
 * not answered 2xx is sent again next run under the same id, which the platform takes once. A charge cancelled (voided)
 * while pending never reached the bank: the sandbox says nothing more of it.
 */
@Component
public class SandboxAchEvents {

    private static final Logger log = LoggerFactory.getLogger(SandboxAchEvents.class);

    private final JdbcClient jdbc;
    private final BillerService billers;
    private final BatchProperties batches;
    private final ProcessorWebhooks webhooks;
    private final PublicUrl publicUrl;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration delay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SandboxAchEvents(JdbcClient jdbc, BillerService billers, BatchProperties batches, ProcessorWebhooks webhooks, PublicUrl publicUrl,
            ObjectMapper json, Clock clock, @Value("${ratepayer.sandbox.ach-event-delay:#{null}}") Duration delay) {
        this.jdbc = jdbc;
        this.billers = billers;
        this.batches = batches;
        this.webhooks = webhooks;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
        this.delay = delay;
    }

    private record Pending(UUID guid, long bid, String reference, String behaviour, Instant createdAt) {
    }

    /** Sends every due event once (answered 2xx); @return how many were taken */
    public int deliverDue() {
        List<Pending> pending = jdbc.sql("""
                select c.payment_guid, c.biller_id, c.reference, t.behaviour, c.created_at
                from sandbox_charge c join sandbox_token t on t.token = c.token
                where c.outcome = 'PENDING' and c.voided_at is null order by c.created_at, c.payment_guid
                """).query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant())).list();
        Instant now = clock.instant();
        int sent = 0;
        for (Pending p : pending) {
            if (now.isBefore(dueAt(p))) {
                continue;
            }
            SandboxGateway.PendingOutcome outcome = SandboxGateway.Behaviour.valueOf(p.behaviour()).pendingOutcome();
            if (outcome == null) {
                continue;
            }
            try {
                if (send(p, outcome, now)) {
                    // the sandbox's own books follow: a confirmed charge settles like any approved one, a returned one never
                    jdbc.sql("update sandbox_charge set outcome = ?, message = ?, event_sent_at = ? where payment_guid = ? and outcome = 'PENDING'")
                            .params(outcome.returned() ? "DECLINED" : "APPROVED",
                                    outcome.returned() ? "Returned " + outcome.returnCode() + ": " + outcome.returnReason() : "Approved",
                                    now.atOffset(java.time.ZoneOffset.UTC), p.guid()).update();
                    sent++;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("sandbox: the event for payment {} could not be delivered; sent again next run", p.guid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            }
        }
        return sent;
    }

    /** When the charge's outcome is due: after the fixed delay, or once the business day it was made on has closed. */
    private Instant dueAt(Pending p) {
        if (delay != null) {
            return p.createdAt().plus(delay);
        }
        BusinessDay day = batches.businessDay(billers.cachedBiller(p.bid()).timeZone());
        return day.end(day.dateOf(p.createdAt()));
    }

    private boolean send(Pending p, SandboxGateway.PendingOutcome outcome, Instant now) throws IOException, InterruptedException {
        String payload = event(p, outcome, now);
        String signature = WebhookSignatures.sign(payload, webhooks.sandboxSecret(p.bid()), now.getEpochSecond());
        UUID billerGuid = billers.cachedBiller(p.bid()).guid();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publicUrl.localPort() + "/webhooks/sandbox/" + billerGuid))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            log.warn("sandbox: the event for payment {} was answered {}: {}", p.guid(), response.statusCode(), response.body());
            return false;
        }
        return true;
    }

    /** The event in Stripe's shape, so the one reader takes both; its id is the payment's, so a resend is a duplicate. */
    private String event(Pending p, SandboxGateway.PendingOutcome outcome, Instant now) throws JsonProcessingException {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", p.reference());
        intent.put("object", "payment_intent");
        intent.put("status", outcome.returned() ? "requires_payment_method" : "succeeded");
        intent.put("payment_method_types", List.of("us_bank_account"));
        intent.put("metadata", Map.of("payment_guid", p.guid().toString()));
        if (outcome.returned()) {
            intent.put("last_payment_error", Map.of("type", "card_error", "network_decline_code", outcome.returnCode(),
                    "message", outcome.returnReason()));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_sbx_" + p.guid() + (outcome.returned() ? "_returned" : "_confirmed"));
        event.put("object", "event");
        event.put("type", outcome.returned() ? "payment_intent.payment_failed" : "payment_intent.succeeded");
        event.put("created", now.getEpochSecond());
        event.put("data", Map.of("object", intent));
        return json.writeValueAsString(event);
    }
}
