package org.ratepayer.shared.throttle;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottleProperties.class)
class ThrottleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ThrottleConfiguration.class);

    /**
     * The throttle's time: wall-clock milliseconds, which Bucket4j requires when nodes share buckets (their
     * monotonic clocks do not agree). Tests put a clock they move themselves in its place.
     */
    @Bean
    TimeMeter throttleTime() {
        return TimeMeter.SYSTEM_MILLISECONDS;
    }

    @Bean
    Throttle throttle(DataSource db, ThrottleProperties props, TimeMeter throttleTime, ObjectProvider<MeterRegistry> meters) {
        return new Throttle(db, props, throttleTime, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Every ten minutes, on one node at a time: a bucket that has filled up again is worth nothing kept. */
    @Bean
    RecurringTask<Void> throttlePurge(Throttle throttle) {
        return Tasks.recurring("throttle-purge", FixedDelay.of(Duration.ofMinutes(10))).execute((instance, context) -> {
            int n = throttle.purgeExpired();
            if (n > 0) {
                log.debug("purged {} idle throttle buckets", n);
            }
        });
    }
}
