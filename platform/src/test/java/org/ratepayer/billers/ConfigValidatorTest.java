package org.ratepayer.billers;

import org.ratepayer.billers.internal.OptionRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ConfigCatalogue catalogue = ConfigCatalogue.standard();
    private final ConfigValidator validator = new ConfigValidator(json);

    private String setting(int id, JsonNode value) {
        return validator.canonical(catalogue.setting(id).orElseThrow(), "setting " + id, value);
    }

    private String option(int id, JsonNode value) {
        return validator.canonical(catalogue.option(id).orElseThrow(), "option " + id, value);
    }

    /** Settings 1017 and 1018 (docs/processors.md): a processor by name; a Stripe secret key by its shape, never echoed. */
    @org.junit.jupiter.params.ParameterizedTest(name = "setting {0} = {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "1017 | stripe                            | STRIPE",
            "1017 | Sandbox                           | SANDBOX",
            "1017 | PAYPAL                            | refused",
            "1018 | sk_test_51AbCdEfGh                | sk_test_51AbCdEfGh",
            "1018 | '  sk_live_51AbCdEfGh  '          | sk_live_51AbCdEfGh",
            "1018 | rk_live_51AbCdEfGh                | rk_live_51AbCdEfGh",
            "1018 | pk_test_51AbCdEfGh                | refused",
            "1018 | sk_test_short                     | refused",
            "1018 | whsec_51AbCdEfGh                  | refused",
            "1018 | sk_prod_51AbCdEfGh                | refused",
            // 1019 card entry and 1020 the Stripe publishable key (docs/hosted-fields.md): public, shown back
            "1019 | hosted                            | HOSTED",
            "1019 | DIRECT                            | DIRECT",
            "1019 | IFRAME                            | refused",
            "1020 | pk_test_51AbCdEfGh                | pk_test_51AbCdEfGh",
            "1020 | ' pk_live_51AbCdEfGh '            | pk_live_51AbCdEfGh",
            "1020 | sk_test_51AbCdEfGh                | refused",
            "1020 | pk_test_short                     | refused"})
    void theProcessorIsNamedAndTheStripeKeyIsShapedLikeOne(int id, String value, String expected) {
        if (expected.equals("refused")) {
            assertThatThrownBy(() -> setting(id, TextNode.valueOf(value))).isInstanceOf(ConfigValidationException.class)
                    .hasMessageStartingWith("setting " + id + " (");
            if (id == 1018) {
                // a secret is never repeated back, not even a wrong one
                assertThatThrownBy(() -> setting(id, TextNode.valueOf(value))).message().doesNotContain(value.substring(3));
            }
        } else {
            assertThat(setting(id, TextNode.valueOf(value))).isEqualTo(expected);
        }
        assertThat(catalogue.setting(1018).orElseThrow().secret()).isTrue();
        assertThat(catalogue.setting(1017).orElseThrow().secret()).isFalse();
        assertThat(catalogue.setting(1020).orElseThrow().secret()).as("a publishable key goes to browsers").isFalse();
    }

    /** Settings 1017, 1023 to 1025 (docs/processors.md, "Authorize.Net"): shaped like Authorize.Net's, the transaction key sealed and never echoed. */
    @org.junit.jupiter.params.ParameterizedTest(name = "setting {0} = {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "1017 | authorize_net                          | AUTHORIZE_NET",
            "1017 | AUTHORIZENET                           | refused",
            "1023 | '  5KP3u95bQpv  '                      | 5KP3u95bQpv",
            "1023 | 5KP3u95b Qpv                           | refused",
            "1023 | ABCDEFGHIJKLMNOPQRSTUVWXYZ             | refused",
            "1024 | 346HZ32z3fP4hTG2                       | 346HZ32z3fP4hTG2",
            "1024 | 346HZ32z3fP4hTG                        | refused",
            "1024 | 346HZ32z3fP4hTG2X                      | refused",
            "1024 | 346HZ32z-fP4hTG2                       | refused",
            "1025 | 5FcB6WrfHGS76gHW3v7btBCE3HuuBuke9Pj96Ztfn5R32G5ep42vne7MCWZtAucY | 5FcB6WrfHGS76gHW3v7btBCE3HuuBuke9Pj96Ztfn5R32G5ep42vne7MCWZtAucY",
            "1025 | pk_test_51AbCdEfGh                     | refused"})
    void authorizeNetCredentialsAreShapedLikeAuthorizeNets(int id, String value, String expected) {
        if (expected.equals("refused")) {
            assertThatThrownBy(() -> setting(id, TextNode.valueOf(value))).isInstanceOf(ConfigValidationException.class)
                    .hasMessageStartingWith("setting " + id + " (");
            if (id != 1017) {
                // a credential is never repeated back, not even a wrong one
                assertThatThrownBy(() -> setting(id, TextNode.valueOf(value))).message().doesNotContain(value.trim());
            }
        } else {
            assertThat(setting(id, TextNode.valueOf(value))).isEqualTo(expected);
        }
    }

    @Test
    void onlyTheAuthorizeNetTransactionKeyIsSealed() {
        assertThat(catalogue.setting(1024).orElseThrow().secret()).isTrue();
        assertThat(catalogue.setting(1023).orElseThrow().secret()).isFalse();
        assertThat(catalogue.setting(1025).orElseThrow().secret()).isFalse();
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        assertThat(option(64, BooleanNode.TRUE)).isEqualTo("true");
        assertThat(option(64, TextNode.valueOf("off"))).isEqualTo("false");
        assertThatThrownBy(() -> option(64, TextNode.valueOf("maybe")))
                .hasMessage("option 64 (Real-time refresh ignores the 6-hour recently-refreshed check): expected true or false, got 'maybe'");
    }

    @Test
    void enumsAreCheckedAndNormalised() {
        assertThat(option(131, TextNode.valueOf("prevent updates"))).isEqualTo("PREVENT_UPDATES");
        assertThatThrownBy(() -> option(131, TextNode.valueOf("SOMETIMES")))
                .hasMessageStartingWith("option 131 (Update email address after payment): 'SOMETIMES' is not one of ALLOW_UPDATES, ");
    }

    @Test
    void integersHaveRanges() {
        assertThat(setting(119, IntNode.valueOf(4))).isEqualTo("4");
        assertThatThrownBy(() -> setting(119, IntNode.valueOf(5)))
                .hasMessage("setting 119 (Remote PDF service version): 5 is out of range 1..4");
        assertThatThrownBy(() -> setting(35, TextNode.valueOf("two")))
                .hasMessage("setting 35 (Service version for payment posting amounts): expected a whole number, got 'two'");
        assertThatThrownBy(() -> option(79, IntNode.valueOf(0))).hasMessageContaining("0 is out of range 1..100");
    }

    @Test
    void theMaximumPaymentIsDollarsAndCentsWithinWhatTheDatabaseHolds() {
        assertThat(setting(1005, TextNode.valueOf("150000"))).isEqualTo("150000.00");
        assertThat(setting(1005, new ObjectMapper().getNodeFactory().numberNode(new java.math.BigDecimal("2500.5")))).isEqualTo("2500.50");
        assertThat(setting(1005, IntNode.valueOf(99_999_999))).isEqualTo("99999999.00");
        for (JsonNode bad : new JsonNode[] {TextNode.valueOf("abc"), TextNode.valueOf("1e5"), TextNode.valueOf("-1"), IntNode.valueOf(0),
                TextNode.valueOf("1.001"), TextNode.valueOf("100000000"), BooleanNode.TRUE}) {
            assertThatThrownBy(() -> setting(1005, bad)).as(bad.toString()).hasMessage("setting 1005 (Maximum single payment): "
                    + "expected an amount more than 0 and at most 99999999.99, with at most two decimals, such as 150000.00");
        }
        assertThat(validator.storedAsJson(catalogue.setting(1005).orElseThrow(), "150000.00").decimalValue()).isEqualByComparingTo("150000");
    }

    /** Settings 1012 and 1013 (docs/prepaid-alerts.md): a threshold of zero is allowed, a negative or fractional one is not. */
    @Test
    void thePrepaidAlertThresholdsAreAnAmountOfZeroOrMoreAndWholeDaysUpTo60() {
        assertThat(setting(1012, TextNode.valueOf("20"))).isEqualTo("20.00");
        assertThat(setting(1012, TextNode.valueOf("0"))).as("below zero: the account owes").isEqualTo("0.00");
        assertThat(setting(1012, new ObjectMapper().getNodeFactory().numberNode(new java.math.BigDecimal("7.5")))).isEqualTo("7.50");
        assertThat(setting(1012, com.fasterxml.jackson.databind.node.NullNode.getInstance())).as("null clears it").isNull();
        for (JsonNode bad : new JsonNode[] {TextNode.valueOf("-1"), IntNode.valueOf(-1), TextNode.valueOf("1.001"), TextNode.valueOf("abc"),
                TextNode.valueOf("100000000"), BooleanNode.TRUE}) {
            assertThatThrownBy(() -> setting(1012, bad)).as(bad.toString()).hasMessage("setting 1012 (Prepaid low-balance alert amount: alert "
                    + "when the remaining balance falls below it (unset: no amount threshold)): expected an amount of 0 or more and at most "
                    + "99999999.99, with at most two decimals, such as 20.00");
        }
        assertThat(validator.storedAsJson(catalogue.setting(1012).orElseThrow(), "0.00").decimalValue()).isEqualByComparingTo("0");
        assertThat(setting(1013, IntNode.valueOf(0))).isEqualTo("0");
        assertThat(setting(1013, TextNode.valueOf("60"))).isEqualTo("60");
        assertThatThrownBy(() -> setting(1013, IntNode.valueOf(61))).hasMessage("setting 1013 (Prepaid low-balance alert days: alert when the "
                + "remaining days fall below it (unset: no days threshold)): 61 is out of range 0..60");
        assertThatThrownBy(() -> setting(1013, TextNode.valueOf("2.5"))).hasMessageEndingWith(": expected a whole number, got '2.5'");
    }

    @Test
    void theCisAccountNumberIsAsInTheFileOrCustom2AndCustom3WithAWidth() {
        String name = "setting 1006 (CIS account number: AS_IN_FILE, or CUSTOM2_CUSTOM3:N (the sub zero-padded to N digits))";
        assertThat(setting(1006, TextNode.valueOf(" as_in_file "))).isEqualTo("AS_IN_FILE");
        assertThat(setting(1006, TextNode.valueOf("custom2_custom3:3"))).isEqualTo("CUSTOM2_CUSTOM3:3");
        for (String bad : new String[] {"CUSTOM2+CUSTOM3", "CUSTOM2_CUSTOM3:0", "CUSTOM2_CUSTOM3:12", "3"}) {
            assertThatThrownBy(() -> setting(1006, TextNode.valueOf(bad))).as(bad).hasMessage(name + ": '" + bad
                    + "' is neither AS_IN_FILE nor CUSTOM2_CUSTOM3:N with N from 1 to 9 (e.g. CUSTOM2_CUSTOM3:3)");
        }
        assertThatThrownBy(() -> setting(1006, TextNode.valueOf(" "))).hasMessage(name + ": must not be blank (send null to clear it)");
        assertThatThrownBy(() -> setting(1006, IntNode.valueOf(3))).hasMessage(name
                + ": '3' is neither AS_IN_FILE nor CUSTOM2_CUSTOM3:N with N from 1 to 9 (e.g. CUSTOM2_CUSTOM3:3)");
    }

    @Test
    void urlsMustBeHttpWithAHostAndNoCredentials() {
        assertThat(setting(8, TextNode.valueOf("http://cis-host.example:8083/tbx-daily/services/CB")))
                .isEqualTo("http://cis-host.example:8083/tbx-daily/services/CB");
        assertThatThrownBy(() -> setting(8, TextNode.valueOf("ftp://cis-host/")))
                .hasMessage("setting 8 (Real-time refresh endpoint URL): 'ftp://cis-host/' is not an http or https URL");
        assertThatThrownBy(() -> setting(20, TextNode.valueOf("http://exa mple/")))
                .hasMessageStartingWith("setting 20 (Remote PDF base URL): 'http://exa mple/' is not a valid URL");
        assertThatThrownBy(() -> setting(11, TextNode.valueOf("https://user:pw@cis/")))
                .hasMessageContaining("credentials must not be put in the URL");
    }

    @Test
    void paymentModeMapsAreParsed() {
        assertThat(setting(64, TextNode.valueOf("0(WEB)|2(CSRWEB)|8(POS)"))).isEqualTo("0(WEB)|2(CSRWEB)|8(POS)");
        assertThatThrownBy(() -> setting(65, TextNode.valueOf("0(WEB)|2CSRWEB")))
                .hasMessage("setting 65 (Payment modes for ACH payments by channel): entry 2 '2CSRWEB' is not paymentSourceID(code), e.g. 0(WEB)|2(CSRWEB)|8(POS)");
        assertThatThrownBy(() -> setting(64, TextNode.valueOf("0(WEB)|0(EFT)")))
                .hasMessage("setting 64 (Payment modes for card payments by channel): payment source 0 appears twice");
        assertThatThrownBy(() -> setting(64, TextNode.valueOf("12(WEB)")))
                .hasMessageContaining("names payment source 12, but sources are 0..8");
    }

    @Test
    void jsonConfigurationMustParseAndUseKnownKeys() {
        assertThat(setting(131, TextNode.valueOf("{\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}}")))
                .isEqualTo("{\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}}");
        assertThat(setting(131, TextNode.valueOf(
                "{ \"Daffron\": { \"DataPumpConfigs\": { \"SkipDonationTypes\": true, \"TransactionIdSource\": \"PaymentGuid\" } } }")))
                .isEqualTo("{\"Daffron\":{\"DataPumpConfigs\":{\"SkipDonationTypes\":true,\"TransactionIdSource\":\"PaymentGuid\"}}}");
        assertThatThrownBy(() -> setting(131, TextNode.valueOf("{\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}")))
                .hasMessageStartingWith("setting 131 (JSON configuration): invalid JSON at line 1, column ");
        assertThatThrownBy(() -> setting(131, TextNode.valueOf("{\"Daffron\":{\"DataPumpConfigs\":{\"SkipDonationTypes\":\"yes\"}}}")))
                .hasMessage("setting 131 (JSON configuration): Daffron.DataPumpConfigs.SkipDonationTypes must be true or false");
        assertThatThrownBy(() -> setting(131, TextNode.valueOf("{\"Pdfconfig\":{}}")))
                .hasMessage("setting 131 (JSON configuration): unknown key 'Pdfconfig' (known: PdfConfig, Daffron)");
    }

    @Test
    void optionRulesTie131To112() {
        assertThatThrownBy(() -> OptionRules.check(java.util.Map.of(131, "PREVENT_UPDATES")))
                .hasMessageContaining("requires option 112");
        OptionRules.check(java.util.Map.of(131, "PREVENT_UPDATES", 112, "true"));
        OptionRules.check(java.util.Map.of());
    }
}
