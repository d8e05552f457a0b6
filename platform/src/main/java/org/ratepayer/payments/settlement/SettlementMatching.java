package org.ratepayer.payments.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.PaymentGateway.Settlement;

/**
 * The settlement rule, free of the database (docs/settlement.md): given the payments here that concern a day and what
 * the processor funded that day, which payments settle and what does not match.
 */
public final class SettlementMatching {

    private SettlementMatching() {
    }

    /**
     * A payment here that concerns the day: one the processor funded, or one approved during the settled business day.
     *
     * @param total    what was charged: amount plus fee
     * @param inWindow approved during the business day the processor settled
     */
    public record Ours(long paymentId, UUID guid, PaymentStatus status, BigDecimal total, boolean inWindow) {
    }

    /**
     * A payment to move to SETTLED, with what the processor funded for it. {@code from} is APPROVED, or PENDING for a bank
     * payment funded before its confirmation reached the platform: the funding is that confirmation (docs/ach.md).
     */
    public record ToSettle(long paymentId, UUID guid, PaymentStatus from, BigDecimal funded, String reference) {
    }

    /**
     * @param toSettle       the APPROVED (or still PENDING) payments the processor funded
     * @param alreadySettled the payments funded that were settled (or since refunded) before: counted, not moved
     */
    public record Plan(List<ToSettle> toSettle, List<ToSettle> alreadySettled, List<Mismatch> mismatches) {
        public Plan {
            toSettle = List.copyOf(toSettle);
            alreadySettled = List.copyOf(alreadySettled);
            mismatches = List.copyOf(mismatches);
        }
    }

    public static Plan match(List<Ours> ours, List<Settlement> theirs) {
        Map<UUID, Ours> byGuid = new LinkedHashMap<>();
        for (Ours o : ours) {
            byGuid.put(o.guid(), o);
        }
        List<ToSettle> toSettle = new ArrayList<>();
        List<ToSettle> alreadySettled = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        Set<UUID> funded = new HashSet<>();
        for (Settlement t : theirs) {
            if (!funded.add(t.paymentGuid())) {
                continue; // a processor listing one charge twice funded it once
            }
            Ours o = byGuid.get(t.paymentGuid());
            if (o == null || !fundable(o.status())) {
                mismatches.add(new Mismatch(MismatchKind.SETTLED_THERE_UNKNOWN_HERE, t.paymentGuid(), o == null ? null : o.total(),
                        t.amount(), t.reference()));
                continue;
            }
            ToSettle s = new ToSettle(o.paymentId(), o.guid(), o.status(), t.amount(), t.reference());
            (o.status() == PaymentStatus.APPROVED || o.status() == PaymentStatus.PENDING ? toSettle : alreadySettled).add(s);
            if (o.total().compareTo(t.amount()) != 0) {
                mismatches.add(new Mismatch(MismatchKind.AMOUNT_DIFFERS, o.guid(), o.total(), t.amount(), t.reference()));
            }
        }
        for (Ours o : ours) {
            if (o.inWindow() && o.status() == PaymentStatus.APPROVED && !funded.contains(o.guid())) {
                mismatches.add(new Mismatch(MismatchKind.APPROVED_HERE_UNKNOWN_THERE, o.guid(), o.total(), null, null));
            }
        }
        return new Plan(toSettle, alreadySettled, mismatches);
    }

    /**
     * Approved here, or settled before (a refund comes only after settlement; a bank payment's return may too,
     * docs/ach.md), or a bank payment whose confirmation has not reached the platform yet (a processor whose bank outcomes
     * are polled funds it first): the processor may have funded it.
     */
    private static boolean fundable(PaymentStatus status) {
        return status == PaymentStatus.APPROVED || status == PaymentStatus.SETTLED || status == PaymentStatus.REFUNDED
                || status == PaymentStatus.RETURNED || status == PaymentStatus.PENDING;
    }
}
