package org.ratepayer.payments.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

class BatchPropertiesTest {

    private static BatchProperties bind(Map<String, String> values) {
        Binder binder = new Binder(java.util.List.of(new MapConfigurationPropertySource(values)), null,
                ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("ratepayer.batches", BatchProperties.class);
    }

    @Test
    void closesAtElevenOnTheBillersClockUnlessConfigured() {
        BusinessDay day = bind(Map.of()).businessDay(ZoneId.of("America/New_York"));
        assertThat(day.closeAt()).isEqualTo(LocalTime.of(23, 0));
        assertThat(day.zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void readsTheCloseTimeAndAppliesItInEachBillersZone() {
        BatchProperties props = bind(Map.of("ratepayer.batches.close-at", "21:30"));
        assertThat(props.businessDay(ZoneId.of("America/Chicago")).closeAt()).isEqualTo(LocalTime.of(21, 30));
        assertThat(props.businessDay(ZoneId.of("America/Chicago")).zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(props.businessDay(ZoneId.of("UTC")).lastCloseAtOrBefore(java.time.Instant.parse("2026-12-05T04:00:00Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-04T21:30:00Z"));
        assertThat(props.businessDay(ZoneId.of("America/Chicago")).lastCloseAtOrBefore(java.time.Instant.parse("2026-12-05T04:00:00Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-05T03:30:00Z"));
    }
}
