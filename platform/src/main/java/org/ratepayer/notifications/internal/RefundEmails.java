package org.ratepayer.notifications.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.Refund;
import org.ratepayer.payments.RefundListener;
import org.springframework.stereotype.Component;

/**
 * Tells the payer of an approved refund or void (docs/refunds.md, "Email"): to the address the payment was made
 * with, or the account's own when the payment had none. The email row is written in the refund's transaction, once
 * per refund (its event key), and sent after that commits; a rolled-back refund sends nothing.
 */
@Component
class RefundEmails implements RefundListener {

    private final BillerService billers;
    private final AccountEmailStore accountEmails;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;

    RefundEmails(BillerService billers, AccountEmailStore accountEmails, EmailHistory history, EmailDispatcher dispatcher) {
        this.billers = billers;
        this.accountEmails = accountEmails;
        this.history = history;
        this.dispatcher = dispatcher;
    }

    @Override
    public void refunded(Payment payment, Refund refund) {
        String to = payment.payerEmail() != null ? payment.payerEmail()
                : accountEmails.current(payment.bid(), payment.accountNumber()).map(AccountEmails::email).orElse(null);
        if (to == null || to.isBlank()) {
            return;
        }
        Biller biller = billers.require(payment.bid());
        PaymentEmailText.Composed text = text(PaymentEmailText.Brand.of(biller.name(), billers.cachedConfig(payment.bid())), payment,
                refund);
        // no payment GUID on the row: a payment may have several refunds, and (payment, kind) is unique in the history
        OutgoingEmail email = new OutgoingEmail(payment.bid(), payment.accountNumber(), EmailKind.REFUND, List.of(to), text.subject(),
                text.text(), text.html(), null, biller.name());
        history.queueOnce(email, EmailKind.REFUND.name() + ":" + refund.refundId())
                .ifPresent(id -> dispatcher.dispatchAfterCommit(id, email));
    }

    static PaymentEmailText.Composed text(PaymentEmailText.Brand brand, Payment p, Refund r) {
        // a cancelled payment was never collected: calling it a refund would send the payer looking for money coming back
        boolean cancelled = r.kind() == Refund.Kind.VOID;
        String amount = PaymentEmailText.money(r.amount());
        List<PaymentEmailText.Row> rows = new ArrayList<>();
        rows.add(new PaymentEmailText.Row("Biller", brand.billerName()));
        rows.add(new PaymentEmailText.Row("Account", p.accountNumber()));
        rows.add(new PaymentEmailText.Row(cancelled ? "Cancelled" : "Refunded", amount));
        rows.add(new PaymentEmailText.Row("Of the payment of", PaymentEmailText.money(p.amount().add(p.fee()))));
        rows.add(new PaymentEmailText.Row("Payment ID", p.guid().toString().toUpperCase(Locale.ROOT)));
        rows.add(new PaymentEmailText.Row("Refund ID", r.refundId().toString().toUpperCase(Locale.ROOT)));
        String intro = cancelled
                ? "Your payment to " + brand.billerName() + " was cancelled before it was collected: the charge will not be taken."
                : brand.billerName() + " refunded " + amount + " of your payment.";
        String subject = cancelled ? "Payment of " + amount + " cancelled for account " + p.accountNumber()
                : "Refund of " + amount + " for account " + p.accountNumber();
        return PaymentEmailText.compose(subject, intro, rows,
                "It may take a few business days to show on your statement. If it changes what you owe, "
                        + brand.billerName() + " corrects your account and your next bill shows it.", null, brand);
    }
}
