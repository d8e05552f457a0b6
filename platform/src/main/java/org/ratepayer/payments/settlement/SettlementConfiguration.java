package org.ratepayer.payments.settlement;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily settlement; db-scheduler runs it on one node at a time however many share the database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SettlementProperties.class)
public class SettlementConfiguration {

    static final Duration RETRY_AFTER = Duration.ofMinutes(15);

    /**
     * Like the batch closure (docs/time-zones.md): billers reach the settlement time at different moments, so the
     * run looks every quarter of an hour for billers whose time has come and whose day is not settled yet.
     */
    static final String EVERY_QUARTER_HOUR = "0 */15 * * * *";

    @Bean
    RecurringTask<Void> settlement(Settlements settlements) {
        return Tasks.recurring("settlement", Schedules.cron(EVERY_QUARTER_HOUR, ZoneOffset.UTC))
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> settlements.settleAllDue());
    }
}
