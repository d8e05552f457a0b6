package org.ratepayer.payments.internal.authorizenet;

import java.util.Optional;
import java.util.Set;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.internal.webhooks.AchReturnCodes;
import org.ratepayer.payments.internal.webhooks.WebhookEvent;

/**
 * What an Authorize.Net eCheck's {@code transactionStatus} tells the platform, as one of the events the webhooks take
 * (docs/ach.md, "Authorize.Net"): a pure table, free of Spring and the database, tested as one ({@code ECheckStatusesTest}).
 * <p>
 * Only four kinds of status say something final. {@code settledSuccessfully}: the debit was settled, the payment is
 * confirmed. {@code returnedItem}: the member's bank sent it back, with the NACHA code of its {@code returnedItems}; before
 * or after the confirmation, since a return can come up to 60 days later. A decline, a void, a settlement error or a
 * general error before settlement: the debit never reached the member's bank, so it failed, under {@code R06}
 * ("returned at the originating bank's request": the originating side, Authorize.Net or the biller, stopped it), the
 * closest NACHA code, with Authorize.Net's status in the words. Every other status (waiting for the batch, under review,
 * a refund's own statuses) says nothing yet.
 */
final class ECheckStatuses {

    /** Statuses of an eCheck that failed before it reached the member's bank. */
    static final Set<String> FAILED_BEFORE_SETTLEMENT = Set.of("declined", "voided", "settlementError", "generalError",
            "communicationError", "failedReview", "expired");

    /** What the status says: the event's kind and, for a failure or a return, its code and words. */
    record Observed(WebhookEvent.Kind kind, AchReturnCodes.Reason reason) {
    }

    private ECheckStatuses() {
    }

    /**
     * @param status  the eCheck's {@code transactionStatus}
     * @param code    the first returned item's code, for {@code returnedItem}
     * @param words   that item's description
     * @param reason  the transaction's {@code responseReasonDescription}
     * @param current the payment's status now: a return before the confirmation is a failure of the pending payment, one
     *                after it a return of the confirmed one (the two moves {@link WebhookEvent#next} knows)
     */
    static Optional<Observed> observe(String status, String code, String words, String reason, PaymentStatus current) {
        if ("settledSuccessfully".equals(status)) {
            return Optional.of(new Observed(WebhookEvent.Kind.CONFIRMED, null));
        }
        if ("returnedItem".equals(status)) {
            AchReturnCodes.Reason r = AchReturnCodes.of(code, null, words);
            return Optional.of(new Observed(current == PaymentStatus.PENDING ? WebhookEvent.Kind.FAILED : WebhookEvent.Kind.DISPUTED, r));
        }
        if (FAILED_BEFORE_SETTLEMENT.contains(status)) {
            String why = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
            return Optional.of(new Observed(WebhookEvent.Kind.FAILED,
                    new AchReturnCodes.Reason("R06", "Not sent to the bank: Authorize.Net says " + status + why)));
        }
        return Optional.empty();
    }
}
