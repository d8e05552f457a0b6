package org.ratepayer.notifications.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.ratepayer.billers.BillerService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notices' jobs (docs/notices.md): bill ready every {@code ratepayer.notices.bill-ready-interval} (a minute; an
 * import also nudges it at once), and every {@code ratepayer.notices.interval} (an hour) a pass over each biller's own
 * today for reminders and expiring cards. db-scheduler runs each on one node at a time; the send ledger makes any other
 * pass (a rerun, a restart, another node) send nothing twice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ratepayer.notices.enabled", havingValue = "true", matchIfMissing = true)
public class NoticeSchedule {

    @Bean
    RecurringTask<Void> billReadyTask(Notices notices, BillerService billers,
            @Value("${ratepayer.notices.bill-ready-interval:1m}") Duration interval) {
        return Tasks.recurring("bill-ready-notices", FixedDelay.of(interval))
                .execute((instance, context) -> billers.forEach("bill-ready emails", notices::billReady));
    }

    @Bean
    RecurringTask<Void> noticeTask(Notices notices, BillerService billers, @Value("${ratepayer.notices.interval:1h}") Duration interval) {
        return Tasks.recurring("notices", FixedDelay.of(interval)).execute((instance, context) -> billers.forEach("notices", bid -> {
            notices.reminders(bid);
            notices.cardsExpiring(bid);
        }));
    }
}
