package org.ratepayer.billers;

import org.ratepayer.billers.internal.BillerTemplate;
import org.ratepayer.billers.internal.TimeZones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BillerTimeZoneTest {

    /** A server clock on UTC, as production servers run. */
    private static final Clock TWO_AM_UTC_ON_THE_5TH = Clock.fixed(Instant.parse("2026-12-05T02:00:00Z"), ZoneOffset.UTC);

    private static BillerConfig in(String zone) {
        return new BillerConfig(1, Map.of(), Map.of(), ZoneId.of(zone));
    }

    @Test
    void todayIsTheBillersDateNotTheServers() {
        assertThat(in("America/New_York").today(TWO_AM_UTC_ON_THE_5TH)).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(in("UTC").today(TWO_AM_UTC_ON_THE_5TH)).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(in("Asia/Tokyo").today(Clock.fixed(Instant.parse("2026-12-04T16:00:00Z"), ZoneId.of("America/Chicago"))))
                .isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void theDaffronTemplateIsOnNewYorkTime() {
        assertThat(BillerTemplate.DAFFRON.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(BillerTemplate.STANDARD.timeZone().getId()).isEqualTo("UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "America/Chicago", "UTC", "Etc/UTC", "Pacific/Honolulu", " America/Denver "})
    void ianaZonesAreTaken(String zone) {
        assertThat(TimeZones.parse(zone)).isEqualTo(ZoneId.of(zone.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "-05:00", "UTC-5", "EST", "CST6CDT", "GMT", "america/new_york", "", " "})
    void anythingElseIsRefusedNamingTheField(String zone) {
        assertThatThrownBy(() -> TimeZones.parse(zone)).isInstanceOfSatisfying(ConfigValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("timeZone");
            assertThat(e.getMessage()).startsWith("timeZone: ");
        });
    }
}
