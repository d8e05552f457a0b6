package org.ratepayer.payments.batches;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily closures; db-scheduler runs them on one node at a time however many share the database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchProperties.class)
public class BatchesConfiguration {

    /** A failed run would otherwise wait for the next day's; the retry closes only the billers still open. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    /**
     * Billers close at the same wall-clock time in different zones, some of them half or quarter hours
     * apart, so the closure looks every quarter of an hour for days that have ended. Each batch is
     * cut at its biller's close time, whenever the run comes (docs/time-zones.md).
     */
    static final String EVERY_QUARTER_HOUR = "0 */15 * * * *";

    @Bean
    RecurringTask<Void> batchClosure(BatchClosing closing) {
        return Tasks.recurring("batch-closure", Schedules.cron(EVERY_QUARTER_HOUR, ZoneOffset.UTC))
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> closing.closeAllDue());
    }
}
