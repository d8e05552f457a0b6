package org.ratepayer.paynow.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayNowProperties.class)
class PayNowConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PayNowConfiguration.class);
    private static final int PURGE_BATCH = 10_000;

    /** Hourly, on one node at a time: every partner request leaves a session, and unpaid ones serve nobody once expired. */
    @Bean
    RecurringTask<Void> payNowPurge(PayNowSessions sessions, PayNowProperties props, Clock clock) {
        return Tasks.recurring("paynow-purge", FixedDelay.of(Duration.ofHours(1))).execute((instance, context) -> {
            OffsetDateTime before = OffsetDateTime.now(clock).minus(props.keepUnpaid());
            int n;
            int total = 0;
            do {
                n = sessions.purgeUnpaid(before, PURGE_BATCH);
                total += n;
            } while (n == PURGE_BATCH);
            if (total > 0) {
                log.info("purged {} Pay Now sessions that expired unpaid before {}", total, before);
            }
        });
    }
}
