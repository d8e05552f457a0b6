package org.ratepayer.notifications.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.autopay.AutopayEvent;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.autopay.UpcomingCharge;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.shared.config.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriUtils;

/**
 * The autopay and scheduled-payment emails (docs/autopay.md, "Emails"): the upcoming charge a few days before, and a
 * receipt, a decline or a "not charged" for each outcome the autopay module publishes. Each goes to the account's users
 * and the payer who enrolled, is written to the email history before SMTP is tried, and is sent at most once per event:
 * its history row carries the event's key, unique per biller, so a rerun, an event published again or two nodes at
 * once find the row there and send nothing.
 */
@Component
public class AutopayEmails {

    private static final Logger log = LoggerFactory.getLogger(AutopayEmails.class);

    private final BillerService billers;
    private final AutopayRuns runs;
    private final AutopayEnrolments enrolments;
    private final ScheduledPayments scheduledPayments;
    private final PaymentService payments;
    private final PayerDirectory directory;
    private final AccountEmailStore accountEmails;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final TransactionTemplate ownTx;

    public AutopayEmails(BillerService billers, AutopayRuns runs, AutopayEnrolments enrolments, ScheduledPayments scheduledPayments,
            PaymentService payments,
            PayerDirectory directory, AccountEmailStore accountEmails, EmailHistory history, EmailDispatcher dispatcher,
            PublicUrl publicUrl, Clock clock, PlatformTransactionManager txManager) {
        this.billers = billers;
        this.runs = runs;
        this.enrolments = enrolments;
        this.scheduledPayments = scheduledPayments;
        this.payments = payments;
        this.directory = directory;
        this.accountEmails = accountEmails;
        this.history = history;
        this.dispatcher = dispatcher;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.ownTx = new TransactionTemplate(txManager);
        // Heard before the publisher's transaction commits (the autopay engine moves an attempt and publishes its outcome
        // in one), so the ledger row commits with the outcome or not at all: a process killed between the two can no
        // longer leave a charge without its receipt. A savepoint keeps a failed row from undoing the outcome; without a
        // publisher's transaction (the upcoming-charge job) it is a transaction of its own.
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * An outcome of an autopay or scheduled-payment attempt. Never throws: an email that cannot be written or sent is
     * logged (or FAILED in the history), and the run goes on.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    public void outcome(AutopayEvent event) {
        try {
            tell(event);
        } catch (RuntimeException e) {
            log.error("autopay email for biller {} account {} invoice {} ({}) not sent", event.bid(), event.accountNumber(),
                    event.invoiceNumber(), event.getClass().getSimpleName(), e);
        }
    }

    private void tell(AutopayEvent event) {
        Biller biller = billers.require(event.bid());
        boolean scheduled = "SCHEDULED".equals(event.kind());
        AutopayEmailText.About about = new AutopayEmailText.About(biller.name(), event.accountNumber(), event.invoiceNumber(), scheduled,
                link(event.bid(), event.accountNumber()), PaymentEmailText.Brand.of(biller.name(), billers.cachedConfig(event.bid())));
        if (event instanceof AutopayEvent.Charged c) {
            Optional<Payment> p = payments.find(c.bid(), c.paymentGuid());
            Composed text = AutopayEmailText.receipt(about, c.runDate(), c.amount(), method(p), c.paymentGuid(),
                    p.map(Payment::approvalCode).orElse(null));
            EmailKind kind = scheduled ? EmailKind.SCHEDULED_RECEIPT : EmailKind.AUTOPAY_RECEIPT;
            send(biller, event, kind, text, c.paymentGuid(), kind.name() + ":" + c.paymentGuid());
        } else if (event instanceof AutopayEvent.Declined d) {
            Optional<Payment> p = d.paymentGuid() == null ? Optional.empty() : payments.find(d.bid(), d.paymentGuid());
            Composed text = AutopayEmailText.declined(about, d.runDate(), d.amount(), method(p), d.nextAttemptOn());
            EmailKind kind = scheduled ? EmailKind.SCHEDULED_DECLINED : EmailKind.AUTOPAY_DECLINED;
            String key = kind.name() + ":" + (d.paymentGuid() != null ? d.paymentGuid() : bill(d) + ":" + d.runDate());
            send(biller, event, kind, text, d.paymentGuid(), key);
        } else if (event instanceof AutopayEvent.NotCharged n) {
            BigDecimal maximum = null;
            String method = null;
            if (!scheduled) {
                AutopayEnrolments.Autopay a = enrolments.autopay(n.bid(), n.accountNumber());
                if (a.enrolled()) {
                    maximum = a.maximumAmount();
                    method = AutopayEmailText.method(a.method().type(), a.method().brand(), a.method().last4());
                }
            } else if (n.scheduledPayment() != null) {
                method = scheduledPayments.find(n.bid(), n.accountNumber(), n.scheduledPayment())
                        .map(p -> AutopayEmailText.method(p.method().type(), p.method().brand(), p.method().last4())).orElse(null);
            }
            Composed text = AutopayEmailText.notCharged(about, n.runDate(), n.reason(), maximum, method);
            EmailKind kind = scheduled ? EmailKind.SCHEDULED_NOT_CHARGED : EmailKind.AUTOPAY_NOT_CHARGED;
            send(biller, event, kind, text, null, kind.name() + ":" + bill(n) + ":" + n.runDate() + ":" + n.reason());
        }
    }

    /**
     * The upcoming-charge emails of one biller (its notice job's work, docs/autopay.md): each enrolled account whose newest
     * unpaid bill is collected within setting 1010's days after the biller's today, once per (account, bill, collection
     * date). A bill that came in later than that, or a day the job did not run, still gets its notice before the charge.
     *
     * @return how many emails were queued now
     */
    public int sendUpcoming(long bid) {
        BillerConfig config = billers.cachedConfig(bid);
        int days = noticeDays(config);
        if (days == 0) {
            return 0;
        }
        Biller biller = billers.require(bid);
        LocalDate today = config.today(clock);
        int queued = 0;
        for (UpcomingCharge u : runs.upcoming(bid, today, today.plusDays(days))) {
            try {
                AutopayEmailText.About about = new AutopayEmailText.About(biller.name(), u.accountNumber(), u.invoiceNumber(), false,
                        link(bid, u.accountNumber()), PaymentEmailText.Brand.of(biller.name(), config));
                Composed text = AutopayEmailText.upcoming(about, u.collectOn(), u.amount(),
                        AutopayEmailText.method(u.method(), u.brand(), u.last4()), u.maximumAmount());
                String key = EmailKind.AUTOPAY_UPCOMING.name() + ":" + u.accountNumber() + ":" + u.invoiceNumber() + ":" + u.collectOn();
                if (send(biller, bid, u.accountNumber(), enrolments.enrolledBy(bid, u.accountNumber()), EmailKind.AUTOPAY_UPCOMING, text, null,
                        key)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                log.error("upcoming autopay email for biller {} account {} not sent; tried again by the next pass", bid, u.accountNumber(), e);
            }
        }
        return queued;
    }

    /** Setting 1010; the default when unset or unusable (the catalogue refuses anything but 0 to 30). */
    static int noticeDays(BillerConfig config) {
        try {
            return config.setting(ConfigCatalogue.SET_AUTOPAY_NOTICE_DAYS).map(String::trim).map(Integer::parseInt)
                    .filter(d -> d >= 0 && d <= 30).orElse(ConfigCatalogue.DEFAULT_AUTOPAY_NOTICE_DAYS);
        } catch (NumberFormatException e) {
            return ConfigCatalogue.DEFAULT_AUTOPAY_NOTICE_DAYS;
        }
    }

    /** The bill an event is about: account and invoice, and the scheduled payment's id for a scheduled one. */
    private static String bill(AutopayEvent e) {
        return e.accountNumber() + ":" + e.invoiceNumber() + (e.scheduledPayment() == null ? "" : ":" + e.scheduledPayment());
    }

    private void send(Biller biller, AutopayEvent event, EmailKind kind, Composed text, UUID paymentGuid, String key) {
        // the payer who enrolled in autopay, or who made (or last changed) the scheduled payment
        Optional<String> by = event.scheduledPayment() != null
                ? scheduledPayments.scheduledBy(event.bid(), event.accountNumber(), event.scheduledPayment())
                : "SCHEDULED".equals(event.kind()) ? Optional.empty() : enrolments.enrolledBy(event.bid(), event.accountNumber());
        send(biller, event.bid(), event.accountNumber(), by, kind, text, paymentGuid, key);
    }

    /**
     * @param by the username of the payer who set it up with a method of their wallet, when a payer did
     * @return whether the email was queued now (false: already in the ledger, or nobody to send it to)
     */
    private boolean send(Biller biller, long bid, String account, Optional<String> by, EmailKind kind, Composed text, UUID paymentGuid,
            String key) {
        List<String> to = recipients(bid, account, by);
        if (to.isEmpty()) {
            log.info("{} for biller {} account {}: no address to send to", kind, bid, account);
            return false;
        }
        OutgoingEmail email = new OutgoingEmail(bid, account, kind, to, text.subject(), text.text(), text.html(), paymentGuid, biller.name());
        Optional<Long> id = ownTx.execute(s -> history.queueOnce(email, key));
        if (id == null || id.isEmpty()) {
            log.debug("{} for biller {} account {}: already sent ({})", kind, bid, account, key);
            return false;
        }
        // SMTP once the row has committed; a process that dies first leaves it QUEUED for the retry sweep
        dispatcher.dispatchAfterCommit(id.get(), email);
        return true;
    }

    /** The account's users (co-owners), the payer who set the payment up, else the account's own addresses. */
    private List<String> recipients(long bid, String account, Optional<String> by) {
        List<String> users = new ArrayList<>();
        for (String username : directory.registration(bid, account).users()) {
            directory.find(bid, username).map(Payer::email).ifPresent(users::add);
        }
        String enroller = by.flatMap(u -> directory.find(bid, u)).map(Payer::email).orElse(null);
        AccountEmails own = accountEmails.current(bid, account).orElse(new AccountEmails(null, null));
        return EmailRules.autopayRecipients(users, enroller, own);
    }

    private static String method(Optional<Payment> p) {
        return p.map(x -> AutopayEmailText.method(x.method(), x.brand(), x.last4())).orElse(AutopayEmailText.method(null, null, null));
    }

    private String link(long bid, String account) {
        return publicUrl.link("/portal/" + bid + "/accounts/" + UriUtils.encodePathSegment(account, StandardCharsets.UTF_8) + "/enrolments");
    }
}
