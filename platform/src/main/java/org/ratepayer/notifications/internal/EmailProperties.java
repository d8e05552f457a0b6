package org.ratepayer.notifications.internal;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Ratepayer's emails look ({@code ratepayer.mail.*}, e.g. {@code RATEPAYER_MAIL_FROM}); where they go
 * is Spring's {@code spring.mail.*}.
 *
 * @param from the sender address; each email shows the biller's name beside it
 * @param zone the time zone of the demo mailbox's own listing; the server's when unset. Dates inside a
 *             payment email are in the biller's zone (docs/time-zones.md)
 */
@ConfigurationProperties("ratepayer.mail")
public record EmailProperties(@DefaultValue("no-reply@localhost") String from, ZoneId zone) {

    public ZoneId zoneOrDefault() {
        return zone != null ? zone : ZoneId.systemDefault();
    }
}
