package org.ratepayer.payers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WalletRulesTest {

    @ParameterizedTest(name = "{0}/{1} in {2} -> expired {3}")
    @CsvSource(nullValues = "none", value = {
            "12, 2026, 2026-12, false",
            "11, 2026, 2026-12, true",
            "1,  2027, 2026-12, false",
            "12, 2025, 2026-12, true",
            "none, none, 2026-12, false",
    })
    void aCardIsGoodThroughItsExpiryMonth(Integer month, Integer year, String now, boolean expired) {
        assertThat(WalletRules.expired(month, year, YearMonth.parse(now))).isEqualTo(expired);
    }

    @ParameterizedTest(name = "{0} saved -> {1}")
    @CsvSource(nullValues = "none", value = {"0, none", "9, none", "10, wallet_full", "11, wallet_full"})
    void aWalletHoldsAtMostTenMethods(int saved, String code) {
        assertThat(WalletRules.checkRoom(saved).map(PayerRules.Violation::code)).isEqualTo(java.util.Optional.ofNullable(code));
    }
}
