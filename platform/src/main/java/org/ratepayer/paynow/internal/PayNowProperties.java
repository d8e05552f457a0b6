package org.ratepayer.paynow.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.pay-now.*}.
 *
 * @param linkTtl      how long a CloudPaymentURL may wait to be opened, and how long the page then stays usable
 * @param loopbackHttp also allow plain http partner URLs on this machine (localhost, 127.0.0.1); the demo turns it
 *                     on so a partner portal next to it can try the flow. Never on a production installation.
 * @param keepUnpaid   a session in which nothing was paid is deleted this long after it expired (sessions with
 *                     payments stay: they are the payments' record of what the partner asked)
 */
@ConfigurationProperties("ratepayer.pay-now")
public record PayNowProperties(@DefaultValue("30m") Duration linkTtl, @DefaultValue("false") boolean loopbackHttp,
        @DefaultValue("7d") Duration keepUnpaid) {
}
