package org.ratepayer.notifications.internal;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ratepayer.balances.BalanceRefreshed;
import org.ratepayer.balances.PrepaidThresholds;
import org.ratepayer.billers.BillerService;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.shared.config.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prepaid low-balance alerts (docs/prepaid-alerts.md): each refresh that brought a prepaid balance is checked against the
 * biller's thresholds (settings 1012, 1013), and an account that goes from not low to low is emailed once for that
 * crossing; it is emailed again only after a refresh found it above the thresholds and a later one below them.
 *
 * <p>The crossing is decided and its email written to the history (the send ledger) in one transaction that holds the
 * account's row of {@code prepaid_balance_state} locked, so two refreshes at once, on one node or two, decide one crossing
 * between them: the second waits for the first's commit and then finds the account already low. The email's event key
 * {@code PREPAID_LOW:<account>:<crossing>} is unique per biller as well, a second guard. SMTP is tried after the commit.
 */
@Component
public class LowBalanceAlerts {

    private static final Logger log = LoggerFactory.getLogger(LowBalanceAlerts.class);

    private final BillerService billers;
    private final PayerDirectory directory;
    private final AccountEmailStore accountEmails;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;
    private final PublicUrl publicUrl;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTx;

    public LowBalanceAlerts(BillerService billers, PayerDirectory directory, AccountEmailStore accountEmails, EmailHistory history,
            EmailDispatcher dispatcher, PublicUrl publicUrl, JdbcClient jdbc, PlatformTransactionManager txManager) {
        this.billers = billers;
        this.directory = directory;
        this.accountEmails = accountEmails;
        this.history = history;
        this.dispatcher = dispatcher;
        this.publicUrl = publicUrl;
        this.jdbc = jdbc;
        this.ownTx = new TransactionTemplate(txManager);
        // A transaction of its own, always: heard after a publisher's commit the publisher's connection is still bound
        // (Spring's afterCommit), and work there would join a transaction that is already over.
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A refresh stored a CIS answer. Never throws, so the payer who asked for the balance gets it whatever happens here.
     *
     * <p>{@code @TransactionalEventListener(fallbackExecution = true)} rather than {@code @EventListener}: a refresh made
     * inside someone's transaction is heard only once that commits (a rolled-back refresh stored no balance, and must not
     * alert on it), and our statements never run inside that transaction, where one failing would abort the caller's
     * work in PostgreSQL. The usual refresh has no transaction (BalanceService holds none during its CIS call): then the
     * fallback runs this at once, on the caller's thread. That costs the caller two short statements for a prepaid account
     * of a biller with thresholds, and nothing otherwise; the email itself goes out on the dispatcher's threads.
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void refreshed(BalanceRefreshed event) {
        if (!event.prepaid()) {
            return;
        }
        try {
            PrepaidThresholds thresholds = PrepaidThresholds.of(billers.cachedConfig(event.bid()));
            if (!thresholds.any()) {
                return;
            }
            ownTx.execute(s -> check(event, thresholds));
        } catch (RuntimeException e) {
            log.error("biller {} account {}: prepaid low-balance check failed; the next refresh checks again", event.bid(),
                    event.accountNumber(), e);
        }
    }

    /** The account's crossing state as last decided. */
    record State(boolean low, int crossings, OffsetDateTime checkedAt) {
    }

    /**
     * Decides one refresh, in the caller's transaction (which must exist: the row lock lasts until it ends), and writes
     * the alert into the email history when the account has just gone low; it is sent once that transaction commits.
     *
     * @return the alert's email id when this refresh decided a new crossing and the account has somebody to tell
     */
    public Optional<Long> check(BalanceRefreshed event, PrepaidThresholds thresholds) {
        long bid = event.bid();
        String account = event.accountNumber();
        // microseconds, as PostgreSQL keeps them, so the refresh compares equal with what it stored
        OffsetDateTime at = event.refreshedAt().truncatedTo(ChronoUnit.MICROS);
        State state = locked(bid, account).orElseGet(() -> {
            jdbc.sql("""
                    insert into prepaid_balance_state (biller_id, account_number, low, crossings, checked_at)
                    values (?, ?, false, 0, ?) on conflict do nothing
                    """).params(bid, account, at).update();
            return locked(bid, account).orElseThrow();
        });
        if (state.checkedAt().isAfter(at)) {
            // a newer refresh was decided first (heard late): its figures stand
            return Optional.empty();
        }
        boolean low = thresholds.low(event.remainingBalance(), event.remainingDays());
        if (low == state.low()) {
            jdbc.sql("update prepaid_balance_state set checked_at = ? where biller_id = ? and account_number = ?")
                    .params(at, bid, account).update();
            return Optional.empty();
        }
        if (!low) {
            jdbc.sql("""
                    update prepaid_balance_state set low = false, low_since = null, checked_at = ?
                    where biller_id = ? and account_number = ?""").params(at, bid, account).update();
            log.info("biller {} account {}: prepaid balance back above the alert threshold", bid, account);
            return Optional.empty();
        }
        int crossing = state.crossings() + 1;
        jdbc.sql("""
                update prepaid_balance_state set low = true, crossings = ?, low_since = ?, checked_at = ?
                where biller_id = ? and account_number = ?""").params(crossing, at, at, bid, account).update();
        return alert(event, thresholds, crossing);
    }

    private Optional<State> locked(long bid, String account) {
        return jdbc.sql("""
                select low, crossings, checked_at from prepaid_balance_state
                where biller_id = ? and account_number = ? for update""").params(bid, account)
                .query((rs, n) -> new State(rs.getBoolean(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class))).optional();
    }

    private Optional<Long> alert(BalanceRefreshed event, PrepaidThresholds thresholds, int crossing) {
        long bid = event.bid();
        String account = event.accountNumber();
        List<String> to = recipients(bid, account);
        if (to.isEmpty()) {
            log.info("biller {} account {}: prepaid balance low (crossing {}), nobody to email", bid, account, crossing);
            return Optional.empty();
        }
        String billerName = billers.cachedBiller(bid).name();
        Composed text = LowBalanceEmailText.alert(PaymentEmailText.Brand.of(billerName, billers.cachedConfig(bid)), account, event.remainingBalance(), event.remainingDays(), thresholds,
                publicUrl.link("/pay/" + bid));
        OutgoingEmail email = new OutgoingEmail(bid, account, EmailKind.PREPAID_LOW_BALANCE, to, text.subject(), text.text(),
                text.html(), null, billerName);
        Optional<Long> id = history.queueOnce(email, key(account, crossing));
        id.ifPresent(i -> dispatcher.dispatchAfterCommit(i, email));
        return id;
    }

    /** The alert's entry in the send ledger: one per account and crossing. */
    static String key(String account, int crossing) {
        return "PREPAID_LOW:" + account + ":" + crossing;
    }

    private List<String> recipients(long bid, String account) {
        List<String> users = new ArrayList<>();
        for (String username : directory.registration(bid, account).users()) {
            directory.find(bid, username).map(Payer::email).ifPresent(users::add);
        }
        return EmailRules.lowBalanceRecipients(users, accountEmails.current(bid, account).orElse(new AccountEmails(null, null)));
    }

}
