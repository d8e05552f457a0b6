package org.ratepayer.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.reports.Charts;

/** The charts' arithmetic: days, zero-filled series, percentages. */
class ChartRulesTest {

    @ParameterizedTest(name = "{0} of {1} is {2}%")
    @CsvSource({"0, 0, 0.0", "5, 0, 0.0", "0, 7, 0.0", "1, 3, 33.3", "2, 3, 66.7", "1, 8, 12.5", "1, 16, 6.3", "7, 7, 100.0",
            "1, 1000000, 0.0", "1, 1999, 0.1"})
    void percentOneDecimalHalfUp(long part, long whole, String percent) {
        assertThat(ChartRules.percent(part, whole)).isEqualTo(new BigDecimal(percent));
    }

    @Test
    void thirtyDaysEndWithTodayAcrossAMonth() {
        List<LocalDate> days = ChartRules.lastDays(LocalDate.of(2026, 3, 5), 30);
        assertThat(days).hasSize(30);
        assertThat(days.get(0)).isEqualTo(LocalDate.of(2026, 2, 4));
        assertThat(days.get(29)).isEqualTo(LocalDate.of(2026, 3, 5));
    }

    @Test
    void seriesByNameWithZeroDaysFilledAndOutsideDaysIgnored() {
        List<LocalDate> days = ChartRules.lastDays(LocalDate.of(2026, 11, 5), 3);
        List<ReportQueries.DayCount> rows = List.of(
                new ReportQueries.DayCount(LocalDate.of(2026, 11, 3), "WEB", 2, new BigDecimal("30.00")),
                new ReportQueries.DayCount(LocalDate.of(2026, 11, 5), "WEB", 1, new BigDecimal("5.25")),
                new ReportQueries.DayCount(LocalDate.of(2026, 11, 4), "IVR", 4, new BigDecimal("80.00")),
                new ReportQueries.DayCount(LocalDate.of(2026, 11, 2), "POS", 9, new BigDecimal("99.00")));

        List<Charts.Series> series = ChartRules.series(days, rows);

        assertThat(series).containsExactly(
                new Charts.Series("IVR", List.of(0L, 4L, 0L), List.of(new BigDecimal("0.00"), new BigDecimal("80.00"), new BigDecimal("0.00"))),
                new Charts.Series("WEB", List.of(2L, 0L, 1L), List.of(new BigDecimal("30.00"), new BigDecimal("0.00"), new BigDecimal("5.25"))));
    }
}
