package org.ratepayer.paynow.internal;

import java.util.EnumSet;
import java.util.Set;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStateListener;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.postings.Outbox;
import org.ratepayer.postings.PostingKind;
import org.springframework.stereotype.Component;

/**
 * Queues the partner's postback when a Pay Now payment has its outcome - approved, declined or failed
 * (docs/paynow.md: declined attempts post too) - inside the transaction that stores the outcome, so the
 * postback exists if and only if the outcome does. A payment whose outcome was unknown posts when the
 * repair job settles it. A bank payment told as paid while pending and later returned by the bank posts
 * again, {@code Approved=False} with the return code as its message (docs/ach.md). Payments of other
 * channels, and sessions without a PostBackURL, post nothing.
 */
@Component
class PostbackListener implements PaymentStateListener {

    private static final Set<PaymentStatus> OUTCOMES = EnumSet.of(PaymentStatus.APPROVED, PaymentStatus.DECLINED,
            PaymentStatus.ERROR, PaymentStatus.PENDING, PaymentStatus.RETURNED);

    private final PayNowSessions sessions;
    private final Outbox outbox;

    PostbackListener(PayNowSessions sessions, Outbox outbox) {
        this.sessions = sessions;
        this.outbox = outbox;
    }

    /**
     * Postbacks about one invoice arrive in the order of their payments: a partner told "declined" after
     * "approved" (a retried decline overtaking the approval) would think the invoice unpaid. The prefix
     * keeps them apart from the CIS postings, which are ordered by account.
     */
    static String orderKey(Payment payment) {
        return "postback:" + payment.accountNumber() + "/" + payment.invoiceNumber();
    }

    @Override
    public void moved(Payment payment, PaymentStatus from) {
        // a pending bank payment was told as paid already: its confirmation tells nothing new (docs/ach.md)
        if (payment.channel() != Channel.CPV2 || !OUTCOMES.contains(payment.status())
                || payment.status() == PaymentStatus.APPROVED && from == PaymentStatus.PENDING) {
            return;
        }
        sessions.forPayment(payment.id())
                .filter(c -> c.terms().request().postBackUrl() != null)
                .ifPresent(c -> outbox.enqueue(payment.bid(), PostingKind.POSTBACK, orderKey(payment),
                        Postback.of(payment, c.terms().request(), c.billerGuid(), c.remoteIp())));
    }
}
