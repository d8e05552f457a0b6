package org.ratepayer.payments.settlement;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.settlement.*}.
 *
 * @param time the wall-clock time, in each biller's own zone, from which the day's settlement is read from the
 *             processor (docs/settlement.md): early enough for staff to see it in the morning, late enough for the
 *             processor to have funded the day before
 */
@ConfigurationProperties("ratepayer.settlement")
public record SettlementProperties(@DefaultValue("06:00") LocalTime time) {
}
