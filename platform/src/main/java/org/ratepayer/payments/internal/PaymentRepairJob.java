package org.ratepayer.payments.internal;

import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.PaymentGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles attempts left INITIATED or UNKNOWN (a processor timeout, a crash between the charge and
 * its record) by asking the processor what became of them. It never guesses: an attempt the
 * processor has no record of is an error only once it is old enough that no answer can still come.
 * Each settled payment also answers its idempotency key, so a client told to retry with that key gets
 * the outcome instead of "being processed" (docs/payments.md).
 */
@Component
public class PaymentRepairJob {

    private static final Logger log = LoggerFactory.getLogger(PaymentRepairJob.class);
    static final Duration SETTLE_AFTER = Duration.ofSeconds(30);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);

    private final PaymentRepository payments;
    private final PaymentService service;
    private final Clock clock;

    public PaymentRepairJob(PaymentRepository payments, PaymentService service, Clock clock) {
        this.payments = payments;
        this.service = service;
        this.clock = clock;
    }

    /** @return how many attempts got their outcome */
    public int repair() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int repaired = 0;
        for (Payment p : payments.unresolved(now.minus(SETTLE_AFTER))) {
            // Each attempt on its own: one that cannot be settled (a bad row, a listener that throws) is
            // logged and tried again later, behind the others, and never stops the run.
            try {
                if (repair(p, now)) {
                    repaired++;
                }
            } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException e) {
                // the processor is down, or has not decided yet (a charge held for review): an expected wait, not a fault
                log.info("payment {}: the processor gives no outcome yet ({}); asked again later", p.guid(), e.getMessage());
                postpone(p);
            } catch (RuntimeException e) {
                log.error("payment {}: could not be settled now; tried again later", p.guid(), e);
                postpone(p);
            }
        }
        return repaired;
    }

    private void postpone(Payment p) {
        try {
            payments.postpone(p.id());
        } catch (RuntimeException again) {
            log.error("payment {}: could not be postponed either", p.guid(), again);
        }
    }

    private boolean repair(Payment p, OffsetDateTime now) {
        if (service.settleFromProcessor(p).isPresent()) {
            log.info("payment {}: outcome settled with the processor by the repair job", p.guid());
            return true;
        }
        if (p.createdAt().isBefore(now.minus(GIVE_UP_AFTER))
                && service.settleAs(p, PaymentStatus.ERROR, null, null, "the processor has no record of this attempt; no money was taken")) {
            log.info("payment {}: closed as an error by the repair job; the processor never saw it", p.guid());
            return true;
        }
        return false;
    }
}
