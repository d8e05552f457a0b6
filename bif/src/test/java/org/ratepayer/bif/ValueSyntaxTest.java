package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "12", "12.3", "12.34", "-999999999999999.99", "007"})
    void amounts(String text) {
        assertThat(ValueSyntax.cents(text)).isNotEqualTo(ValueSyntax.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".5", "12.", "12.345", "1,000.00", "+1", "1e3", "1000000000000000.00", "12.3x",
        "１２"})
    void notAmounts(String text) {
        assertThat(ValueSyntax.cents(text)).isEqualTo(ValueSyntax.INVALID);
    }

    @Test
    void amountValue() {
        assertThat(ValueSyntax.cents("-12.3")).isEqualTo(-1230);
        assertThat(ValueSyntax.cents("999999999999999.99")).isEqualTo(99_999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01/31/2024", "02/29/2024", "12/31/1900"})
    void dates(String text) {
        assertThat(ValueSyntax.date(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"02/29/2023", "13/01/2024", "00/10/2024", "1/5/2024", "01-31-2024", "01/31/1899",
        "01/32/2024", "2024/01/01", "０1/31/2024"})
    void notDates(String text) {
        assertThat(ValueSyntax.date(text)).isNull();
    }

    @Test
    void dateTimes() {
        assertThat(ValueSyntax.dateTime("03/01/2024 23:59:59")).isEqualTo(LocalDateTime.of(2024, 3, 1, 23, 59, 59));
        assertThat(ValueSyntax.dateTime("03/01/2024 24:00:00")).isNull();
        assertThat(ValueSyntax.dateTime("03/01/2024T05:30:00")).isNull();
        assertThat(ValueSyntax.dateTime("03/01/2024 5:30:00")).isNull();
    }

    @Test
    void flags() {
        for (String yes : new String[] {"Y", "y", "1", "true", "TRUE"}) {
            assertThat(ValueSyntax.flag(yes)).isTrue();
        }
        for (String no : new String[] {"N", "n", "0", "false", "False"}) {
            assertThat(ValueSyntax.flag(no)).isFalse();
        }
        for (String neither : new String[] {"", "yes", "no", "2", "T", "F"}) {
            assertThat(ValueSyntax.flag(neither)).isNull();
        }
    }

    @Test
    void integers() {
        assertThat(ValueSyntax.integer("-42")).isEqualTo(-42);
        assertThat(ValueSyntax.integer("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(ValueSyntax.integer("9999999999999999999")).isEqualTo(ValueSyntax.INVALID);
        assertThat(ValueSyntax.integer("4.0")).isEqualTo(ValueSyntax.INVALID);
        assertThat(ValueSyntax.integer("-")).isEqualTo(ValueSyntax.INVALID);
    }

    @Test
    void guids() {
        assertThat(ValueSyntax.isGuid("ba1cec36-997c-48e3-8406-437640edff84")).isTrue();
        assertThat(ValueSyntax.isGuid("{BA1CEC36-997C-48E3-8406-437640EDFF84}")).isFalse();
        assertThat(ValueSyntax.isGuid("GA1CEC36-997C-48E3-8406-437640EDFF84")).isFalse();
        assertThat(ValueSyntax.isGuid("BA1CEC36-997C-48E3-8406_437640EDFF84")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dale@example.com", "d.yoder+bills@mail.example.co.uk", "josé@exämple.org",
        "o'brien@example.net"})
    void emails(String text) {
        assertThat(ValueSyntax.isEmail(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dale", "dale@", "@example.com", "dale@example", "dale@@example.com", "da le@example.com",
        "dale.@example.com", "da..le@example.com", "dale@-example.com", "dale@example.c", "dale@example.123",
        "dale@exa_mple.com", "dale@example..com"})
    void notEmails(String text) {
        assertThat(ValueSyntax.isEmail(text)).isFalse();
    }

    @Test
    void quotesShortenAndShowControls() {
        assertThat(ValueSyntax.quote("a\u0000b")).isEqualTo("\"a?b\"");
        assertThat(ValueSyntax.quote("x".repeat(50))).isEqualTo("\"" + "x".repeat(40) + "…\"");
    }
}
