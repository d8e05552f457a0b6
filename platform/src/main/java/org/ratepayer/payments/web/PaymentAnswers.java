package org.ratepayer.payments.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The payment API's answer for a {@link PaymentOutcome}, the one mapping: 201 and the payment for a taken payment;
 * for a refusal the status of its kind (as {@code ApiErrors} gives it) and RFC 9457 problem details with its code,
 * field and extras. The idempotency record is this same answer, stored and read back, so a replay answers what
 * the first request did (docs/payments.md, idempotency).
 */
@Component
public class PaymentAnswers implements PaymentOutcome.Records {

    /** The problem members every refusal has; anything else in a stored problem is one of its extras. */
    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "code", "field", "detail");

    private final ObjectMapper json;

    public PaymentAnswers(ObjectMapper json) {
        this.json = json;
    }

    public static ResponseEntity<Map<String, Object>> response(PaymentOutcome outcome) {
        int status = status(outcome);
        return ResponseEntity.status(status)
                .header("Content-Type", outcome instanceof PaymentOutcome.Refused ? "application/problem+json" : "application/json")
                .body(body(outcome));
    }

    static int status(PaymentOutcome outcome) {
        return outcome instanceof PaymentOutcome.Refused r ? ProblemWriter.status(r.kind()) : 201;
    }

    static Map<String, Object> body(PaymentOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (outcome instanceof PaymentOutcome.Taken t) {
            body.put("paymentGuid", t.paymentGuid());
            body.put("status", t.status().name());
            body.put("approvalCode", t.approvalCode());
            body.put("amount", t.amount());
            body.put("fee", t.fee());
            body.put("method", t.method().name());
            body.put("last4", t.last4());
            body.put("channel", t.channel().name());
            body.put("accountNumber", t.accountNumber());
            body.put("invoiceNumber", t.invoiceNumber());
            body.put("message", t.message());
        } else if (outcome instanceof PaymentOutcome.Refused r) {
            body.put("type", ProblemWriter.type(r.code().replace('_', '-')).toString());
            body.put("title", title(r.kind()));
            body.put("status", ProblemWriter.status(r.kind()));
            body.put("code", r.code());
            if (r.field() != null) {
                body.put("field", r.field());
            }
            body.put("detail", r.detail());
            body.putAll(r.extra());
        }
        return body;
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
        return switch (status) {
            case 400 -> Refusal.Kind.INVALID;
            case 404 -> Refusal.Kind.NOT_FOUND;
            case 409 -> Refusal.Kind.CONFLICT;
            case 422 -> Refusal.Kind.NOT_ALLOWED;
            default -> throw new IllegalStateException("a stored payment answer has status " + status);
        };
    }

    @Override
    public Written write(PaymentOutcome outcome) {
        try {
            return new Written(status(outcome), json.writeValueAsString(body(outcome)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The outcome a stored answer says. Its numbers are read as they always were (a decimal as a double), so the
     * replayed JSON is the one replays have always given, e.g. {@code 80.0} for a first answer's {@code 80.00}.
     */
    @Override
    public PaymentOutcome read(int statusCode, String stored) {
        Map<String, Object> body;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = json.readValue(stored, Map.class);
            body = read;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
        if (statusCode == 201) {
            return new PaymentOutcome.Taken(UUID.fromString(text(body, "paymentGuid")), PaymentStatus.valueOf(text(body, "status")),
                    text(body, "approvalCode"), decimal(body.get("amount")), decimal(body.get("fee")),
                    Method.valueOf(text(body, "method")), text(body, "last4"), Channel.valueOf(text(body, "channel")),
                    text(body, "accountNumber"), text(body, "invoiceNumber"), text(body, "message"));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (!PROBLEM_MEMBERS.contains(k)) {
                extra.put(k, v instanceof Number n ? decimal(n) : v);
            }
        });
        return new PaymentOutcome.Refused(kind(statusCode), text(body, "code"), text(body, "field"), text(body, "detail"), extra);
    }

    private static String text(Map<String, Object> body, String name) {
        Object v = body.get(name);
        return v == null ? null : String.valueOf(v);
    }

    private static BigDecimal decimal(Object n) {
        if (n == null) {
            return null;
        }
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(((Number) n).doubleValue());
        }
        if (n instanceof Number l) {
            return BigDecimal.valueOf(l.longValue());
        }
        return new BigDecimal(String.valueOf(n));
    }
}
