package org.ratepayer.shared.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the application's rules read "now" from (payable and expired bills, card expiry,
 * scheduled-payment dates, balance freshness, batch days, outcome repair), so that tests can set the
 * date instead of depending on the day they run. The server's zone, as before.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
