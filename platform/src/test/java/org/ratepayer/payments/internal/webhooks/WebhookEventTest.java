package org.ratepayer.payments.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;

/** What a webhook event does to a payment, as a table, and how Stripe's payloads are read (docs/ach.md, "Webhooks"). */
class WebhookEventTest {

    @ParameterizedTest(name = "{0} on a {2} payment at {1} -> {3}")
    @CsvSource({
            "CONFIRMED, PENDING,   ACH,  APPROVED",
            "CONFIRMED, APPROVED,  ACH,  -",
            "CONFIRMED, RETURNED,  ACH,  -",
            "CONFIRMED, SETTLED,   ACH,  -",
            "CONFIRMED, APPROVED,  CARD, -",
            "FAILED,    PENDING,   ACH,  RETURNED",
            "FAILED,    APPROVED,  ACH,  -",
            "FAILED,    RETURNED,  ACH,  -",
            "FAILED,    DECLINED,  CARD, -",
            "DISPUTED,  APPROVED,  ACH,  RETURNED",
            "DISPUTED,  SETTLED,   ACH,  RETURNED",
            "DISPUTED,  PENDING,   ACH,  -",
            "DISPUTED,  RETURNED,  ACH,  -",
            "DISPUTED,  REFUNDED,  ACH,  -",
            "DISPUTED,  APPROVED,  CARD, -",
            "OTHER,     PENDING,   ACH,  -",
    })
    void theOnlyMovesAnEventMakes(WebhookEvent.Kind kind, PaymentStatus at, Method method, String to) {
        assertThat(WebhookEvent.next(kind, at, method).map(Enum::name).orElse("-")).isEqualTo(to);
        WebhookEvent.next(kind, at, method).ifPresent(next -> assertThat(at.canMoveTo(next)).isTrue());
    }

    @Test
    void aStripeFailureNamesItsPaymentAndItsReturn() throws Exception {
        UUID guid = UUID.randomUUID();
        WebhookEvent e = WebhookEvent.parse(new ObjectMapper().readTree("""
                {"id": "evt_1", "object": "event", "type": "payment_intent.payment_failed",
                 "data": {"object": {"id": "pi_3Q", "object": "payment_intent", "metadata": {"payment_guid": "%s"},
                   "last_payment_error": {"code": "no_account", "message": "The bank account could not be located."}}}}
                """.formatted(guid))).orElseThrow();

        assertThat(e).isEqualTo(new WebhookEvent("evt_1", "payment_intent.payment_failed", WebhookEvent.Kind.FAILED, guid, "pi_3Q",
                new AchReturnCodes.Reason("R03", "No account, or unable to locate the account (no_account)")));
    }

    @Test
    void aDisputeNamesItsPaymentIntentAndAnUnknownReasonIsUnauthorized() throws Exception {
        WebhookEvent e = WebhookEvent.parse(new ObjectMapper().readTree("""
                {"id": "evt_2", "type": "charge.dispute.created",
                 "data": {"object": {"id": "du_1", "object": "dispute", "payment_intent": "pi_3R", "reason": "general"}}}
                """)).orElseThrow();

        assertThat(e.kind()).isEqualTo(WebhookEvent.Kind.DISPUTED);
        assertThat(e.paymentGuid()).isNull();
        assertThat(e.reference()).isEqualTo("pi_3R");
        assertThat(e.reason().code()).isEqualTo("R10");
    }

    @Test
    void somethingWithoutAnIdOrTypeIsNoEventAndABadGuidIsNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(WebhookEvent.parse(json.readTree("{\"type\": \"payment_intent.succeeded\"}"))).isEmpty();
        assertThat(WebhookEvent.parse(json.readTree("[1, 2]"))).isEmpty();
        assertThat(WebhookEvent.parse(json.readTree("""
                {"id": "evt_3", "type": "payment_intent.succeeded", "data": {"object": {"metadata": {"payment_guid": "nope"}}}}
                """)).orElseThrow().paymentGuid()).isNull();
    }
}
