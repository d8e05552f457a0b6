package org.ratepayer.balances;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The balance refresh counters as Prometheus scrapes them (docs/grafana/ratepayer.json charts them by outcome and kind):
 * a fallback, registered after the answered refreshes, must be counted too, which Prometheus allows only when every
 * counter of the name has the same tag keys.
 */
class BalanceRefreshMetersTest {

    @Test
    void fallbacksAreScrapedBesideTheAnsweredAndReusedRefreshes() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BalanceService.refreshCounter(meters, "reused", BalanceService.NO_FAILURE).increment();
        BalanceService.refreshCounter(meters, "cis", BalanceService.NO_FAILURE).increment();
        BalanceService.refreshCounter(meters, "fallback", "UNAVAILABLE").increment();
        BalanceService.refreshCounter(meters, "fallback", "TIMEOUT").increment();

        assertThat(meters.scrape()).contains(
                "ratepayer_balance_refresh_total{kind=\"none\",outcome=\"reused\"} 1.0",
                "ratepayer_balance_refresh_total{kind=\"none\",outcome=\"cis\"} 1.0",
                "ratepayer_balance_refresh_total{kind=\"UNAVAILABLE\",outcome=\"fallback\"} 1.0",
                "ratepayer_balance_refresh_total{kind=\"TIMEOUT\",outcome=\"fallback\"} 1.0");
    }
}
