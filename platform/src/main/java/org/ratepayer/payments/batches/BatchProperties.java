package org.ratepayer.payments.batches;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.batches.*}: when each biller's business day ends.
 *
 * @param closeAt the wall-clock time each business day ends and the biller's batch is closed, read in
 *                each biller's own zone (docs/time-zones.md): 23:00 is 23:00 in New York for a New York
 *                co-op and 23:00 in Chicago for a Chicago one
 */
@ConfigurationProperties("ratepayer.batches")
public record BatchProperties(@DefaultValue("23:00") LocalTime closeAt) {

    /** The business day of a biller in that zone. */
    public BusinessDay businessDay(ZoneId billerZone) {
        return new BusinessDay(closeAt, billerZone);
    }
}
