package org.ratepayer.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4180 as the reports write it: quoted only where needed, quotes doubled, CR LF. */
class CsvTest {

    @ParameterizedTest(name = "[{0}] is written [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain | plain",
            "'Smith, John' | '\"Smith, John\"'",
            "'say \"hi\"' | '\"say \"\"hi\"\"\"'",
            "'' | ''",
            "' leading space kept' | ' leading space kept'"})
    void fieldsAreQuotedOnlyWhereNeeded(String value, String written) {
        assertThat(Csv.field(value)).isEqualTo(written);
    }

    @Test
    void lineBreaksInsideAFieldAreQuotedAndMissingValuesAreEmpty() {
        assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(Csv.field("one\nline")).isEqualTo("\"one\nline\"");
        assertThat(Csv.field(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"120.00, 120.00", "1E+3, 1000", "0.00, 0.00", "12345678.9, 12345678.9"})
    void amountsArePlainDecimals(String amount, String written) {
        assertThat(Csv.field(new BigDecimal(amount))).isEqualTo(written);
    }

    @Test
    void aHeaderRowThenRowsEachEndingCrLf() {
        assertThat(new Csv(List.of("a", "b")).row("x,y", 2).row(null, new BigDecimal("3.50")).text())
                .isEqualTo("a,b\r\n\"x,y\",2\r\n,3.50\r\n");
    }
}
