package org.ratepayer.autopay.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ratepayer.autopay.AutopayEvent;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.PaymentGateway;
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
    private final PaymentGateway gateway;
    private final BillerService billers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** An attempt claimed this long ago and still in progress is taken for one a crash interrupted. */
    private final Duration settleAfter;
    /** As the payment repair job: a processor that has no record of a charge this old never will. */
    private final Duration giveUpAfter;

    public AutopayEngine(AttemptRepository attempts, BalanceService balances, PaymentService payments, PaymentGateway gateway,
            BillerService billers, ApplicationEventPublisher events, PlatformTransactionManager txManager, Clock clock,
            @Value("${ratepayer.autopay.settle-after:2m}") Duration settleAfter,
            @Value("${ratepayer.autopay.give-up-after:15m}") Duration giveUpAfter) {
        this.attempts = attempts;
        this.balances = balances;
        this.payments = payments;
        this.gateway = gateway;
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
        int due = 0;
        // Option 128 (Custom10 grouping, one charge for accounts sharing a Custom10) is not built yet: when it is,
        // the due bills are grouped here and each group charged as one payment with an allocation per account.
        for (AttemptRepository.Enrolled e : attempts.enrolled(bid, date)) {
            try {
                if (autopay(runId, bid, date, config.timeZone(), e, retryDays)) {
                    due++;
                }
            } catch (RuntimeException ex) {
                // one account's failure never stops the others; its attempt, if claimed, is settled by a later run
                log.error("autopay run {} biller {} account {}: failed, left for the next run", runId, bid, e.accountNumber(), ex);
            }
        }
        for (AttemptRepository.Scheduled s : attempts.scheduled(bid, date)) {
            try {
                if (scheduled(runId, bid, date, s)) {
                    due++;
                }
            } catch (RuntimeException ex) {
                log.error("autopay run {} biller {} scheduled payment {}: failed, left for the next run", runId, bid, s.guid(), ex);
            }
        }
        if (date.isBefore(config.today(clock))) {
            // a run for a day that has ended is that day's last: a CIS still unreachable means not charged
            close(bid, date.plusDays(1));
        }
        return due;
    }

    private boolean autopay(long runId, long bid, LocalDate date, ZoneId zone, AttemptRepository.Enrolled e, List<Integer> retryDays) {
        List<AttemptRepository.Attempt> past = attempts.past(bid, e.accountNumber(), e.invoiceNumber(), null);
        AutopayRules.Verdict verdict = AutopayRules.due(new AutopayRules.Candidate(date, e.collectOn(),
                e.enrolledAt().atZoneSameInstant(zone).toLocalDate(), e.method(), e.cardExpiry(), retryDays,
                past.stream().map(AutopayEngine::past).toList()));
        if (verdict == AutopayRules.Verdict.NOT_YET || verdict == AutopayRules.Verdict.DONE) {
            return false;
        }
        String key = "autopay-" + UUID.randomUUID();
        Optional<Long> claimed = attempts.claim(bid, e.accountNumber(), e.invoiceNumber(), null, Channel.AUTOPAY.name(), next(past), runId,
                date, null, key, now());
        if (claimed.isEmpty()) {
            return true; // another run has this bill's attempt
        }
        long id = claimed.get();
        if (verdict == AutopayRules.Verdict.CARD_EXPIRED) {
            notCharged(id, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, null, date, AutopayRules.CARD_EXPIRED, null);
            return true;
        }
        Optional<BalanceView> found = balances.balance(bid, e.accountNumber());
        if (found.isEmpty()) {
            notCharged(id, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, null, date, "account_not_found", null);
            return true;
        }
        BalanceView b = found.get();
        AutopayRules.Charge charge = AutopayRules.charge(new AutopayRules.Balance(b.balanceDue(), b.source(), b.blockAch(), b.blockCc(),
                e.method(), e.maximumAmount()));
        if (AutopayRules.CIS_UNREACHABLE.equals(charge.reason())) {
            // tried again by the day's later runs; not charged, and told, only when the day ends so
            attempts.finish(id, "CIS_UNREACHABLE", AutopayRules.CIS_UNREACHABLE, null, null, "the CIS could not be reached", now());
            return true;
        }
        if (!charge.charges()) {
            notCharged(id, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, null, date, charge.reason(), b.balanceDue());
            return true;
        }
        pay(new Claim(id, bid, e.accountNumber(), e.invoiceNumber(), Channel.AUTOPAY, null, date, charge.amount(), e.token(), key,
                failures(past), firstFailure(past, date)), retryDays);
        return true;
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
            notCharged(id, bid, locked.accountNumber(), locked.invoiceNumber(), Channel.SCHEDULED, locked.guid(), date, AutopayRules.CARD_EXPIRED, null);
            return true;
        }
        // a scheduled payment is not retried: its payer chose the day
        pay(new Claim(id, bid, locked.accountNumber(), locked.invoiceNumber(), Channel.SCHEDULED, locked.guid(), date, locked.amount(),
                locked.token(), key,
                0, date), List.of());
        return true;
    }

    private record Claimed(long id, AttemptRepository.Scheduled scheduled) {
    }

    private record Claim(long id, long bid, String account, String invoice, Channel channel, UUID scheduled, LocalDate date,
            BigDecimal amount, String token, String key, int failuresBefore, LocalDate firstFailure) {
    }

    private void pay(Claim c, List<Integer> retryDays) {
        PaymentOutcome outcome;
        try {
            outcome = payments.submit(c.bid(), c.key(), new PaymentRequest(c.channel(), c.account(), c.invoice(), c.amount(), null, null,
                    c.token(), null, null));
        } catch (RuntimeException ex) {
            // the payment may exist: the attempt stays in progress and a later run asks what became of it
            log.warn("autopay attempt {}: the payment's outcome is not known yet, settled later: {}", c.id(), ex.toString());
            attempts.note(c.id(), c.amount(), null, "outcome pending", now());
            return;
        }
        if (outcome instanceof PaymentOutcome.Taken t) {
            record(c.id(), c.bid(), c.account(), c.invoice(), c.channel(), c.scheduled(), c.date(), t.status(), c.amount(), t.paymentGuid(), t.message(),
                    c.failuresBefore(), c.firstFailure(), retryDays);
        } else if (outcome instanceof PaymentOutcome.Refused r) {
            if (r.inProgress()) {
                attempts.note(c.id(), c.amount(), null, "outcome pending", now());
            } else {
                notCharged(c.id(), c.bid(), c.account(), c.invoice(), c.channel(), c.scheduled(), c.date(), r.code(), c.amount());
            }
        }
    }

    /** Records a payment's outcome on its attempt and tells it, once: only the call that moves the attempt publishes. */
    private void record(long id, long bid, String account, String invoice, Channel channel, UUID scheduled, LocalDate date,
            PaymentStatus status, BigDecimal amount, UUID guid, String message, int failuresBefore, LocalDate firstFailure,
            List<Integer> retryDays) {
        if (status.isApproved() || status == PaymentStatus.VOIDED || status == PaymentStatus.REFUNDED) {
            if (attempts.finish(id, "APPROVED", null, amount, guid, message, now())) {
                events.publishEvent(new AutopayEvent.Charged(bid, account, invoice, channel.name(), scheduled, date, amount, guid));
            }
        } else if (status.isUnsuccessful()) {
            if (attempts.finish(id, status.name(), null, amount, guid, message, now())) {
                LocalDate next = channel == Channel.AUTOPAY ? AutopayRules.nextRetry(firstFailure, failuresBefore + 1, retryDays) : null;
                events.publishEvent(new AutopayEvent.Declined(bid, account, invoice, channel.name(), scheduled, date, amount, guid, message,
                        next));
            }
        } else {
            attempts.note(id, amount, guid, message, now());
        }
    }

    private void notCharged(long id, long bid, String account, String invoice, Channel channel, UUID scheduled, LocalDate date,
            String reason, BigDecimal amount) {
        if (attempts.finish(id, "SKIPPED", reason, amount, null, null, now())) {
            events.publishEvent(new AutopayEvent.NotCharged(bid, account, invoice, channel.name(), scheduled, date, reason));
        }
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
                Optional<PaymentGateway.Result> known = gateway.lookup(p.guid());
                if (known.isPresent()) {
                    status = known.get().outcome().status();
                    message = "settled: " + known.get().message();
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
            record(a.id(), a.bid(), a.accountNumber(), a.invoiceNumber(), channel, attempts.scheduledGuid(a.scheduledPaymentId()),
                    a.runDate(), status, p.amount(), p.guid(), message, failures(before), firstFailure(before, a.runDate()),
                    channel == Channel.AUTOPAY ? retryDays : List.of());
            return;
        }
        // No payment under the key: give the key a refused answer of its own first, so that a submission still on its
        // way (a node paused, not dead) is refused as a different request instead of paying after the next attempt.
        PaymentOutcome fence = payments.submit(a.bid(), a.idempotencyKey(), new PaymentRequest(channel, a.accountNumber(), a.invoiceNumber(),
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
