package org.ratepayer.notifications.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.ratepayer.billers.BillerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery of every email after its first try (docs/notices.md, "Delivery"): every
 * {@code ratepayer.mail.retry-interval} (a minute unless set) it gives up on sends whose process died mid-send (outcome
 * unknown: never resent), then sends the FAILED emails whose next attempt is due and the QUEUED ones no process took.
 * Each is claimed before SMTP, so a dispatcher still holding one, or another node's sweep, never sends it too.
 */
@Configuration(proxyBeanMethods = false)
public class EmailRetrySweep {

    private static final Logger log = LoggerFactory.getLogger(EmailRetrySweep.class);
    private static final int BATCH = 200;

    private final EmailHistory history;
    private final MailDelivery delivery;
    private final BillerService billers;
    private final Clock clock;

    public EmailRetrySweep(EmailHistory history, MailDelivery delivery, BillerService billers, Clock clock) {
        this.history = history;
        this.delivery = delivery;
        this.billers = billers;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> emailRetryTask(@Value("${ratepayer.mail.retry-interval:1m}") Duration interval) {
        return Tasks.recurring("email-retry", FixedDelay.of(interval)).execute((instance, context) -> sweep());
    }

    /** What one pass did. */
    public record Swept(int abandoned, int tried) {
    }

    public Swept sweep() {
        Instant now = clock.instant();
        int abandoned = history.abandonStaleSends(now.minus(RetryPolicy.STALE_SEND_AFTER));
        if (abandoned > 0) {
            log.warn("{} email(s) found SENDING by a process that stopped mid-send: FAILED, outcome unknown, not resent", abandoned);
        }
        int tried = 0;
        for (EmailHistory.Stored s : history.due(now, now.minus(RetryPolicy.UNDISPATCHED_AFTER), BATCH)) {
            OutgoingEmail stored = s.email();
            if (!RetryPolicy.resendable(stored.kind())) {
                history.failed(s.id(), "not sent: the process that wrote it stopped first, and the history copy has no link to send;"
                        + " ask for a new link", null);
                continue;
            }
            String sender = billers.find(stored.bid()).map(b -> b.name()).orElse(null);
            delivery.deliver(s.id(), new OutgoingEmail(stored.bid(), stored.accountNumber(), stored.kind(), stored.recipients(),
                    stored.subject(), stored.text(), stored.html(), stored.paymentGuid(), sender));
            tried++;
        }
        return new Swept(abandoned, tried);
    }
}
