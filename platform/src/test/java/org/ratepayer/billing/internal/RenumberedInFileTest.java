package org.ratepayer.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.bif.BifError;
import org.ratepayer.bif.BifResult;

/** What a late invoice file is told about each old account number it carries (docs/conversion-old-numbers.md). */
class RenumberedInFileTest {

    @ParameterizedTest(name = "{0} on line {1} -> {2} at {3} ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            # old    | line | new      | renumbered at         | biller's zone    | message
            1001-1   | 12   | 500123-0 | 2026-12-01T15:00:00Z  | America/Detroit  | account 1001-1 on line 12 was renumbered 2026-12-01 to 500123-0; this file predates the conversion
            # the day is the biller's: 03:00 UTC is still the evening before in Michigan
            1001-1   | 12   | 500123-0 | 2026-12-01T03:00:00Z  | America/Detroit  | account 1001-1 on line 12 was renumbered 2026-11-30 to 500123-0; this file predates the conversion
            1001-1   | 12   | 500123-0 | 2026-12-01T03:00:00Z  | UTC              | account 1001-1 on line 12 was renumbered 2026-12-01 to 500123-0; this file predates the conversion
            35909001 | 3    | 35909    | 2026-06-30T23:59:59Z  | Pacific/Honolulu | account 35909001 on line 3 was renumbered 2026-06-30 to 35909; this file predates the conversion
            """)
    void eachOldNumberIsOneErrorOnItsCustomerRowNamingTheNewNumberAndTheDay(String old, long line, String now, Instant at,
            ZoneId zone, String message) {
        BifError e = RenumberedInFile.error(new RenumberedInFile.OldNumber(old, line, now, at), zone);
        assertThat(e).isEqualTo(new BifError(line, "AccountNumber", 59, message));
    }

    @Test
    void theRefusalCountsEveryOldNumberAndListsTheFirstInLineOrder() {
        BifResult read = new BifResult(40, 13, new BigDecimal("100.00"), List.of(), 0);
        Instant at = Instant.parse("2026-12-01T15:00:00Z");
        List<RenumberedInFile.OldNumber> old = List.of(new RenumberedInFile.OldNumber("3", 30, "c", at),
                new RenumberedInFile.OldNumber("1", 3, "a", at), new RenumberedInFile.OldNumber("2", 9, "b", at));

        BifResult refused = RenumberedInFile.refused(read, old, ZoneId.of("UTC"), 2);

        assertThat(refused.valid()).isFalse();
        assertThat(refused.errorCount()).isEqualTo(3);
        assertThat(refused.errors()).extracting(BifError::line).containsExactly(3L, 9L);
        assertThat(List.of(refused.lines(), refused.invoices())).containsExactly(40L, 13L);
        assertThat(refused.totalAmountDue()).isEqualByComparingTo("100.00");
    }
}
