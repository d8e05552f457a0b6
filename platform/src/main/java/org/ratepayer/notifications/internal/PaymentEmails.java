package org.ratepayer.notifications.internal;

import java.util.List;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStateListener;
import org.ratepayer.payments.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A receipt for every approved payment a payer made (at a page, a phone, a counter). A decline is not
 * emailed: the payer saw it on the spot, and emailing declines would also tell the account holder about
 * every card an attacker tries. Payments nobody was there to see (autopay, scheduled) are told by
 * {@link AutopayEmails} instead, receipts and failures alike. The receipt's history row (and the account's email changes
 * of options 131/112) is written in the transaction that records the approval, so a node that dies right after it
 * loses no receipt: the row waits QUEUED for the sweep (docs/notices.md, "Nobody dispatched it"); it is sent once that commits.
 */
@Component
public class PaymentEmails implements PaymentStateListener {

    private static final Logger log = LoggerFactory.getLogger(PaymentEmails.class);

    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final AccountEmailStore accountEmails;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;
    private final TransactionTemplate tx;

    public PaymentEmails(BillerService billers, InvoiceQueries invoices, AccountEmailStore accountEmails, EmailHistory history,
            EmailDispatcher dispatcher, PlatformTransactionManager txManager) {
        this.billers = billers;
        this.invoices = invoices;
        this.accountEmails = accountEmails;
        this.history = history;
        this.dispatcher = dispatcher;
        // a savepoint inside the payment's own transaction: a receipt that cannot be written never undoes the approval
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void moved(Payment payment, PaymentStatus from) {
        if (payment.status() == PaymentStatus.RETURNED) {
            // every channel's payer is told, autopay's too: nothing else tells a return, and the bill is unpaid again
            try {
                send(payment, EmailKind.ACH_RETURNED, false);
            } catch (RuntimeException e) {
                log.error("payment {}: its return email could not be written; the return stands", payment.guid(), e);
            }
            return;
        }
        if (unattended(payment.channel())) {
            // Autopay and scheduled payments are told by AutopayEmails, once per attempt's outcome, to the account's users
            // and the payer who enrolled, with what autopay knows (the next attempt, the reason): not twice.
            return;
        }
        // a pending bank payment has its receipt now; its confirmation sends no second one (docs/ach.md)
        if (payment.status() == PaymentStatus.PENDING
                || payment.status() == PaymentStatus.APPROVED && from != PaymentStatus.PENDING) {
            try {
                send(payment, EmailKind.RECEIPT, true);
            } catch (RuntimeException e) {
                log.error("payment {}: its receipt could not be written; the payment stands", payment.guid(), e);
            }
        }
    }

    private void send(Payment p, EmailKind kind, boolean updateAccount) {
        Biller biller = billers.require(p.bid());
        EmailPolicy policy = EmailPolicy.of(billers.cachedConfig(p.bid()));
        String customerName = invoices.account(p.bid(), p.accountNumber()).map(InvoiceQueries.Account::customerName).orElse(null);
        // The payer reads the date on the biller's clock, the one their bills are dated by.
        PaymentEmailText words = new PaymentEmailText(biller.timeZone());
        PaymentEmailText.Brand brand = PaymentEmailText.Brand.of(biller.name(), billers.cachedConfig(p.bid()));
        PaymentEmailText.Composed text = kind == EmailKind.RECEIPT ? words.receipt(brand, customerName, p)
                : kind == EmailKind.ACH_RETURNED ? words.returned(brand, customerName, p)
                : words.failure(brand, customerName, p);
        Optional<Queued> queued = tx.execute(s -> {
            AccountEmails before = accountEmails.current(p.bid(), p.accountNumber()).orElse(new AccountEmails(null, null));
            // No payer can register an account yet (docs/architecture.md comes later), so every account counts as unregistered.
            AccountEmails after = updateAccount ? EmailRules.afterPayment(policy, false, p.payerEmail(), before) : before;
            List<String> to = EmailRules.recipients(policy, kind == EmailKind.ACH_RETURNED || !unattended(p.channel()), p.payerEmail(),
                    after);
            if (to.isEmpty()) {
                return Optional.<Queued>empty();
            }
            OutgoingEmail email = new OutgoingEmail(p.bid(), p.accountNumber(), kind, to, text.subject(), text.text(), text.html(),
                    p.guid(), biller.name());
            Optional<Queued> q = history.queue(email).map(id -> new Queued(id, email));
            // Only the first announcement of an outcome may change the account; a repeat finds its email already queued.
            if (q.isPresent() && accountEmails.apply(p.bid(), p.accountNumber(), before, after)) {
                log.info("payment {}: account {} of biller {} took the payer's email (option 131 {})", p.guid(), p.accountNumber(),
                        p.bid(), policy.afterPayment());
            }
            return q;
        });
        if (queued.isPresent()) {
            dispatcher.dispatchAfterCommit(queued.get().id(), queued.get().email());
        } else {
            log.debug("payment {}: no {} email (no address to send to, or already sent)", p.guid(), kind);
        }
    }

    private record Queued(long id, OutgoingEmail email) {
    }

    /** Nobody was there to see the outcome: the payment ran from a saved method on a date. */
    private static boolean unattended(Channel channel) {
        return channel == Channel.AUTOPAY || channel == Channel.SCHEDULED;
    }
}
