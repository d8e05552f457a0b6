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
    void closesAtElevenInTheSystemZoneUnlessConfigured() {
        BusinessDay day = bind(Map.of()).businessDay();
        assertThat(day.closeAt()).isEqualTo(LocalTime.of(23, 0));
        assertThat(day.zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void readsTheCloseTimeAndZone() {
        BusinessDay day = bind(Map.of("ratepayer.batches.close-at", "21:30", "ratepayer.batches.zone", "America/Chicago"))
                .businessDay();
        assertThat(day.closeAt()).isEqualTo(LocalTime.of(21, 30));
        assertThat(day.zone()).isEqualTo(ZoneId.of("America/Chicago"));
    }
}
