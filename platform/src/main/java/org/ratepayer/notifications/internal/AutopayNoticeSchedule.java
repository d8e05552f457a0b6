package org.ratepayer.notifications.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.ratepayer.billers.BillerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcoming-charge emails' job (docs/autopay.md, "Emails"): every {@code ratepayer.autopay.notice-interval} (an
 * hour unless set) it looks at each biller's own today, so each biller's notices go out early in its day whatever its
 * time zone; the send ledger makes every later pass of that day (or another node's) send nothing again. db-scheduler
 * runs it on one node at a time, as the autopay runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ratepayer.autopay.enabled", havingValue = "true", matchIfMissing = true)
public class AutopayNoticeSchedule {

    private static final Logger log = LoggerFactory.getLogger(AutopayNoticeSchedule.class);

    @Bean
    RecurringTask<Void> autopayNoticeTask(AutopayEmails emails, BillerService billers,
            @Value("${ratepayer.autopay.notice-interval:1h}") Duration interval) {
        return Tasks.recurring("autopay-notices", FixedDelay.of(interval)).execute((instance, context) ->
                billers.forEach("upcoming autopay emails", bid -> {
                    int n = emails.sendUpcoming(bid);
                    if (n > 0) {
                        log.info("biller {}: {} upcoming autopay email(s) queued", bid, n);
                    }
                }));
    }
}
