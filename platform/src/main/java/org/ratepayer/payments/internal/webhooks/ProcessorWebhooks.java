package org.ratepayer.payments.internal.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.internal.AchReturnRepository;
import org.ratepayer.payments.internal.PaymentRepository;
import org.ratepayer.payments.internal.PaymentTransitions;
import org.ratepayer.payments.internal.RecordedCharges;
import org.ratepayer.shared.secrets.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a processor's webhook events (docs/ach.md, "Webhooks"): the signature checked with the biller's signing secret
 * before anything is read, each event stored once under its id ({@code processor_event}), and the payment moved only
 * as {@link WebhookEvent#next} allows, so a repeated, late or out-of-order event changes nothing twice. A return moves
 * the payment to RETURNED and onto the staff list; the CIS is never touched (staff reverse it by hand). An event for a
 * payment the platform does not know is stored and answered 200, so the processor stops sending it, and left for the
 * operator.
 */
@Component
public class ProcessorWebhooks {

    private static final Logger log = LoggerFactory.getLogger(ProcessorWebhooks.class);

    public static final String STRIPE = "stripe";
    public static final String SANDBOX = "sandbox";

    /** What the event did, as stored in {@code processor_event.outcome} and answered. */
    public enum Outcome {
        /** The payment moved (confirmed, or returned). */
        APPLIED,
        /** The payment was already past what the event says (a repeat under another id, a late event). */
        NO_CHANGE,
        /** No payment of the biller matches the event: kept for the operator. */
        UNKNOWN_PAYMENT,
        /** An event type the platform does not act on. */
        IGNORED,
        /** This very event was received before: nothing was done again (not stored a second time). */
        DUPLICATE
    }

    /**
     * The answer to the processor: 200 with the outcome, or a refusal ({@code status} 400 or 404) naming the
     * {@code field} at fault, after which nothing was stored.
     */
    public record Answer(int status, Outcome outcome, String field, String detail) {

        static Answer refused(int status, String field, String detail) {
            return new Answer(status, null, field, detail);
        }
    }

    private final BillerService billers;
    private final PaymentRepository payments;
    private final PaymentTransitions transitions;
    private final AchReturnRepository returns;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final SecretCipher cipher;
    private final RecordedCharges recorded;
    private final MeterRegistry meters;
    private final Clock clock;

    public ProcessorWebhooks(BillerService billers, PaymentRepository payments, RecordedCharges recorded, PaymentTransitions transitions,
            AchReturnRepository returns, JdbcClient jdbc, PlatformTransactionManager txManager, ObjectMapper json, SecretCipher cipher, MeterRegistry meters,
            Clock clock) {
        this.billers = billers;
        this.payments = payments;
        this.recorded = recorded;
        this.transitions = transitions;
        this.returns = returns;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.json = json;
        this.cipher = cipher;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * @param processor {@value #STRIPE} or {@value #SANDBOX}
     * @param billerKey the biller's public GUID, as in the endpoint's address
     * @param signature the {@code Stripe-Signature} header (the sandbox sends the same header)
     * @param payload   the request body exactly as received: the signature covers its bytes
     */
    public Answer receive(String processor, String billerKey, String signature, String payload) {
        if (!STRIPE.equals(processor) && !SANDBOX.equals(processor)) {
            return Answer.refused(404, "processor", "no webhooks are taken for processor " + processor);
        }
        Optional<Biller> biller = uuid(billerKey).flatMap(billers::findByGuid);
        if (biller.isEmpty()) {
            return Answer.refused(404, "billerKey", "no biller has this key");
        }
        long bid = biller.get().bid();
        Optional<String> bad = WebhookSignatures.problem(payload == null ? "" : payload, signature, secret(processor, bid), clock);
        if (bad.isPresent()) {
            log.warn("biller {}: a {} webhook refused: {}", bid, processor, bad.get());
            return Answer.refused(400, "Stripe-Signature", "the signature does not verify: " + bad.get());
        }
        WebhookEvent event;
        try {
            JsonNode root = json.readTree(payload);
            event = root == null ? null : WebhookEvent.parse(root).orElse(null);
        } catch (JsonProcessingException e) {
            event = null;
        }
        if (event == null) {
            return Answer.refused(400, "body", "not an event: an object with an id and a type is expected");
        }
        return new Answer(200, observed(processor, bid, event, payload), null, null);
    }

    private record Handled(Outcome outcome, String returnCode) {
    }

    private Handled handle(String processor, long bid, WebhookEvent e, String digest) {
        int stored = jdbc.sql("""
                insert into processor_event (processor, event_id, biller_id, event_type, payment_guid, payload_sha256, received_at, outcome)
                values (?, ?, ?, ?, ?, ?, ?, 'RECEIVED') on conflict (processor, event_id) do nothing
                """).params(processor, e.id(), bid, e.type(), e.paymentGuid(), digest, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (stored == 0) {
            return new Handled(Outcome.DUPLICATE, null);
        }
        Applied a = apply(bid, e);
        jdbc.sql("update processor_event set outcome = ?, payment_guid = coalesce(?, payment_guid) where processor = ? and event_id = ?")
                .params(a.outcome().name(), a.paymentGuid(), processor, e.id()).update();
        return new Handled(a.outcome(), a.returnCode());
    }

    private record Applied(Outcome outcome, UUID paymentGuid, String returnCode) {
    }

    private Applied apply(long bid, WebhookEvent e) {
        if (e.kind() == WebhookEvent.Kind.OTHER) {
            return new Applied(Outcome.IGNORED, null, null);
        }
        Optional<Payment> found = e.paymentGuid() != null ? payments.find(bid, e.paymentGuid()) : Optional.empty();
        if (found.isEmpty() && e.reference() != null) {
            found = recorded.paymentOf(bid, e.reference()).flatMap(g -> payments.find(bid, g));
        }
        if (found.isEmpty()) {
            return new Applied(Outcome.UNKNOWN_PAYMENT, null, null);
        }
        Payment p = found.get();
        Optional<PaymentStatus> to = WebhookEvent.next(e.kind(), p.status(), p.method());
        if (to.isEmpty()) {
            return new Applied(Outcome.NO_CHANGE, p.guid(), null);
        }
        boolean returned = to.get() == PaymentStatus.RETURNED;
        String message = returned ? "Returned " + e.reason().code() + ": " + e.reason().words()
                : "Confirmed by the processor";
        if (transitions.move(p.id(), p.status(), to.get(), null, null, message).isEmpty()) {
            return new Applied(Outcome.NO_CHANGE, p.guid(), null);
        }
        if (returned) {
            returns.insert(p.id(), bid, e.reason().code(), e.reason().words(), clock.instant(), e.id());
        }
        return new Applied(Outcome.APPLIED, p.guid(), returned ? e.reason().code() : null);
    }

    /**
     * Takes an event once under its id in {@code processor_event}, moving its payment only as {@link WebhookEvent#next}
     * allows, counted and logged: a webhook's, once its signature verified, or one the platform learned by asking the
     * processor itself (Authorize.Net's eCheck poll, docs/ach.md), which needs no signature.
     *
     * @param payload the body as received, or what was observed as text; only its SHA-256 is stored
     */
    public Outcome observed(String processor, long bid, WebhookEvent event, String payload) {
        Handled handled = tx.execute(s -> handle(processor, bid, event, sha256(payload)));
        if (handled.outcome() == Outcome.APPLIED && handled.returnCode() != null) {
            meters.counter("ratepayer.ach.returns", "code", handled.returnCode()).increment();
        }
        if (handled.outcome() == Outcome.UNKNOWN_PAYMENT) {
            meters.counter("ratepayer.webhooks.unmatched", "processor", processor).increment();
            log.warn("biller {}: {} event {} ({}) names no payment of the biller; stored for the operator", bid, processor, event.id(),
                    event.type());
        }
        return handled.outcome();
    }

    /** The secret the biller's events from this processor are signed with; null when there is none. */
    String secret(String processor, long bid) {
        if (STRIPE.equals(processor)) {
            return billers.cachedConfig(bid).setting(ConfigCatalogue.SET_STRIPE_WEBHOOK_SECRET).orElse(null);
        }
        return sandboxSecret(bid);
    }

    /** What the sandbox signs this biller's events with: setting 1022, or one derived from the master key. */
    public String sandboxSecret(long bid) {
        return billers.cachedConfig(bid).setting(ConfigCatalogue.SET_SANDBOX_WEBHOOK_SECRET)
                .orElseGet(() -> "whsec_" + Base64.getEncoder().encodeToString(cipher.derive("sandbox-webhook:" + bid)));
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(UUID.fromString(s.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
