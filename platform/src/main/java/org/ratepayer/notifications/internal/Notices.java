package org.ratepayer.notifications.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ratepayer.balances.LastBalances;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.BillNotices;
import org.ratepayer.billing.InvoiceFileImported;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.MethodsInUse;
import org.ratepayer.enrolments.PaperlessAccounts;
import org.ratepayer.notifications.internal.PaymentEmailText.Brand;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.AccountUsers;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SavedCards;
import org.ratepayer.payments.Method;
import org.ratepayer.shared.config.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notices of one biller (docs/notices.md): bill ready, the reminders on the notify dates, card expiring. Each
 * email is decided and written to the send ledger (email_message.event_key, unique per biller) in one transaction, and
 * handed to SMTP only after that commits; a rerun, a restart or another node finds the key taken and sends nothing.
 */
@Component
public class Notices implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);
    static final int BATCH = 500;

    private final BillerService billers;
    private final BillNotices bills;
    private final PayerDirectory directory;
    private final AccountUsers accountUsers;
    private final PaperlessAccounts paperlessAccounts;
    private final AutopayEnrolments autopay;
    private final MethodsInUse methodsInUse;
    private final SavedCards savedCards;
    private final LastBalances balances;
    private final AccountEmailStore accountEmails;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final boolean enabled;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bill-ready-nudge");
        t.setDaemon(true);
        return t;
    });

    public Notices(BillerService billers, BillNotices bills, PayerDirectory directory, AccountUsers accountUsers,
            PaperlessAccounts paperlessAccounts,
            AutopayEnrolments autopay, MethodsInUse methodsInUse, SavedCards savedCards, LastBalances balances,
            AccountEmailStore accountEmails, EmailHistory history, EmailDispatcher dispatcher, PublicUrl publicUrl, Clock clock,
            PlatformTransactionManager txManager, @Value("${ratepayer.notices.enabled:true}") boolean enabled) {
        this.billers = billers;
        this.bills = bills;
        this.directory = directory;
        this.accountUsers = accountUsers;
        this.paperlessAccounts = paperlessAccounts;
        this.autopay = autopay;
        this.methodsInUse = methodsInUse;
        this.savedCards = savedCards;
        this.balances = balances;
        this.accountEmails = accountEmails;
        this.history = history;
        this.dispatcher = dispatcher;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
        this.enabled = enabled;
    }

    /**
     * Right after an import commits, so its bill-ready emails go out within seconds rather than at the job's next pass.
     * Not when the notices are off ({@code ratepayer.notices.enabled=false}, as the import benchmark runs).
     */
    @EventListener
    public void imported(InvoiceFileImported file) {
        if (!enabled) {
            return;
        }
        nudges.execute(() -> {
            try {
                billReady(file.bid());
            } catch (RuntimeException e) {
                log.warn("bill-ready emails of biller {} not expanded now; the notices job tries again", file.bid(), e);
            }
        });
    }

    /** Everything due for one biller now: its job's pass. @return how many emails were queued */
    public int pass(long bid) {
        return billReady(bid) + reminders(bid) + cardsExpiring(bid);
    }

    /**
     * Expands each file whose bill-ready emails are owed into one ledger row per new bill, a batch per transaction, then
     * clears the file's flag. Stopped half-way, the next pass goes through the file again: the rows already written are
     * found in the ledger and sent nothing twice.
     *
     * @return how many emails were queued now
     */
    public int billReady(long bid) {
        int queued = 0;
        for (long fileId : bills.owedFiles(bid)) {
            BillerConfig config = billers.cachedConfig(bid);
            boolean on = on(config, ConfigCatalogue.OPT_BILL_READY_EMAILS);
            Biller biller = billers.require(bid);
            Brand brand = Brand.of(biller.name(), config);
            long after = 0;
            while (on) {
                List<BillNotices.Bill> batch = bills.newBills(bid, fileId, after, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                after = batch.get(batch.size() - 1).invoiceId();
                // two queries a batch, not two a bill: a file of a million bills is expanded in minutes
                List<String> accounts = batch.stream().map(BillNotices.Bill::accountNumber).distinct().toList();
                Map<String, List<String>> usersOf = accountUsers.emails(bid, accounts);
                Set<String> paperless = paperlessAccounts.among(bid, accounts);
                Integer n = tx.execute(s -> {
                    int q = 0;
                    for (BillNotices.Bill b : batch) {
                        List<String> to = NoticeRules.billReadyRecipients(usersOf.getOrDefault(b.accountNumber(), List.of()),
                                b.accountEmail(), paperless.contains(b.accountNumber()));
                        Composed text = NoticeText.billReady(brand, bill(b), payLink(bid));
                        if (queue(biller, b.accountNumber(), EmailKind.BILL_READY, to, text,
                                "BILL_READY:" + b.accountNumber() + ":" + b.invoiceNumber())) {
                            q++;
                        }
                    }
                    return q;
                });
                queued += n == null ? 0 : n;
            }
            bills.billReadyDone(bid, fileId);
        }
        if (queued > 0) {
            log.info("biller {}: {} bill-ready email(s) queued", bid, queued);
        }
        return queued;
    }

    /**
     * The reminders due on the biller's today (docs/notices.md, "Reminders"): for each open bill, the latest notify date
     * on or before today, if at most three days ago, unless the bill is paid or the account is on autopay.
     *
     * @return how many emails were queued now
     */
    public int reminders(long bid) {
        BillerConfig config = billers.cachedConfig(bid);
        if (!on(config, ConfigCatalogue.OPT_PAYMENT_REMINDERS)) {
            return 0;
        }
        Biller biller = billers.require(bid);
        Brand brand = Brand.of(biller.name(), config);
        LocalDate today = config.today(clock);
        int queued = 0;
        for (BillNotices.RemindedBill r : bills.withNotifyDateBetween(bid, today.minusDays(NoticeRules.REMINDER_CATCH_UP_DAYS), today)) {
            Optional<Integer> n = NoticeRules.dueReminder(today, r.firstNotify(), r.secondNotify(), r.thirdNotify());
            if (n.isEmpty()) {
                continue;
            }
            BillNotices.Bill b = r.bill();
            try {
                Optional<LastBalances.Last> last = balances.of(bid, b.accountNumber());
                if (!NoticeRules.reminderOwed(b.status(), autopay.autopay(bid, b.accountNumber()).enrolled(),
                        last.map(LastBalances.Last::balanceDue).orElse(null), last.map(LastBalances.Last::refreshedAt).orElse(null),
                        r.importedAt())) {
                    continue;
                }
                AccountEmails own = accountEmails.current(bid, b.accountNumber()).orElse(new AccountEmails(null, null));
                List<String> to = NoticeRules.reminderRecipients(users(bid, b.accountNumber()), own);
                EmailKind kind = EmailKind.valueOf("REMINDER_" + n.get());
                Composed text = NoticeText.reminder(brand, n.get(), bill(b), payLink(bid));
                Boolean q = tx.execute(s -> queue(biller, b.accountNumber(), kind, to, text,
                        kind.name() + ":" + b.accountNumber() + ":" + b.invoiceNumber()));
                if (Boolean.TRUE.equals(q)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                log.error("reminder for biller {} account {} bill {} not queued; tried again by the next pass", bid, b.accountNumber(),
                        b.invoiceNumber(), e);
            }
        }
        if (queued > 0) {
            log.info("biller {}: {} reminder(s) queued", bid, queued);
        }
        return queued;
    }

    /**
     * One email per saved card and expiry to the payer who saved it, when the card pays an account's autopay or an active
     * scheduled payment and stops working within 30 days of the biller's today.
     *
     * @return how many emails were queued now
     */
    public int cardsExpiring(long bid) {
        BillerConfig config = billers.cachedConfig(bid);
        if (!on(config, ConfigCatalogue.OPT_CARD_EXPIRING_EMAILS)) {
            return 0;
        }
        Map<String, List<String>> accountsByToken = new LinkedHashMap<>();
        for (MethodsInUse.CardUse u : methodsInUse.cards(bid)) {
            List<String> accounts = accountsByToken.computeIfAbsent(u.token(), t -> new ArrayList<>());
            if (!accounts.contains(u.accountNumber())) {
                accounts.add(u.accountNumber());
            }
        }
        if (accountsByToken.isEmpty()) {
            return 0;
        }
        Biller biller = billers.require(bid);
        Brand brand = Brand.of(biller.name(), config);
        LocalDate today = config.today(clock);
        int queued = 0;
        for (SavedCards.Card c : savedCards.withTokens(bid, accountsByToken.keySet())) {
            if (!NoticeRules.expiresSoon(today, c.expMonth(), c.expYear())) {
                continue;
            }
            List<String> accounts = accountsByToken.get(c.token());
            List<String> to = NoticeRules.billReadyRecipients(List.of(c.email()), null, false);
            Composed text = NoticeText.cardExpiring(brand, AutopayEmailText.method(Method.CARD, c.brand(), c.last4()), c.expMonth(),
                    c.expYear(), accounts, publicUrl.link("/portal/" + bid + "/wallet"));
            String key = "CARD_EXPIRING:" + c.methodGuid() + ":" + String.format("%04d-%02d", c.expYear(), c.expMonth());
            try {
                Boolean q = tx.execute(s -> queue(biller, accounts.get(0), EmailKind.CARD_EXPIRING, to, text, key));
                if (Boolean.TRUE.equals(q)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                log.error("card-expiring email for biller {} ({}) not queued; tried again by the next pass", bid, key, e);
            }
        }
        return queued;
    }

    /**
     * Writes the ledger row in the caller's transaction and sends it once that commits.
     *
     * @return whether it was queued now (false: already in the ledger, or nobody to send it to)
     */
    private boolean queue(Biller biller, String account, EmailKind kind, List<String> to, Composed text, String key) {
        if (to.isEmpty()) {
            log.debug("{} for biller {} account {}: no address to send to", kind, biller.bid(), account);
            return false;
        }
        OutgoingEmail email = new OutgoingEmail(biller.bid(), account, kind, to, text.subject(), text.text(), text.html(), null,
                biller.name());
        Optional<Long> id = history.queueOnce(email, key);
        if (id.isEmpty()) {
            return false;
        }
        dispatcher.dispatchAfterCommit(id.get(), email);
        return true;
    }

    /** The email addresses of the account's users (its co-owners in the portal). */
    private List<String> users(long bid, String account) {
        List<String> out = new ArrayList<>();
        for (String username : directory.registration(bid, account).users()) {
            directory.find(bid, username).map(Payer::email).ifPresent(out::add);
        }
        return out;
    }

    private static NoticeText.Bill bill(BillNotices.Bill b) {
        return new NoticeText.Bill(b.accountNumber(), b.invoiceNumber(), b.invoiceDate(), b.dueDate(), b.totalAmountDue());
    }

    private String payLink(long bid) {
        return publicUrl.link("/pay/" + bid);
    }

    /** Options 1014-1016 are on unless a biller turned them off. */
    private static boolean on(BillerConfig config, int option) {
        return config.option(option).map(Boolean::parseBoolean).orElse(true);
    }

    @Override
    public void destroy() {
        nudges.shutdownNow();
    }
}
