package org.ratepayer.payments.batches;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.batches.*}: when the automatic daily closure runs.
 *
 * @param closeAt the local time each business day ends and every biller's batch is closed
 * @param zone    the zone {@code closeAt} is read in; the system zone when not set
 */
@ConfigurationProperties("ratepayer.batches")
public record BatchProperties(@DefaultValue("23:00") LocalTime closeAt, ZoneId zone) {

    public BusinessDay businessDay() {
        return new BusinessDay(closeAt, zone != null ? zone : ZoneId.systemDefault());
    }
}
