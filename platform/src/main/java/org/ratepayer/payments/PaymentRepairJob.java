package org.ratepayer.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.ratepayer.payments.gateway.PaymentGateway;
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
    private final PaymentTransitions transitions;
    private final PaymentGateway gateway;
    private final PaymentService service;
    private final Clock clock;

    public PaymentRepairJob(PaymentRepository payments, PaymentTransitions transitions, PaymentGateway gateway, PaymentService service,
            Clock clock) {
        this.payments = payments;
        this.transitions = transitions;
        this.gateway = gateway;
        this.service = service;
        this.clock = clock;
    }

    /** @return how many attempts got their outcome */
    public int repair() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int repaired = 0;
        for (Payment p : payments.unresolved(now.minus(SETTLE_AFTER))) {
            Optional<PaymentGateway.Result> known = gateway.lookup(p.guid());
            if (known.isPresent()) {
                PaymentGateway.Result r = known.get();
                PaymentStatus to = switch (r.outcome()) {
                    case APPROVED -> PaymentStatus.APPROVED;
                    case DECLINED -> PaymentStatus.DECLINED;
                    case ERROR -> PaymentStatus.ERROR;
                };
                Optional<Payment> moved = transitions.move(p.id(), p.status(), to, r.approvalCode(), r.reference(),
                        "repaired: " + r.message());
                if (moved.isPresent()) {
                    repaired++;
                    service.finishKey(moved.get());
                    service.notifyListeners(moved.get());
                    log.info("payment {}: outcome {} confirmed by the processor", p.guid(), to);
                }
            } else if (p.createdAt().isBefore(now.minus(GIVE_UP_AFTER))) {
                Optional<Payment> moved = transitions.move(p.id(), p.status(), PaymentStatus.ERROR, null, null,
                        "the processor has no record of this attempt; no money was taken");
                if (moved.isPresent()) {
                    repaired++;
                    service.finishKey(moved.get());
                }
            }
        }
        return repaired;
    }
}
