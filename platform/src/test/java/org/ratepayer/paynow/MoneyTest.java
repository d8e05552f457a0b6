package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.Money;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the payer reads for an amount on the Pay Now pages (docs/paynow.md). */
class MoneyTest {

    @ParameterizedTest(name = "{0} -> amount ''{1}'', balance ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "154.24     | $154.24     | $154.24",
            "154.2      | $154.20     | $154.20",
            "0          | $0.00       | $0.00",
            "0.01       | $0.01       | $0.01",
            "1234567.89 | $1,234,567.89 | $1,234,567.89",
            "-25        | -$25.00     | $25.00 credit",
            "-0.01      | -$0.01      | $0.01 credit",
            "-1234.5    | -$1,234.50  | $1,234.50 credit",
            "none       | ''          | ''",
    })
    void usDollarsWithTheSignAndACreditNamedAsSuch(String amount, String asAmount, String asBalance) {
        BigDecimal value = amount == null ? null : new BigDecimal(amount);
        assertThat(Money.US_DOLLARS.format(value)).isEqualTo(asAmount);
        assertThat(Money.US_DOLLARS.balance(value)).isEqualTo(asBalance);
    }
}
