package org.ratepayer.payments.internal;

import io.micrometer.core.instrument.MeterRegistry;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStateListener;
import org.ratepayer.payments.PaymentStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Moves a payment between statuses, with its event and whatever the {@link PaymentStateListener}s store, in one transaction. */
@Component
public class PaymentTransitions {

    private final PaymentRepository payments;
    private final TransactionTemplate tx;
    private final List<PaymentStateListener> listeners;
    private final MeterRegistry meters;

    public PaymentTransitions(PaymentRepository payments, PlatformTransactionManager txManager, List<PaymentStateListener> listeners,
            MeterRegistry meters) {
        this.payments = payments;
        this.tx = new TransactionTemplate(txManager);
        this.listeners = List.copyOf(listeners);
        this.meters = meters;
    }

    /** @return the payment after the move, or empty when it was no longer in {@code from} (someone else moved it) */
    public Optional<Payment> move(long id, PaymentStatus from, PaymentStatus to, String approvalCode, String reference,
            String message) {
        return move(id, from, to, () -> payments.transition(id, from, to, approvalCode, reference, message));
    }

    /** As {@link #move}, for a move that keeps the charge's answer (a refund, a void); {@code detail} goes to the history. */
    public Optional<Payment> moveNoting(long id, PaymentStatus from, PaymentStatus to, String detail) {
        return move(id, from, to, () -> payments.transitionNoting(id, from, to, detail));
    }

    private Optional<Payment> move(long id, PaymentStatus from, PaymentStatus to, java.util.function.BooleanSupplier update) {
        Optional<Payment> result = tx.execute(s -> {
            if (!update.getAsBoolean()) {
                return Optional.<Payment>empty();
            }
            Payment moved = payments.byId(id).orElseThrow();
            for (PaymentStateListener l : listeners) {
                l.moved(moved, from);
            }
            return Optional.of(moved);
        });
        // counted once committed: the payments a monitor charts by outcome and channel (docs/operations.md, "Metrics")
        result.ifPresent(p -> meters.counter("ratepayer.payments", "status", to.name(), "channel", p.channel().name()).increment());
        return result;
    }
}
