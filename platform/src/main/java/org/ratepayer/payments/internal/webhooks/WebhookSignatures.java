package org.ratepayer.payments.internal.webhooks;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a processor's webhook event, in Stripe's documented scheme (docs/ach.md, "Webhooks"): the header
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" under the endpoint's secret>}, refused when no v1 matches
 * or t is further than {@link #TOLERANCE} from the clock (a replayed old event). Checked by stripe-java's own
 * verifier, given the application's clock; the sandbox signs its events the same way with {@link #sign}.
 */
public final class WebhookSignatures {

    /** Stripe's own default: five minutes either side. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignatures() {
    }

    /** @return empty when the header signs the payload under the secret now; otherwise why not, in words for the sender */
    public static Optional<String> problem(String payload, String header, String secret, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.of("no signature header");
        }
        if (secret == null || secret.isBlank()) {
            return Optional.of("no signing secret is set for this biller");
        }
        try {
            Webhook.Signature.verifyHeader(payload, header, secret, TOLERANCE.toSeconds(), clock);
            return Optional.empty();
        } catch (SignatureVerificationException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // a header too malformed for the verifier to parse is a bad signature like any other
            return Optional.of("malformed signature header");
        }
    }

    /** The header for {@code payload} signed at {@code epochSeconds}: how the sandbox signs the events it sends. */
    public static String sign(String payload, String secret, long epochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] v1 = mac.doFinal((epochSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(v1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
