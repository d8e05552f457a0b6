package org.ratepayer.payments.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessDayTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");
    private final BusinessDay elevenPm = new BusinessDay(LocalTime.of(23, 0), DETROIT);

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(DETROIT).toInstant();
    }

    @Test
    void theLastCloseIsTodaysOnceItHasPassedAndYesterdaysBefore() {
        assertThat(elevenPm.lastCloseAtOrBefore(at("2026-03-02T23:00:00"))).isEqualTo(at("2026-03-02T23:00:00"));
        assertThat(elevenPm.lastCloseAtOrBefore(at("2026-03-02T23:00:07.250"))).isEqualTo(at("2026-03-02T23:00:00"));
        assertThat(elevenPm.lastCloseAtOrBefore(at("2026-03-03T08:15:00"))).isEqualTo(at("2026-03-02T23:00:00"));
        assertThat(elevenPm.lastCloseAtOrBefore(at("2026-03-02T22:59:59.999"))).isEqualTo(at("2026-03-01T23:00:00"));
    }

    @Test
    void theCloseTimeIsLocalAcrossDaylightSavingChanges() {
        // Clocks went forward at 02:00 on 2026-03-08: the day before was 23 hours long in UTC terms, not 24.
        assertThat(elevenPm.lastCloseAtOrBefore(at("2026-03-09T07:00:00"))).isEqualTo(at("2026-03-08T23:00:00"));
        assertThat(at("2026-03-08T23:00:00")).isEqualTo(Instant.parse("2026-03-09T03:00:00Z"));
        assertThat(at("2026-03-07T23:00:00")).isEqualTo(Instant.parse("2026-03-08T04:00:00Z"));
    }

    @Test
    void aClosureAtTheCloseTimeClosesThatDayAndOneAfterItBelongsToTheNext() {
        assertThat(elevenPm.dateOf(at("2026-03-02T23:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(elevenPm.dateOf(at("2026-03-02T15:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(elevenPm.dateOf(at("2026-03-02T00:30:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(elevenPm.dateOf(at("2026-03-02T23:30:00"))).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(elevenPm.dateOf(at("2026-03-01T23:00:00.000001"))).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void aCloseTimeAtMidnightOrInTheMorningEndsThePreviousCalendarDay() {
        BusinessDay midnight = new BusinessDay(LocalTime.MIDNIGHT, DETROIT);
        assertThat(midnight.dateOf(at("2026-03-03T00:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(midnight.dateOf(at("2026-03-02T13:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        BusinessDay twoAm = new BusinessDay(LocalTime.of(2, 0), DETROIT);
        assertThat(twoAm.dateOf(at("2026-03-03T02:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(twoAm.dateOf(at("2026-03-03T01:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(twoAm.dateOf(at("2026-03-03T03:00:00"))).isEqualTo(LocalDate.of(2026, 3, 3));
        BusinessDay noon = new BusinessDay(LocalTime.NOON, DETROIT);
        assertThat(noon.dateOf(at("2026-03-02T12:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(noon.dateOf(at("2026-03-02T13:00:00"))).isEqualTo(LocalDate.of(2026, 3, 3));
    }

    @Test
    void everyScheduledCutoffClosesTheDayItEnds() {
        LocalDate d = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 366; i++, d = d.plusDays(1)) {
            Instant close = d.atTime(23, 0).atZone(DETROIT).toInstant();
            assertThat(elevenPm.dateOf(elevenPm.lastCloseAtOrBefore(close.plusSeconds(90)))).isEqualTo(d);
        }
    }

    @Test
    void theSameInstantIsOnTheBillersOwnDate() {
        // 02:00 UTC on 5 December: still the 4th's business day in New York, already the 5th's in UTC.
        Instant at = Instant.parse("2026-12-05T02:00:00Z");
        assertThat(new BusinessDay(LocalTime.of(23, 0), ZoneId.of("America/New_York")).dateOf(at))
                .isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(new BusinessDay(LocalTime.of(23, 0), ZoneId.of("UTC")).dateOf(at)).isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void aDayEndsAtItsCloseTimeOrTheMorningAfterForAnEarlyCloseTime() {
        assertThat(elevenPm.end(LocalDate.of(2026, 3, 2))).isEqualTo(at("2026-03-02T23:00:00"));
        assertThat(elevenPm.dateOf(elevenPm.end(LocalDate.of(2026, 3, 8)))).isEqualTo(LocalDate.of(2026, 3, 8));
        BusinessDay twoAm = new BusinessDay(LocalTime.of(2, 0), DETROIT);
        assertThat(twoAm.end(LocalDate.of(2026, 3, 2))).isEqualTo(at("2026-03-03T02:00:00"));
        assertThat(twoAm.dateOf(twoAm.end(LocalDate.of(2026, 3, 2)))).isEqualTo(LocalDate.of(2026, 3, 2));
    }
}
