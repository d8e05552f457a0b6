package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an idempotency fingerprint writes the amount: as it always has, so retries across an upgrade still match. */
class PaymentFingerprintTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "120.55,         120.55",
            "120.50,         120.5",
            "100.00,         100",
            "1E+2,           100",
            "1E+999999999,   1E+999999999",
            "10E+2147483647, 1E+2147483648",
            "1E-999999999,   1E-999999999",
    })
    void anIdempotencyFingerprintWritesAmountsAsBeforeButNeverAGigabyteOfZeros(String amount, String written) {
        assertThat(PaymentService.amountText(new BigDecimal(amount))).isEqualTo(written);
    }

    private static final org.ratepayer.payments.gateway.CardDetails CARD =
            new org.ratepayer.payments.gateway.CardDetails("4111111111111111", 12, 2099, "123", "49331");

    private static PaymentRequest twoAccounts(String second) {
        return PaymentRequest.ofAccounts(Channel.CSRWEB, java.util.List.of(
                new PaymentRequest.Allocation("1001-1", null, new BigDecimal("100.10")),
                new PaymentRequest.Allocation("1002-1", null, new BigDecimal(second))), new BigDecimal("132.10"), CARD, null, null,
                null, null);
    }

    @org.junit.jupiter.api.Test
    void aPaymentOfOneAccountKeepsItsFingerprintAndAllocationsAreInTheirs() {
        PaymentRequest one = new PaymentRequest(Channel.IVR, "1001-1", null, new BigDecimal("120.50"), CARD, null, null, null, null);
        assertThat(PaymentService.fingerprint(one)).as("the fingerprint of a payment of one account, as before allocations")
                .isEqualTo(sha256("IVR|1001-1|null|120.5|card:1111:12/2099|null|null"));
        assertThat(PaymentService.fingerprint(twoAccounts("32.00"))).isEqualTo(PaymentService.fingerprint(twoAccounts("32")))
                .isNotEqualTo(PaymentService.fingerprint(twoAccounts("31.99")));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
