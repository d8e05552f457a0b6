package org.ratepayer.payments.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The payment API's answer for a {@link PaymentOutcome}, the one mapping: 201 and a {@link PaymentAnswer} for a taken
 * payment; for a refusal the status of its kind and problem details built by {@link ProblemWriter#refusal}, like every
 * other refusal. The idempotency record is this same answer, stored and read back, so a replay answers what the first
 * request did, amounts to the cent as first written (docs/payments.md, idempotency).
 */
@Component
public class PaymentAnswers implements PaymentOutcome.Records {

    /** The problem members every refusal has; anything else in a stored problem is one of its extras. */
    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "code", "field", "detail", "instance");

    private final ObjectMapper json;
    private final ObjectReader exact;

    public PaymentAnswers(ObjectMapper json) {
        this.json = json;
        // exact decimals in trees too: the default node factory would strip 3.50 to 3.5
        this.exact = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /**
     * The HTTP answer. A refusal's problem goes out as the JSON it is stored as, so it has no {@code instance}
     * (Spring would add the request's path to a {@link ProblemDetail} body) and a replay is the same byte for byte.
     */
    public ResponseEntity<Object> response(PaymentOutcome outcome) {
        if (outcome instanceof PaymentOutcome.Refused r) {
            return ResponseEntity.status(ProblemWriter.status(r.kind())).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(json.valueToTree(problem(r)));
        }
        return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(body(outcome));
    }

    private static Object body(PaymentOutcome outcome) {
        return outcome instanceof PaymentOutcome.Refused r ? problem(r) : PaymentAnswer.of((PaymentOutcome.Taken) outcome);
    }

    private static ProblemDetail problem(PaymentOutcome.Refused r) {
        return ProblemWriter.refusal(r.kind(), r.code().replace('_', '-'), title(r.kind()), r.code(), r.field(), r.detail(), r.extra());
    }

    private static String title(Refusal.Kind kind) {
        return switch (kind) {
            case NOT_ALLOWED -> "Payment not allowed";
            case CONFLICT -> "Conflict";
            case NOT_FOUND -> "Not found";
            case INVALID, UNAVAILABLE -> "Invalid request";
        };
    }

    private static Refusal.Kind kind(int status) {
        for (Refusal.Kind kind : Refusal.Kind.values()) {
            if (ProblemWriter.status(kind) == status) {
                return kind;
            }
        }
        throw new IllegalStateException("a stored payment answer has status " + status);
    }

    @Override
    public Written write(PaymentOutcome outcome) {
        try {
            int status = outcome instanceof PaymentOutcome.Refused r ? ProblemWriter.status(r.kind()) : 201;
            return new Written(status, json.writeValueAsString(body(outcome)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome a stored answer says, its decimals read exactly as written. */
    @Override
    public PaymentOutcome read(int statusCode, String stored) {
        try {
            if (statusCode == 201) {
                return exact.readValue(stored, PaymentAnswer.class).outcome();
            }
            JsonNode body = exact.readTree(stored);
            Map<String, Object> extra = new LinkedHashMap<>();
            body.properties().forEach(e -> {
                if (!PROBLEM_MEMBERS.contains(e.getKey())) {
                    JsonNode v = e.getValue();
                    extra.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isTextual() ? v.asText() : v);
                }
            });
            return new PaymentOutcome.Refused(kind(statusCode), text(body, "code"), text(body, "field"), text(body, "detail"), extra);
        } catch (IOException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
