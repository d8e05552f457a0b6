package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.cis.AccountParts;

class CisAccountNumberTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(nullValues = "null", value = {"null, AS_IN_FILE", "'  ', AS_IN_FILE", "AS_IN_FILE, AS_IN_FILE",
            "' as_in_file ', AS_IN_FILE", "CUSTOM2_CUSTOM3:3, CUSTOM2_CUSTOM3:3", "custom2_custom3:1, CUSTOM2_CUSTOM3:1",
            "CUSTOM2_CUSTOM3:09, CUSTOM2_CUSTOM3:9"})
    void acceptedValues(String value, String canonical) {
        assertThat(CisAccountNumber.parse(value).canonical()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource({"CUSTOM2_CUSTOM3", "CUSTOM2_CUSTOM3:0", "CUSTOM2_CUSTOM3:10", "CUSTOM2_CUSTOM3:-1", "CUSTOM2+CUSTOM3:3",
            "BASE_SUB", "3", "AS IN FILE"})
    void refusedValuesNameTheSettingAndItsForms(String value) {
        assertThatThrownBy(() -> CisAccountNumber.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("advanced setting 1006 (CIS account number): '" + value + "' is neither AS_IN_FILE nor "
                        + "CUSTOM2_CUSTOM3:N with N from 1 to 9 (e.g. CUSTOM2_CUSTOM3:3)");
    }

    @ParameterizedTest(name = "{0} of {1}: base {2} sub {3} is {4}")
    @CsvSource(nullValues = "null", value = {
            "AS_IN_FILE, 1001-1, 1001, 1, 1001-1",
            "AS_IN_FILE, 1001-1, null, null, 1001-1",
            "CUSTOM2_CUSTOM3:3, 1001-1, 1001, 1, 1001001",
            "CUSTOM2_CUSTOM3:3, 359-9001, 359, 001, 359001",
            "CUSTOM2_CUSTOM3:3, 267-2, 267, 2, 267002",
            "CUSTOM2_CUSTOM3:3, 1-123, ' 1 ', ' 123 ', 1123",
            "CUSTOM2_CUSTOM3:4, 35909-1, 35909, 1, 359090001",
            "CUSTOM2_CUSTOM3:1, 100-1, 100, 1, 1001"})
    void forms(String setting, String account, String base, String sub, String cis) {
        assertThat(CisAccountNumber.parse(setting).of(account, new AccountParts(base, sub))).isEqualTo(cis);
    }

    @ParameterizedTest(name = "base {1} sub {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "1001-1| null| 1| account 1001-1 has no Custom2 (base account number) on its latest invoice, which advanced setting 1006 (CIS account number) (CUSTOM2_CUSTOM3:3) needs",
            "1001-1| 1001| ''| account 1001-1 has no Custom3 (sub account number) on its latest invoice, which advanced setting 1006 (CIS account number) (CUSTOM2_CUSTOM3:3) needs",
            "1001-1| 10-01| 1| account 1001-1: Custom2 (base account number) '10-01' is not a number, which advanced setting 1006 (CIS account number) (CUSTOM2_CUSTOM3:3) needs",
            "1001-A| 1001| A| account 1001-A: Custom3 (sub account number) 'A' is not a number, which advanced setting 1006 (CIS account number) (CUSTOM2_CUSTOM3:3) needs",
            "1001-1000| 1001| 1000| account 1001-1000: Custom3 (sub account number) '1000' has more than the 3 digits advanced setting 1006 (CIS account number) (CUSTOM2_CUSTOM3:3) pads it to"})
    void partsThatCannotFormTheNumberAreRefusedByName(String account, String base, String sub, String message) {
        assertThatThrownBy(() -> CisAccountNumber.parse("CUSTOM2_CUSTOM3:3").of(account, new AccountParts(base, sub)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
