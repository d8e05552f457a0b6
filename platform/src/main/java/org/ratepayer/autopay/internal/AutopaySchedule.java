package org.ratepayer.autopay.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(AutopaySchedule.class);

    @Bean
    RecurringTask<Void> autopayRunSchedule(AutopayRuns runs, BillerService billers,
            @Value("${ratepayer.autopay.interval:30m}") Duration interval) {
        return Tasks.recurring("autopay-runs", FixedDelay.of(interval)).execute((instance, context) -> {
            for (Biller b : billers.all()) {
                try {
                    runs.runOnSchedule(b.bid(), runs.today(b.bid()));
                } catch (RuntimeException e) {
                    log.error("autopay run for biller {} failed; tried again at the next interval", b.bid(), e);
                }
            }
        });
    }
}
