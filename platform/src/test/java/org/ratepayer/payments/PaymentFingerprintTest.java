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
}
