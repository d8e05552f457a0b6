package org.ratepayer.payments.internal.authorizenet;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The eCheck poll's schedule (docs/ach.md, "Authorize.Net"): db-scheduler runs it on one node at a time however many share
 * the database, every {@code ratepayer.authorizenet.echeck-poll-interval} (4 hours by default: Authorize.Net settles
 * eChecks in a daily batch and banks return them over days, so asking more often finds nothing more), each biller on its
 * own so that one whose credentials fail never holds up the others.
 */
@Configuration(proxyBeanMethods = false)
public class ECheckPollConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ECheckPollConfiguration.class);

    @Bean
    RecurringTask<Void> authorizeNetECheckPoll(ECheckPoll poll,
            @Value("${ratepayer.authorizenet.echeck-poll-interval:4h}") Duration interval) {
        return Tasks.recurring("authorizenet-echeck-poll", FixedDelay.of(interval)).execute((instance, context) -> {
            for (long bid : poll.billers()) {
                try {
                    poll.poll(bid);
                } catch (RuntimeException e) {
                    log.error("the eCheck poll for biller {} failed; tried again at the next run", bid, e);
                }
            }
        });
    }
}
