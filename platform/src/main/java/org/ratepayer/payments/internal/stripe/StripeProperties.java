package org.ratepayer.payments.internal.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.stripe.*}: where the Stripe adapter sends its calls and how long it waits (docs/processors.md).
 *
 * @param apiBase            Stripe's API, changed only for tests (a WireMock server) or an egress proxy
 * @param connectTimeout     how long to wait for a connection; none made means nothing was sent
 * @param readTimeout        how long to wait for an answer once the request left; past it the outcome is unknown and the
 *                           repair job asks Stripe later (a payer waits this long at most)
 * @param maxNetworkRetries  the SDK's own retries of a failed connection, with the same idempotency key (0: the repair
 *                           job settles it instead, and a payer never waits through several timeouts)
 * @param jsUrl              Stripe.js for the payer's browser, changed only for browser tests (a stand-in served by WireMock);
 *                           the pages' script and frame sources follow its origin
 */
@ConfigurationProperties("ratepayer.stripe")
public record StripeProperties(
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("0") int maxNetworkRetries,
        @DefaultValue("https://js.stripe.com/v3/") String jsUrl) {

    /** Stripe.js's origin: the pages' script and frame source for Stripe's fields. */
    public String jsOrigin() {
        java.net.URI uri = java.net.URI.create(jsUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
