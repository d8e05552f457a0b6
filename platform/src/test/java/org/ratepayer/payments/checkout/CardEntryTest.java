package org.ratepayer.payments.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.gateway.PaymentGateway;

/** Which card entry a biller's pages get (setting 1019, docs/hosted-fields.md), and what its fields take. */
class CardEntryTest {

    @ParameterizedTest(name = "setting {0}, processor takes card numbers: {1} -> DIRECT {2}")
    @CsvSource(nullValues = "unset", value = {
            // the default is the processor's hosted fields, whatever the processor
            "unset,  true,  false",
            "unset,  false, false",
            "HOSTED, true,  false",
            "HOSTED, false, false",
            // DIRECT only where the processor takes card numbers from servers (the sandbox, not Stripe)
            "DIRECT, true,  true",
            "DIRECT, false, false",
            "direct, true,  false"})
    void directOnlyWhenChosenAndTheProcessorTakesCardNumbers(String setting, boolean accepts, boolean direct) {
        assertThat(CardEntry.direct(setting, accepts)).isEqualTo(direct);
    }

    @ParameterizedTest(name = "{0} fields, methods {1}: card {2}, bank {3}")
    @CsvSource(nullValues = "none", value = {
            "direct,   none,     true,  true",
            "sandbox,  none,     true,  true",
            "stripe,   CARD,     true,  false",
            "both,     'CARD,ACH', true, true",
            "missing,  none,     false, false"})
    void whatANewMethodCanBeEnteredAs(String kind, String methods, boolean card, boolean bank) {
        CardEntry entry = switch (kind) {
            case "direct" -> CardEntry.DIRECT;
            case "missing" -> CardEntry.UNAVAILABLE;
            default -> CardEntry.hostedBy(new PaymentGateway.HostedFields(kind, "https://x.example/x.js",
                    methods == null ? Map.of() : Map.of("methods", methods), List.of(), List.of(), List.of()));
        };
        assertThat(entry.takes("CARD")).isEqualTo(card);
        assertThat(entry.takes("ACH")).isEqualTo(bank);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "pk_test_abc|{\"publishableKey\":\"pk_test_abc\"}",
            "a\"b\\c|{\"publishableKey\":\"a\\\"b\\\\c\"}",
            "</script>|{\"publishableKey\":\"\\u003c/script\\u003e\"}"})
    void itsConfigurationIsJsonThatCannotBreakOutOfItsAttribute(String key, String json) {
        CardEntry entry = CardEntry.hostedBy(new PaymentGateway.HostedFields("stripe", "https://js.stripe.com/v3/",
                Map.of("publishableKey", key), List.of(), List.of(), List.of()));
        assertThat(entry.configJson()).isEqualTo(json);
    }
}
