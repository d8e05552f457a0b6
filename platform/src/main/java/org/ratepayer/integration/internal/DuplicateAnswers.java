package org.ratepayer.integration.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ratepayer.cis.DuplicateKey;
import org.ratepayer.postings.Delivery;

/**
 * Decision (docs/postings.md, "What a duplicate answer means"): a CIS answers a payment as a duplicate
 * when it has already seen the payment's {@link DuplicateKey}. When no other payment of the biller
 * carries that key, only an earlier attempt of this very posting can have sent it (its answer was lost):
 * delivered. When another payment carries it, the CIS may have refused this payment as a repeat of that
 * one; it would refuse every retry alike, so the posting is parked at once, naming the other payment and
 * the setting that gives each payment a key of its own. Pure: the caller finds the other payments.
 */
public final class DuplicateAnswers {

    /** How many other payments a reason names; the rest are counted. */
    static final int NAMED = 3;

    private DuplicateAnswers() {
    }

    /** Another payment of the biller that carries the same key. */
    public record OtherPayment(UUID paymentGuid, String accountNumber, BigDecimal amount, OffsetDateTime createdAt) {
        public OtherPayment {
            Objects.requireNonNull(paymentGuid, "paymentGuid");
        }
    }

    /**
     * @param answer what the CIS said, as the posting records it
     * @param others the biller's other payments that carry the key, oldest first (at least the first
     *               {@value #NAMED})
     * @param total  how many other payments carry it
     */
    public static Delivery judge(DuplicateKey key, String answer, List<OtherPayment> others, long total) {
        if (total < others.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + others.size() + " payments given");
        }
        if (total == 0) {
            return Delivery.ok(answer);
        }
        String named = others.stream().limit(NAMED).map(DuplicateAnswers::describe).collect(Collectors.joining(", "));
        long shown = Math.min(NAMED, others.size());
        String more = total > shown ? " and " + (total - shown) + " more" : "";
        return Delivery.park("not posted: the CIS took this payment for a duplicate of '" + key.value() + "', which "
                + (total == 1 ? "payment " : "payments ") + named + more + " also "
                + (total == 1 ? "carries" : "carry")
                + ". Set " + key.uniqueSetting() + " so that every payment has its own, then retry this posting"
                + " (skip it only if the CIS shows this payment). The CIS said: " + answer);
    }

    private static String describe(OtherPayment p) {
        StringBuilder s = new StringBuilder(p.paymentGuid().toString());
        StringBuilder about = new StringBuilder();
        if (p.accountNumber() != null) {
            about.append("account ").append(p.accountNumber());
        }
        if (p.amount() != null) {
            about.append(about.isEmpty() ? "" : ", ").append(p.amount().toPlainString());
        }
        if (p.createdAt() != null) {
            about.append(about.isEmpty() ? "" : ", ").append(p.createdAt());
        }
        return about.isEmpty() ? s.toString() : s.append(" (").append(about).append(')').toString();
    }
}
