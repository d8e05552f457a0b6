package org.ratepayer.autopay.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.ratepayer.autopay.AutopayEvent;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One biller's run for one date (docs/autopay.md): settles attempts a crash left behind, closes the days before,
 * then charges each due bill and scheduled payment at most once. Every attempt is claimed in its own committed
 * row before the processor is called; the payment is made through {@link PaymentService} under an idempotency key
 * kept in that row, so whatever happens next the row tells what to ask, never what to charge again.
 */
@Component
public class AutopayEngine {

    private static final Logger log = LoggerFactory.getLogger(AutopayEngine.class);

    private final AttemptRepository attempts;
    private final BalanceService balances;
    private final PaymentService payments;
    private final BillerService billers;
    private final ApplicationEventPublisher events;
    private final ScheduledPayments scheduledPayments;
    /** Bills (or Custom10 groups) one run charges at once: {@code ratepayer.autopay.workers}. */
    private final int workers;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** An attempt claimed this long ago and still in progress is taken for one a crash interrupted. */
    private final Duration settleAfter;
    /** As the payment repair job: a processor that has no record of a charge this old never will. */
    private final Duration giveUpAfter;

    public AutopayEngine(AttemptRepository attempts, BalanceService balances, PaymentService payments,
            BillerService billers, ApplicationEventPublisher events, ScheduledPayments scheduledPayments, PlatformTransactionManager txManager,
            Clock clock, @Value("${ratepayer.autopay.workers:4}") int workers,
            @Value("${ratepayer.autopay.settle-after:2m}") Duration settleAfter,
            @Value("${ratepayer.autopay.give-up-after:15m}") Duration giveUpAfter) {
        if (workers < 1) {
            throw new IllegalArgumentException("ratepayer.autopay.workers must be at least 1, not " + workers);
        }
        this.workers = workers;
        this.scheduledPayments = scheduledPayments;
        this.attempts = attempts;
        this.balances = balances;
        this.payments = payments;
        this.billers = billers;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.settleAfter = settleAfter;
        this.giveUpAfter = giveUpAfter;
    }

    /** @return how many bills and scheduled payments were due */
    public int run(long runId, long bid, LocalDate date) {
        BillerConfig config = billers.cachedConfig(bid);
        List<Integer> retryDays = AutopayRules.retryDays(config.setting(ConfigCatalogue.SET_AUTOPAY_RETRY_DAYS).orElse(null));
        settle(bid, retryDays);
        close(bid, date);
        AtomicInteger due = new AtomicInteger();
        List<List<AttemptRepository.Enrolled>> groups = groups(attempts.enrolled(bid, date),
                config.enabled(ConfigCatalogue.OPT_AUTOPAY_GROUPING));
        inParallel(groups.size(), i -> {
            List<AttemptRepository.Enrolled> group = groups.get(i);
            try {
                due.addAndGet(autopay(runId, bid, date, config.timeZone(), group, retryDays));
            } catch (RuntimeException ex) {
                // one account's failure never stops the others; its attempt, if claimed, is settled by a later run
                log.error("autopay run {} biller {} account {}: failed, left for the next run", runId, bid, group.get(0).accountNumber(), ex);
            }
        });
        List<AttemptRepository.Scheduled> scheduled = attempts.scheduled(bid, date);
        inParallel(scheduled.size(), i -> {
            AttemptRepository.Scheduled s = scheduled.get(i);
            try {
                if (scheduled(runId, bid, date, s)) {
                    due.incrementAndGet();
                }
            } catch (RuntimeException ex) {
                log.error("autopay run {} biller {} scheduled payment {}: failed, left for the next run", runId, bid, s.guid(), ex);
            }
        });
        if (date.isBefore(config.today(clock))) {
            // a run for a day that has ended is that day's last: a CIS still unreachable means not charged
            close(bid, date.plusDays(1));
        }
        return due.get();
    }

    /**
     * Runs {@code task} for 0..n-1 on up to {@code ratepayer.autopay.workers} threads of this run, and returns when all
     * are done. Each bill's (or group's) attempt rows are claimed before anything is charged, so workers of one run
     * are as safe together as two runs are (docs/autopay.md, "Workers"). A task never throws (each catches its own).
     */
    private void inParallel(int n, java.util.function.IntConsumer task) {
        int threads = Math.min(workers, n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(worker, "autopay-worker-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        try {
            for (Thread thread : started) {
                thread.join();
            }
        } catch (InterruptedException e) {
            // the workers finish the bill they hold and stop taking new ones
            next.set(n);
            Thread.currentThread().interrupt();
        }
    }

    /** The due accounts as charged: each alone, or with option 128 in Custom10 groups ({@link AutopayRules#groups}). */
    static List<List<AttemptRepository.Enrolled>> groups(List<AttemptRepository.Enrolled> enrolled, boolean option128) {
        Map<String, AttemptRepository.Enrolled> byAccount = new HashMap<>();
        List<AutopayRules.Member> members = new ArrayList<>();
        for (AttemptRepository.Enrolled e : enrolled) {
            byAccount.put(e.accountNumber(), e);
            members.add(new AutopayRules.Member(e.accountNumber(), e.custom10(), e.token()));
        }
        return AutopayRules.groups(members, option128).stream()
                .map(g -> g.stream().map(m -> byAccount.get(m.accountNumber())).toList()).toList();
    }

    /** A due bill of a group, with what the rule needs of its past. */
    private record Member(AttemptRepository.Enrolled enrolled, AutopayRules.Verdict verdict, List<AttemptRepository.Attempt> past) {
    }

    /**
     * Charges a group of accounts (one, or an option 128 Custom10 group) as one payment. Every member's attempt row is
     * claimed in one transaction under the payment's one idempotency key before anything else, so whatever runs at once
     * or after a crash finds each bill claimed; a member another run holds leaves the group. Members not charged (an
     * expired card, no balance, above the maximum, a blocked method, the CIS unreachable) leave it too, and the rest is
     * charged (docs/autopay.md, "Custom10 groups").
     *
     * @return how many of the group's bills were due
     */
    private int autopay(long runId, long bid, LocalDate date, ZoneId zone, List<AttemptRepository.Enrolled> group,
            List<Integer> retryDays) {
        List<Member> due = new ArrayList<>();
        for (AttemptRepository.Enrolled e : group) {
            List<AttemptRepository.Attempt> past = attempts.past(bid, e.accountNumber(), e.invoiceNumber(), null);
            AutopayRules.Verdict verdict = AutopayRules.due(new AutopayRules.Candidate(date, e.collectOn(),
                    e.enrolledAt().atZoneSameInstant(zone).toLocalDate(), e.method(), e.cardExpiry(), retryDays,
                    past.stream().map(AutopayEngine::past).toList()));
            if (verdict == AutopayRules.Verdict.DUE || verdict == AutopayRules.Verdict.CARD_EXPIRED) {
                due.add(new Member(e, verdict, past));
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        String key = "autopay-" + UUID.randomUUID();
        // All in one transaction, in account order (as the run lists them), so two runs claiming the same group
        // wait on each other rather than deadlock, and the loser finds every bill taken.
        List<Long> ids = tx.execute(st -> due.stream().map(m -> attempts.claim(bid, m.enrolled().accountNumber(),
                m.enrolled().invoiceNumber(), null, Channel.AUTOPAY.name(), next(m.past()), runId, date, null, key, now()).orElse(null))
                .toList());
        List<Share> charged = new ArrayList<>();
        Map<String, BalanceView> refreshed = new HashMap<>();
        for (int i = 0; i < due.size(); i++) {
            Long id = ids == null ? null : ids.get(i);
            if (id == null) {
                continue; // another run has this bill's attempt
            }
            Member m = due.get(i);
            AttemptRepository.Enrolled e = m.enrolled();
            if (m.verdict() == AutopayRules.Verdict.CARD_EXPIRED) {
                notCharged(id, null, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, date, AutopayRules.CARD_EXPIRED, null);
                continue;
            }
            Optional<BalanceView> found = balances.balance(bid, e.accountNumber());
            if (found.isEmpty()) {
                notCharged(id, null, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, date, "account_not_found", null);
                continue;
            }
            BalanceView b = found.get();
            AutopayRules.Charge charge = AutopayRules.charge(new AutopayRules.Balance(b.balanceDue(), b.source(), b.blockAch(),
                    b.blockCc(), e.method(), e.maximumAmount()));
            if (AutopayRules.CIS_UNREACHABLE.equals(charge.reason())) {
                // tried again by the day's later runs; not charged, and told, only when the day ends so
                attempts.finish(id, "CIS_UNREACHABLE", AutopayRules.CIS_UNREACHABLE, null, null, "the CIS could not be reached", now());
                continue;
            }
            if (!charge.charges()) {
                notCharged(id, null, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, date, charge.reason(), b.balanceDue());
                continue;
            }
            refreshed.put(e.accountNumber(), b);
            charged.add(new Share(id, null, e.accountNumber(), e.invoiceNumber(), charge.amount(), failures(m.past()),
                    firstFailure(m.past(), date)));
        }
        if (!charged.isEmpty()) {
            // a group shares its members' one saved method (AutopayRules.groups)
            pay(new Claim(bid, Channel.AUTOPAY, date, group.get(0).token(), key, charged, refreshed), retryDays);
        }
        return due.size();
    }

    private boolean scheduled(long runId, long bid, LocalDate date, AttemptRepository.Scheduled s) {
        List<AttemptRepository.Attempt> past = attempts.past(bid, s.accountNumber(), s.invoiceNumber(), s.id());
        String key = "scheduled-" + UUID.randomUUID();
        // The scheduled payment's row is locked while its attempt is claimed: a change or cancellation committed
        // before is what is charged (or not), one after finds the payment made.
        Optional<Claimed> claimed = tx.execute(st -> attempts.lockScheduled(s.id(), date).flatMap(l ->
                attempts.claim(bid, l.accountNumber(), l.invoiceNumber(), l.id(), Channel.SCHEDULED.name(), next(past), runId,
                        date, l.amount(), key, now()).map(id -> new Claimed(id, l))));
        if (claimed == null || claimed.isEmpty()) {
            return false;
        }
        AttemptRepository.Scheduled locked = claimed.get().scheduled();
        long id = claimed.get().id();
        if (s.method() == Method.CARD && s.cardExpiry() != null && s.cardExpiry().atEndOfMonth().isBefore(date)) {
            notCharged(id, locked.id(), bid, locked.accountNumber(), locked.invoiceNumber(), Channel.SCHEDULED, date, AutopayRules.CARD_EXPIRED, null);
            return true;
        }
        // a scheduled payment is not retried: its payer chose the day
        pay(new Claim(bid, Channel.SCHEDULED, date, locked.token(), key,
                List.of(new Share(id, locked.id(), locked.accountNumber(), locked.invoiceNumber(), locked.amount(), 0, date)), Map.of()),
                List.of());
        return true;
    }

    private record Claimed(long id, AttemptRepository.Scheduled scheduled) {
    }

    /** One bill of a payment: its attempt (and scheduled payment, if it runs one), and what it is charged. */
    private record Share(long id, Long scheduledId, String account, String invoice, BigDecimal amount, int failuresBefore, LocalDate firstFailure) {
    }

    /**
     * A payment of one or more claimed bills, under one idempotency key kept in each bill's attempt.
     *
     * @param refreshed the balances the run just refreshed for these bills, so the payment does not ask the CIS again
     */
    private record Claim(long bid, Channel channel, LocalDate date, String token, String key, List<Share> shares,
            Map<String, BalanceView> refreshed) {
    }

    private void pay(Claim c, List<Integer> retryDays) {
        PaymentRequest request;
        if (c.shares().size() == 1) {
            Share s = c.shares().get(0);
            request = new PaymentRequest(c.channel(), s.account(), s.invoice(), s.amount(), null, null, c.token(), null, null);
        } else {
            // each member's amount is noted first: an outcome settled after a crash is recorded with the member's share
            for (Share s : c.shares()) {
                attempts.note(s.id(), s.amount(), null, null, now());
            }
            request = PaymentRequest.ofAccounts(c.channel(), c.shares().stream()
                    .map(s -> new PaymentRequest.Allocation(s.account(), s.invoice(), s.amount())).toList(),
                    c.shares().stream().map(Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add), null, null, c.token(), null, null);
        }
        PaymentOutcome outcome;
        try {
            outcome = payments.submit(c.bid(), c.key(), request, c.refreshed());
        } catch (RuntimeException ex) {
            // the payment may exist: the attempts stay in progress and a later run asks what became of it
            log.warn("autopay attempt {}: the payment's outcome is not known yet, settled later: {}", c.shares().get(0).id(), ex.toString());
            for (Share s : c.shares()) {
                attempts.note(s.id(), s.amount(), null, "outcome pending", now());
            }
            return;
        }
        for (Share s : c.shares()) {
            if (outcome instanceof PaymentOutcome.Taken t) {
                record(s.id(), s.scheduledId(), c.bid(), s.account(), s.invoice(), c.channel(), c.date(), t.status(), s.amount(), t.paymentGuid(), t.message(),
                        s.failuresBefore(), s.firstFailure(), retryDays);
            } else if (outcome instanceof PaymentOutcome.Refused r) {
                if (r.inProgress()) {
                    attempts.note(s.id(), s.amount(), null, "outcome pending", now());
                } else {
                    // a payment rule refused the payment (for a group: one member's share made the whole payment refused)
                    notCharged(s.id(), s.scheduledId(), c.bid(), s.account(), s.invoice(), c.channel(), c.date(), r.code(), s.amount());
                }
            }
        }
    }

    /**
     * Moves an attempt still in progress to its outcome. A scheduled payment's own status (PAID, FAILED) is set by the
     * enrolments module in the same transaction, so the payer never sees it SCHEDULED after its charge, nor PAID
     * without the attempt saying so. When this call moved it, {@code tell} publishes the outcome in the same
     * transaction: its listeners write their ledger rows (the outcome's email) before it commits, so a process killed
     * just after the move cannot leave a charge that is never told (docs/autopay.md, "Emails"; ClusterUnderFaultsIT
     * once found an autopay receipt missing that way).
     */
    private boolean finish(long id, Long scheduledId, long bid, LocalDate date, String status, String reason, BigDecimal amount, UUID guid,
            String message, Runnable tell) {
        return Boolean.TRUE.equals(tx.execute(st -> {
            boolean moved = attempts.finish(id, status, reason, amount, guid, message, now());
            if (moved) {
                if (scheduledId != null) {
                    boolean paid = status.equals("APPROVED");
                    scheduledPayments.settle(bid, scheduledId, paid, date, guid,
                            reason != null ? reason : status.toLowerCase(java.util.Locale.ROOT));
                }
                tell.run();
            }
            return moved;
        }));
    }

    /** Records a payment's outcome on its attempt and tells it, once: only the call that moves the attempt publishes. */
    private void record(long id, Long scheduledId, long bid, String account, String invoice, Channel channel, LocalDate date, PaymentStatus status,
            BigDecimal amount, UUID guid, String message, int failuresBefore, LocalDate firstFailure, List<Integer> retryDays) {
        if (status.isPaid() || status == PaymentStatus.VOIDED || status == PaymentStatus.REFUNDED) {
            finish(id, scheduledId, bid, date, "APPROVED", null, amount, guid, message, () -> events.publishEvent(
                    new AutopayEvent.Charged(bid, account, invoice, channel.name(), attempts.scheduledGuid(scheduledId), date, amount, guid)));
        } else if (status.isUnsuccessful()) {
            LocalDate next = channel == Channel.AUTOPAY ? AutopayRules.nextRetry(firstFailure, failuresBefore + 1, retryDays) : null;
            finish(id, scheduledId, bid, date, status.name(), null, amount, guid, message, () -> events.publishEvent(
                    new AutopayEvent.Declined(bid, account, invoice, channel.name(), attempts.scheduledGuid(scheduledId), date, amount, guid,
                            message, next)));
        } else {
            attempts.note(id, amount, guid, message, now());
        }
    }

    private void notCharged(long id, Long scheduledId, long bid, String account, String invoice, Channel channel, LocalDate date, String reason,
            BigDecimal amount) {
        finish(id, scheduledId, bid, date, "SKIPPED", reason, amount, null, null, () -> events.publishEvent(
                new AutopayEvent.NotCharged(bid, account, invoice, channel.name(), attempts.scheduledGuid(scheduledId), date, reason)));
    }

    /**
     * Settles attempts a crash (or a processor timeout) left in progress, by what the payment and the processor say:
     * never by charging again. An attempt whose payment was never recorded is fenced off first (its key given a
     * refused answer, so a late submission under it cannot pay) and then abandoned, as nothing was charged.
     */
    void settle(long bid, List<Integer> retryDays) {
        OffsetDateTime now = now();
        for (AttemptRepository.Attempt a : attempts.inProgress(bid, now.minus(settleAfter))) {
            try {
                settle(a, now, retryDays);
            } catch (RuntimeException ex) {
                log.error("autopay attempt {}: could not be settled now; tried again by the next run", a.id(), ex);
            }
        }
    }

    private void settle(AttemptRepository.Attempt a, OffsetDateTime now, List<Integer> retryDays) {
        Channel channel = Channel.valueOf(a.kind());
        List<AttemptRepository.Attempt> before = attempts.past(a.bid(), a.accountNumber(), a.invoiceNumber(), a.scheduledPaymentId())
                .stream().filter(p -> p.attemptNo() < a.attemptNo()).toList();
        Optional<Payment> payment = payments.findByIdempotencyKey(a.bid(), a.idempotencyKey());
        if (payment.isPresent()) {
            Payment p = payment.get();
            PaymentStatus status = p.status();
            String message = p.gatewayMessage();
            if (!status.isFinalOutcome()) {
                // the payment is settled with it (receipt, CIS posting), not left for the repair job
                Optional<Payment> settled = payments.settleFromProcessor(p);
                if (settled.isPresent()) {
                    status = settled.get().status();
                    message = settled.get().gatewayMessage();
                } else if (p.createdAt().isBefore(now.minus(giveUpAfter))) {
                    // Interrupted before the processor saw it: not a decline (no retry days, no decline email); the
                    // bill is due again at once, as when no payment was made at all. The payment row itself is
                    // closed as an error by the payment repair job.
                    attempts.finish(a.id(), "ABANDONED", "interrupted", null, p.guid(),
                            "interrupted before the processor received it; nothing was charged", now);
                    return;
                } else {
                    return;
                }
            }
            // a member of a Custom10 group records its own share (noted before the charge), not the group's total
            BigDecimal amount = a.amount() != null ? a.amount() : p.amount();
            record(a.id(), a.scheduledPaymentId(), a.bid(), a.accountNumber(), a.invoiceNumber(), channel, a.runDate(), status, amount, p.guid(), message,
                    failures(before), firstFailure(before, a.runDate()), channel == Channel.AUTOPAY ? retryDays : List.of());
            return;
        }
        // No payment under the key: give the key a refused answer of its own first, so that a submission still on its
        // way (a node paused, not dead) is refused as a different request instead of paying after the next attempt.
        // The fence names no account, so that every member of a group under the same key sends the same request and
        // reads back the same refusal.
        PaymentOutcome fence = payments.submit(a.bid(), a.idempotencyKey(), new PaymentRequest(channel, null, null,
                null, null, null, "fenced", null, null));
        if (fence instanceof PaymentOutcome.Refused r && "invalid_field".equals(r.code())) {
            attempts.finish(a.id(), "ABANDONED", "interrupted", null, null, "interrupted before any payment was made; nothing was charged",
                    now);
        }
        // otherwise the key is in use or has a payment now: the next run settles it from that
    }

    /** Ends the days before {@code date} for bills the CIS never answered for: not charged, and told once per bill. */
    void close(long bid, LocalDate date) {
        Set<String> told = new HashSet<>();
        for (AttemptRepository.Attempt a : attempts.closeUnreachable(bid, date, now())) {
            if (told.add(a.accountNumber() + "\u0000" + a.invoiceNumber() + "\u0000" + a.scheduledPaymentId())) {
                events.publishEvent(new AutopayEvent.NotCharged(bid, a.accountNumber(), a.invoiceNumber(), a.kind(),
                        attempts.scheduledGuid(a.scheduledPaymentId()), a.runDate(), AutopayRules.CIS_UNREACHABLE));
            }
        }
    }

    private static AutopayRules.PastAttempt past(AttemptRepository.Attempt a) {
        AutopayRules.Past p = switch (a.status()) {
            case "IN_PROGRESS", "APPROVED" -> AutopayRules.Past.LIVE_OR_APPROVED;
            case "DECLINED", "ERROR" -> AutopayRules.Past.FAILED;
            case "CIS_UNREACHABLE" -> AutopayRules.Past.CIS_UNREACHABLE;
            case "ABANDONED" -> AutopayRules.Past.ABANDONED;
            default -> AutopayRules.Past.SKIPPED;
        };
        return new AutopayRules.PastAttempt(p, a.runDate());
    }

    private static int next(List<AttemptRepository.Attempt> past) {
        return past.stream().mapToInt(AttemptRepository.Attempt::attemptNo).max().orElse(0) + 1;
    }

    private static int failures(List<AttemptRepository.Attempt> past) {
        return (int) past.stream().filter(a -> a.status().equals("DECLINED") || a.status().equals("ERROR")).count();
    }

    private static LocalDate firstFailure(List<AttemptRepository.Attempt> past, LocalDate otherwise) {
        return past.stream().filter(a -> a.status().equals("DECLINED") || a.status().equals("ERROR")).map(AttemptRepository.Attempt::runDate)
                .findFirst().orElse(otherwise);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
