package org.ratepayer.autopay.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.billers.BillerService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts each biller's run for its own calendar date, every {@code ratepayer.autopay.interval} (30 minutes unless
 * set): the first run of a biller's day charges what is due, the later ones retry bills whose CIS was unreachable,
 * and the first of the next day ends the day before. db-scheduler runs it on one node at a time; were two to run it
 * at once, the attempt rows would still charge each bill once (docs/autopay.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ratepayer.autopay.enabled", havingValue = "true", matchIfMissing = true)
public class AutopaySchedule {

    @Bean
    RecurringTask<Void> autopayRunSchedule(AutopayRuns runs, BillerService billers,
            @Value("${ratepayer.autopay.interval:30m}") Duration interval) {
        return Tasks.recurring("autopay-runs", FixedDelay.of(interval)).execute((instance, context) ->
                billers.forEach("autopay run", bid -> runs.runOnSchedule(bid, runs.today(bid))));
    }
}
