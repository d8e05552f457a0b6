package org.ratepayer.conveyance.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ratepayer.conveyance.AccountConveyed;
import org.ratepayer.conveyance.Conveyance;
import org.ratepayer.conveyance.Conveyances;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.EnrolledMethods;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.Wallet;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a conveyance does, all in one transaction, the caller's when it has one (an invoice import's): the account's row
 * is locked first, so a portal change, an autopay enrolment or a second conveyance of the same account waits for it
 * (docs/conveyance.md).
 */
@Service
public class ConveyanceWork {

    static final int MAX_NAME = 255;
    static final int MAX_REASON = 1000;

    private final ConveyanceRepository records;
    private final PayerDirectory payers;
    private final Wallet wallet;
    private final AutopayEnrolments autopay;
    private final ScheduledPayments scheduled;
    private final EnrolledMethods enrolledMethods;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;

    public ConveyanceWork(ConveyanceRepository records, PayerDirectory payers, Wallet wallet, AutopayEnrolments autopay,
            ScheduledPayments scheduled, EnrolledMethods enrolledMethods, ApplicationEventPublisher events, Clock clock,
            PlatformTransactionManager txManager) {
        this.records = records;
        this.payers = payers;
        this.wallet = wallet;
        this.autopay = autopay;
        this.scheduled = scheduled;
        this.enrolledMethods = enrolledMethods;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    /** Why and by whom an account is conveyed. */
    record Cause(Conveyance.Trigger trigger, String actor, Long fileId, String reason, String idempotencyKey) {
    }

    public Conveyances.Outcome conveyByApi(long bid, String account, String newCustomerName, String reason, String idempotencyKey,
            String actor) {
        String name = blankToNull(newCustomerName);
        String why = blankToNull(reason);
        if (name != null && name.length() > MAX_NAME) {
            throw new ConveyanceException(Kind.INVALID, "invalid_field", "newCustomerName", "at most " + MAX_NAME + " characters");
        }
        if (why != null && why.length() > MAX_REASON) {
            throw new ConveyanceException(Kind.INVALID, "invalid_field", "reason", "at most " + MAX_REASON + " characters");
        }
        // printable ASCII, as a payment's key: keys are compared byte for byte
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
            throw new ConveyanceException(Kind.INVALID, "invalid_field", "Idempotency-Key", "up to 255 printable ASCII characters");
        }
        Cause cause = new Cause(Conveyance.Trigger.API, actor, null, why, idempotencyKey);
        try {
            return tx.execute(s -> {
                ConveyanceRepository.Owner owner = records.lockAccount(bid, account).orElseThrow(() -> new ConveyanceException(
                        Kind.NOT_FOUND, "account_not_found", null, "biller " + bid + " has no account " + account));
                if (idempotencyKey != null) {
                    // The account's row is locked: a first request with this key for it has committed, or never will.
                    var earlier = records.byKey(bid, idempotencyKey);
                    if (earlier.isPresent()) {
                        return replay(earlier.get(), account);
                    }
                }
                if (name != null) {
                    records.rename(bid, account, name);
                }
                return new Conveyances.Outcome(convey(bid, account, cause, owner.customerName(), name, owner.email()), false);
            });
        } catch (DuplicateKeyException sameKeyAtOnce) {
            // the same key for another account, committed while this one ran
            Conveyance earlier = records.byKey(bid, idempotencyKey).orElseThrow(() -> sameKeyAtOnce);
            return replay(earlier, account);
        }
    }

    private static Conveyances.Outcome replay(Conveyance earlier, String account) {
        if (!earlier.accountNumber().equals(account)) {
            throw new ConveyanceException(Kind.CONFLICT, "idempotency_key_reused", "Idempotency-Key",
                    "this Idempotency-Key conveyed account " + earlier.accountNumber() + "; use a new key for another account");
        }
        return new Conveyances.Outcome(earlier, true);
    }

    /**
     * Conveys an account an invoice file named, in the import's transaction; the account exists (the file merged it).
     *
     * @param previousEmail the account's email before the file replaced it
     */
    public Conveyance conveyFromFile(long bid, String account, Conveyance.Trigger trigger, long fileId, String oldName, String newName,
            String previousEmail) {
        return tx.execute(s -> {
            records.lockAccount(bid, account);
            return convey(bid, account, new Cause(trigger, "invoice file " + fileId, fileId, null, null), oldName, newName, previousEmail);
        });
    }

    /** The work itself, under the account's lock in the caller's transaction. */
    private Conveyance convey(long bid, String account, Cause cause, String oldName, String newName, String previousEmail) {
        String actor = "conveyance (" + cause.actor() + ")";
        List<Payer> removed = payers.removeAccountFromAllUsers(bid, account);
        // read before the cancellations: what the account's autopay and scheduled payments charged
        Set<String> tokens = enrolledMethods.tokens(bid, account);
        boolean autopayCancelled = autopay.cancel(bid, account, actor);
        List<AccountConveyed.CancelledPayment> cancelled = new ArrayList<>();
        for (ScheduledPayments.Scheduled p : scheduled.list(bid, account)) {
            if (p.active()) {
                scheduled.cancel(bid, account, p.id(), actor);
                cancelled.add(new AccountConveyed.CancelledPayment(p.invoiceNumber(), p.date(), p.amount()));
            }
        }
        Set<String> onlyThisAccount = new LinkedHashSet<>(tokens);
        onlyThisAccount.removeAll(enrolledMethods.usedByOtherAccounts(bid, account, tokens));
        int detached = wallet.detach(bid, removed.stream().map(Payer::userId).toList(), onlyThisAccount);
        Conveyance c = records.insert(bid, account, cause.trigger(), cause.actor(), cause.fileId(), oldName, newName, cause.reason(),
                removed.stream().map(Payer::username).toList(), autopayCancelled, cancelled.size(), detached, cause.idempotencyKey(),
                OffsetDateTime.now(clock));
        events.publishEvent(new AccountConveyed(bid, c.id(), account, cause.trigger(),
                removed.stream().map(p -> new AccountConveyed.FormerUser(p.username(), p.email())).toList(), previousEmail,
                autopayCancelled, cancelled, detached));
        return c;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
