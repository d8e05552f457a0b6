package org.ratepayer.payments.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.shared.web.Refusal;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** An outcome kept under its idempotency key reads back as the same outcome, its amounts to the cent as first written. */
class PaymentAnswersTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json()
            .featuresToEnable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final PaymentAnswers answers = new PaymentAnswers(json);

    @Test
    void aTakenPaymentReadsBackWithItsAmountsExactlyAsWritten() {
        PaymentOutcome.Taken taken = new PaymentOutcome.Taken(UUID.fromString("7d8c1f0e-5b7a-4c35-9d43-2f1b1f0a9e01"),
                PaymentStatus.APPROVED, "A1B2C3", new BigDecimal("80.50"), new BigDecimal("2.00"), Method.CARD, "1111", Channel.IVR,
                "6201-1", "62011000002", "Approved");
        PaymentOutcome.Records.Written written = answers.write(taken);

        assertThat(written.statusCode()).isEqualTo(201);
        assertThat(written.json()).contains("\"amount\":80.50", "\"fee\":2.00").doesNotContain("instance");
        assertThat(answers.read(written.statusCode(), written.json())).isEqualTo(taken);
        assertThat(answers.write(answers.read(written.statusCode(), written.json()))).isEqualTo(written);
    }

    @Test
    void aRefusalReadsBackWithItsKindCodeFieldAndExtras() {
        PaymentOutcome.Refused refused = new PaymentOutcome.Refused(Refusal.Kind.CONFLICT, PaymentOutcome.Refused.FEE_CHANGED, "fee",
                "the convenience fee is now 3.50, not the 2.00 shown before", Map.of("fee", new BigDecimal("3.50")));
        PaymentOutcome.Records.Written written = answers.write(refused);

        assertThat(written.statusCode()).isEqualTo(409);
        assertThat(written.json()).contains("\"type\":\"https://ratepayer.org/problems/fee-changed\"", "\"status\":409",
                "\"fee\":3.50");
        PaymentOutcome read = answers.read(written.statusCode(), written.json());
        assertThat(read).isEqualTo(refused);
        assertThat(((PaymentOutcome.Refused) read).feeNow()).contains(new BigDecimal("3.50"));
        assertThat(answers.write(read)).isEqualTo(written);
    }

    @Test
    void everyKindOfRefusalKeepsItsStatus() {
        for (Refusal.Kind kind : new Refusal.Kind[] {Refusal.Kind.INVALID, Refusal.Kind.NOT_FOUND, Refusal.Kind.CONFLICT,
                Refusal.Kind.NOT_ALLOWED}) {
            PaymentOutcome.Refused refused = new PaymentOutcome.Refused(kind, "some_code", null, "why");
            PaymentOutcome.Records.Written written = answers.write(refused);
            assertThat(answers.read(written.statusCode(), written.json())).isEqualTo(refused);
        }
    }
}
