package org.ratepayer.payments.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stripe's documented signature scheme, computed here by hand (HMAC-SHA256 of "t.payload" under the secret, hex), against
 * the verifier: only a signature of these very bytes, under this secret, within five minutes of the clock passes.
 */
class WebhookSignaturesTest {

    static final String SECRET = "whsec_test_secret";
    static final String PAYLOAD = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
    static final long NOW = 1_764_950_400L;

    static String v1(String secret, long t, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @CsvSource(delimiter = '|', value = {
            "signed now                         | whsec_test_secret  | 0    | ''           | ''      | valid",
            "signed 299 s ago                   | whsec_test_secret  | -299 | ''           | ''      | valid",
            "signed 299 s ahead                 | whsec_test_secret  | 299  | ''           | ''      | valid",
            "signed 301 s ago (a replay)        | whsec_test_secret  | -301 | ''           | ''      | refused",
            "another secret                     | whsec_other        | 0    | ''           | ''      | refused",
            "a byte of the payload changed      | whsec_test_secret  | 0    | ' '          | ''      | refused",
            "a second, valid v1 among others     | whsec_test_secret  | 0    | ''           | extra   | valid",
            "no v1 at all                       | whsec_test_secret  | 0    | ''           | nov1    | refused",
            "garbage                            | whsec_test_secret  | 0    | ''           | garbage | refused",
            "empty                              | whsec_test_secret  | 0    | ''           | empty   | refused",
    })
    void onlyTheseBytesUnderThisSecretNowPass(String what, String signingSecret, long skew, String appended, String shape, String expected)
            throws Exception {
        long t = NOW + skew;
        String header = switch (shape) {
            case "extra" -> "t=" + t + ",v1=" + v1("whsec_nope", t, PAYLOAD) + ",v1=" + v1(signingSecret, t, PAYLOAD) + ",v0=abc";
            case "nov1" -> "t=" + t + ",v0=" + v1(signingSecret, t, PAYLOAD);
            case "garbage" -> "not a signature";
            case "empty" -> "";
            default -> "t=" + t + ",v1=" + v1(signingSecret, t, PAYLOAD);
        };
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

        boolean valid = WebhookSignatures.problem(PAYLOAD + appended, header, SECRET, clock).isEmpty();

        assertThat(valid ? "valid" : "refused").as(what).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1764950400"})
    void theSandboxSignsByTheSameScheme(long t) throws Exception {
        assertThat(WebhookSignatures.sign(PAYLOAD, SECRET, t)).isEqualTo("t=" + t + ",v1=" + v1(SECRET, t, PAYLOAD));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"null | whsec_test_secret", "t=1,v1=00 | null", "t=1,v1=00 | ' '"}, nullValues = "null")
    void noHeaderOrNoSecretIsRefused(String header, String secret) {
        assertThat(WebhookSignatures.problem(PAYLOAD, header, secret, Clock.systemUTC())).isPresent();
    }
}
