package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.PostbackSignature;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostbackSignatureTest {

    /** The test vector published with the Standard Webhooks specification: receivers' libraries agree with it. */
    @Test
    void matchesTheStandardWebhooksTestVector() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = PostbackSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesOnlyTheSignedContentIdAndAFreshTimestamp() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String q = "BillerGUID=ABC&Approved=True&PaymentAmount=10.00";
        String sig = PostbackSignature.sign(secret, "id-1", 1_700_000_000L, q);
        assertThat(PostbackSignature.verify(secret, "id-1", "1700000000", q, sig, 1_700_000_100L, 300)).isTrue();
        assertThat(PostbackSignature.verify(secret, "id-1", "1700000000", q, "v1,old " + sig, 1_700_000_100L, 300))
                .as("one of several signatures (secret rotation)").isTrue();
        assertThat(PostbackSignature.verify(secret, "id-1", "1700000000", q.replace("10.00", "1000.00"), sig, 1_700_000_100L, 300))
                .as("changed amount").isFalse();
        assertThat(PostbackSignature.verify(secret, "id-2", "1700000000", q, sig, 1_700_000_100L, 300)).as("other id").isFalse();
        assertThat(PostbackSignature.verify(secret, "id-1", "1700000000", q, sig, 1_700_001_000L, 300)).as("stale").isFalse();
        assertThat(PostbackSignature.verify("whsec_" + "A".repeat(32), "id-1", "1700000000", q, sig, 1_700_000_100L, 300))
                .as("other secret").isFalse();
    }
}
