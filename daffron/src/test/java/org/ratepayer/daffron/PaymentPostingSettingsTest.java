package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ratepayer.daffron.DataPumpConfig.TransactionIdSource;

/** Settings 35, 64, 65 and the data pump part of 131. */
class PaymentPostingSettingsTest {

    @ParameterizedTest
    @CsvSource({"232.10, 232.1", "232.1, 232.1", "15.00, 15", "15, 15", "0.07, 0.07", "100.00, 100", "0.00, 0",
            "1234567.89, 1234567.89", "1E+3, 1000"})
    void version1WritesTheShortestPlainDecimal(String amount, String wire) {
        assertThat(AmountFormat.SHORTEST.apply(new BigDecimal(amount)).toPlainString()).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"232.1, 232.10", "15, 15.00", "0.07, 0.07", "1E+2, 100.00", "232.100, 232.10"})
    void version2WritesTwoDecimals(String amount, String wire) {
        assertThat(AmountFormat.TWO_DECIMALS.apply(new BigDecimal(amount)).toPlainString()).isEqualTo(wire);
    }

    @Test
    void version2NeverRoundsAFractionOfACent() {
        assertThatThrownBy(() -> AmountFormat.TWO_DECIMALS.apply(new BigDecimal("10.005")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.005");
    }

    @Test
    void setting35DefaultsTo1AndAcceptsOnly1Or2() {
        assertThat(AmountFormat.fromSetting(Optional.empty())).isEqualTo(AmountFormat.SHORTEST);
        assertThat(AmountFormat.fromSetting(Optional.of(" 1 "))).isEqualTo(AmountFormat.SHORTEST);
        assertThat(AmountFormat.fromSetting(Optional.of("2"))).isEqualTo(AmountFormat.TWO_DECIMALS);
        assertThatThrownBy(() -> AmountFormat.fromSetting(Optional.of("3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("35");
    }

    @Test
    void paymentModesMapChannelsAndFallBackToWeb() {
        PaymentModes modes = PaymentModes.parse(64, Optional.of("0(WEB)|2(CSRWEB)|8(POS)"));

        assertThat(modes.codes()).containsExactlyInAnyOrderEntriesOf(Map.of(0, "WEB", 2, "CSRWEB", 8, "POS"));
        assertThat(modes.modeFor(2)).isEqualTo("CSRWEB");
        assertThat(modes.modeFor(8)).isEqualTo("POS");
        assertThat(modes.modeFor(3)).isEqualTo("WEB");
        assertThat(PaymentModes.parse(65, Optional.of(" 3(IVR) | 6(EFT) ")).modeFor(6)).isEqualTo("EFT");
        assertThat(PaymentModes.parse(64, Optional.empty()).modeFor(0)).isEqualTo("WEB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0WEB", "0(WEB)|", "x(WEB)", "0()", "0(WEB)|0(POS)", "0(WEB)2(CSRWEB)"})
    void refusesAPaymentModeTableItCannotRead(String setting) {
        assertThatThrownBy(() -> PaymentModes.parse(65, Optional.of(setting)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advanced setting 65");
    }

    @Test
    void readsTheDataPumpConfigsOfSetting131() {
        assertThat(JsonConfiguration.dataPump(null)).isEqualTo(DataPumpConfig.DEFAULT);
        assertThat(JsonConfiguration.dataPump("{\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}}"))
                .as("setting 131 existing is not enough: the switch is explicit").isEqualTo(DataPumpConfig.DEFAULT);
        assertThat(JsonConfiguration.dataPump("{ \"Daffron\": { \"DataPumpConfigs\": { \"SkipDonationTypes\": true } } }"))
                .isEqualTo(new DataPumpConfig(true, TransactionIdSource.APPROVAL_CODE));
        assertThat(JsonConfiguration.dataPump(
                "{\"Daffron\":{\"DataPumpConfigs\":{\"SkipDonationTypes\":true,\"TransactionIdSource\":\"PaymentGuid\"}},"
                        + "\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}}"))
                .isEqualTo(new DataPumpConfig(true, TransactionIdSource.PAYMENT_GUID));
        assertThat(JsonConfiguration.dataPump(
                "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"ApprovalCode\"}}}"))
                .isEqualTo(DataPumpConfig.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"Guid\"}}}",
            "{\"Daffron\":{\"DataPumpConfigs\":{\"SkipDonationTypes\":\"yes\"}}}", "{not json"})
    void refusesADataPumpConfigItCannotRead(String setting) {
        assertThatThrownBy(() -> JsonConfiguration.dataPump(setting))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("131");
    }

    @Test
    void aBillerWithoutSettingsPostsWithTheDefaults() {
        assertThat(PaymentPostingSettings.of(TestPostings.biller(Map.of()))).isEqualTo(PaymentPostingSettings.DEFAULT);
        assertThat(PaymentPostingSettings.of(TestPostings.biller(Map.of(35, "2", 64, "2(CSRWEB)", 65, "8(POS)",
                131, TestPostings.PAYMENT_GUID_131)))).satisfies(s -> {
                    assertThat(s.amountFormat()).isEqualTo(AmountFormat.TWO_DECIMALS);
                    assertThat(s.cardModes().modeFor(2)).isEqualTo("CSRWEB");
                    assertThat(s.achModes().modeFor(8)).isEqualTo("POS");
                    assertThat(s.dataPump().transactionIdSource()).isEqualTo(TransactionIdSource.PAYMENT_GUID);
                });
    }
}
