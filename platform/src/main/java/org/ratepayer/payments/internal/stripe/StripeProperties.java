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
 */
@ConfigurationProperties("ratepayer.stripe")
public record StripeProperties(
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("0") int maxNetworkRetries) {
}
