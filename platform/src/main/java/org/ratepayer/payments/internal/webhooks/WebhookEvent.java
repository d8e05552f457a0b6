package org.ratepayer.payments.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;

/**
 * One webhook event as the platform reads it, Stripe's shape (the sandbox sends the same): its id, what it says, and
 * which payment it is about (docs/ach.md, "Webhooks").
 *
 * @param paymentGuid the payment's GUID from the PaymentIntent's metadata, when given
 * @param reference   the processor's reference of the charge (the PaymentIntent id), when given
 * @param reason      for a failure or a return, its code and words; otherwise null
 */
public record WebhookEvent(String id, String type, Kind kind, UUID paymentGuid, String reference, AchReturnCodes.Reason reason) {

    /** What an event can do to a payment. */
    public enum Kind {
        /** {@code payment_intent.succeeded}: the processor confirmed the payment. */
        CONFIRMED,
        /** {@code payment_intent.payment_failed}: the bank payment failed before confirmation. */
        FAILED,
        /** {@code charge.dispute.created}: on a bank payment, a return after it succeeded. */
        DISPUTED,
        /** Any other type: answered and ignored. */
        OTHER
    }

    /** The event read from its JSON; empty when it has no id or type (not an event at all). */
    public static Optional<WebhookEvent> parse(JsonNode root) {
        String id = text(root.path("id"));
        String type = text(root.path("type"));
        if (id == null || type == null) {
            return Optional.empty();
        }
        JsonNode object = root.path("data").path("object");
        Kind kind = switch (type) {
            case "payment_intent.succeeded" -> Kind.CONFIRMED;
            case "payment_intent.payment_failed" -> Kind.FAILED;
            case "charge.dispute.created" -> Kind.DISPUTED;
            default -> Kind.OTHER;
        };
        UUID guid = null;
        String reference = null;
        AchReturnCodes.Reason reason = null;
        if (kind == Kind.CONFIRMED || kind == Kind.FAILED) {
            guid = uuid(text(object.path("metadata").path("payment_guid")));
            reference = text(object.path("id"));
        }
        if (kind == Kind.FAILED) {
            JsonNode error = object.path("last_payment_error");
            reason = AchReturnCodes.of(text(error.path("network_decline_code")), text(error.path("code")), text(error.path("message")));
        }
        if (kind == Kind.DISPUTED) {
            // a dispute names its charge's PaymentIntent by id; for a bank debit its reason is the return's
            reference = text(object.path("payment_intent"));
            reason = AchReturnCodes.of(text(object.path("network_reason_code")), text(object.path("reason")), null);
            if (AchReturnCodes.OTHER.equals(reason.code())) {
                reason = AchReturnCodes.of("R10", null, null);
            }
        }
        return Optional.of(new WebhookEvent(id, type, kind, guid, reference, reason));
    }

    /**
     * Where this event moves a payment that stands at {@code status}: the only moves an event makes (docs/ach.md). A
     * repeated or late event finds the payment moved already and changes nothing; a card payment is never returned here.
     */
    public static Optional<PaymentStatus> next(Kind kind, PaymentStatus status, Method method) {
        return switch (kind) {
            case CONFIRMED -> status == PaymentStatus.PENDING ? Optional.of(PaymentStatus.APPROVED) : Optional.empty();
            case FAILED -> status == PaymentStatus.PENDING ? Optional.of(PaymentStatus.RETURNED) : Optional.empty();
            case DISPUTED -> method == Method.ACH && (status == PaymentStatus.APPROVED || status == PaymentStatus.SETTLED)
                    ? Optional.of(PaymentStatus.RETURNED) : Optional.empty();
            case OTHER -> Optional.empty();
        };
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
