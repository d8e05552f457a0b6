package org.ratepayer.payments;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.internal.AchReturnRepository;
import org.ratepayer.payments.internal.PaymentRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The biller's returned bank payments, for staff to reverse in the CIS by hand: Daffron takes no ACH rejects over the
 * data pump (seed 001, "ACH Reject: Not Supported"), so the platform lists them until someone says it is done
 * (docs/ach.md, "Returns for staff").
 */
@Service
public class AchReturns {

    /** What marking a return reversed did. */
    public enum Marked {
        /** Marked now, by this call. */
        MARKED,
        /** Marked before (by whoever {@link AchReturn#reversedBy} names): nothing changed. */
        ALREADY,
        /** The biller has no returned payment of that GUID. */
        NOT_FOUND
    }

    /** The outcome and the return as it stands after it (null for {@link Marked#NOT_FOUND}). */
    public record Marking(Marked marked, AchReturn ret) {
    }

    private final AchReturnRepository returns;
    private final PaymentRepository payments;
    private final Clock clock;

    public AchReturns(AchReturnRepository returns, PaymentRepository payments, Clock clock) {
        this.returns = returns;
        this.payments = payments;
        this.clock = clock;
    }

    /** @param reversed false: the open returns staff still have to reverse; true: those done */
    public List<AchReturn> list(long bid, boolean reversed) {
        return returns.list(bid, reversed);
    }

    public Optional<AchReturn> find(long bid, UUID guid) {
        return returns.find(bid, guid);
    }

    /**
     * Records that {@code by} reversed the payment in the CIS; once: a second mark (a form sent twice, two staff at once)
     * changes nothing and says who marked it first. The payment's history notes it too.
     */
    @Transactional
    public Marking markReversed(long bid, UUID guid, String by) {
        Optional<AchReturn> before = returns.find(bid, guid);
        if (before.isEmpty()) {
            return new Marking(Marked.NOT_FOUND, null);
        }
        if (!returns.markReversed(bid, guid, by, clock.instant())) {
            return new Marking(Marked.ALREADY, returns.find(bid, guid).orElseThrow());
        }
        payments.find(bid, guid).ifPresent(p -> payments.note(p.id(), p.status(), "marked reversed in the CIS by " + by));
        return new Marking(Marked.MARKED, returns.find(bid, guid).orElseThrow());
    }
}
