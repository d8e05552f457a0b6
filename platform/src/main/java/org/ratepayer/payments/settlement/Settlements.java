package org.ratepayer.payments.settlement;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.batches.BatchProperties;
import org.ratepayer.payments.batches.BusinessDay;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.PaymentGateway.Settlement;
import org.ratepayer.payments.internal.PaymentTransitions;
import org.ratepayer.shared.web.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily settlement (docs/settlement.md): asks the processor what it funded for a biller on a day, moves those
 * payments from APPROVED to SETTLED through the payments' transitions (so their history shows it), and records the
 * day with its mismatches. A day is settled once: a rerun, by the schedule, the operator or a second node at the same
 * moment, answers the recorded result and changes nothing.
 */
@Service
public class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    static final String SCHEDULE = "schedule";

    private final SettlementRepository runs;
    private final PaymentGateway gateway;
    private final PaymentTransitions transitions;
    private final BillerService billers;
    private final BatchProperties batches;
    private final SettlementProperties props;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock;

    public Settlements(SettlementRepository runs, PaymentGateway gateway, PaymentTransitions transitions, BillerService billers,
            BatchProperties batches, SettlementProperties props, PlatformTransactionManager txManager, MeterRegistry meters,
            Clock clock) {
        this.runs = runs;
        this.gateway = gateway;
        this.transitions = transitions;
        this.billers = billers;
        this.batches = batches;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.meters = meters;
        this.clock = clock;
        // every kind is charted from zero, so a first mismatch shows as a rise rather than a new series
        for (MismatchKind k : MismatchKind.values()) {
            meters.counter("ratepayer.settlement.mismatches", "kind", k.name());
        }
        meters.counter("ratepayer.settlement.settled");
    }

    /** The day's recorded settlement, if it ran. */
    public Optional<SettlementResult> result(long bid, LocalDate day) {
        return runs.find(bid, day);
    }

    /** The settlement that funded business day {@code businessDate}: the one of the day after it. */
    public Optional<SettlementResult> ofBusinessDay(long bid, LocalDate businessDate) {
        return runs.find(bid, businessDate.plusDays(1));
    }

    /**
     * Settles the biller's day, or answers how it was settled.
     *
     * @throws BadRequestException naming {@code date} when the business day it funds has not ended yet
     */
    public SettlementResult settle(long bid, LocalDate day, String ranBy) {
        Biller biller = billers.require(bid);
        Optional<SettlementResult> done = runs.find(bid, day);
        if (done.isPresent()) {
            return done.get();
        }
        BusinessDay businessDay = batches.businessDay(biller.timeZone());
        LocalDate fundedDay = day.minusDays(1);
        Instant from = businessDay.end(fundedDay.minusDays(1));
        Instant to = businessDay.end(fundedDay);
        if (to.isAfter(clock.instant())) {
            throw new BadRequestException("date", "the settlement of " + day + " funds business day " + fundedDay
                    + ", which has not ended yet (it ends at " + to.atZone(biller.timeZone()).toOffsetDateTime() + ")");
        }
        // The processor is asked before the transaction: a slow answer must not hold locks on payments.
        List<Settlement> theirs = gateway.settled(bid, day);
        Run run = tx.execute(status -> {
            if (!runs.claim(bid, day, OffsetDateTime.now(clock), ranBy)) {
                return new Run(runs.find(bid, day).orElseThrow(), null);
            }
            Map<UUID, Settlement> funded = new LinkedHashMap<>();
            theirs.forEach(t -> funded.putIfAbsent(t.paymentGuid(), t));
            SettlementMatching.Plan plan = SettlementMatching.match(runs.ours(bid, from, to, funded.keySet()), theirs);
            String message = "Settled by the processor on " + day;
            for (SettlementMatching.ToSettle s : plan.toSettle()) {
                // the row is locked by ours(): nothing else can have moved it since
                if (s.from() == PaymentStatus.PENDING) {
                    // funded is confirmed: the same move a confirmation event makes, then the settlement's (docs/ach.md)
                    transitions.move(s.paymentId(), PaymentStatus.PENDING, PaymentStatus.APPROVED, null, null,
                            "Confirmed: funded by the processor on " + day)
                            .orElseThrow(() -> new IllegalStateException("payment " + s.guid() + " left PENDING during its settlement"));
                }
                transitions.move(s.paymentId(), PaymentStatus.APPROVED, PaymentStatus.SETTLED, null, null, message)
                        .orElseThrow(() -> new IllegalStateException("payment " + s.guid() + " left APPROVED during its settlement"));
            }
            plan.mismatches().forEach(m -> runs.mismatch(bid, day, m));
            BigDecimal settledTotal = sum(plan.toSettle()).add(sum(plan.alreadySettled()));
            BigDecimal fundedTotal = funded.values().stream().map(Settlement::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            runs.totals(bid, day, funded.size(), fundedTotal, plan.toSettle().size() + plan.alreadySettled().size(), settledTotal,
                    plan.mismatches().size());
            return new Run(runs.find(bid, day).orElseThrow(), plan);
        });
        if (run.plan() != null) {
            // counted once committed, and only by the run that settled the day
            meters.counter("ratepayer.settlement.settled").increment(run.plan().toSettle().size());
            run.plan().mismatches().forEach(m -> meters.counter("ratepayer.settlement.mismatches", "kind", m.kind().name()).increment());
            if (!run.plan().mismatches().isEmpty()) {
                log.warn("biller {}: settlement of {} has {} mismatches", bid, day, run.plan().mismatches().size());
            }
        }
        return run.result();
    }

    /**
     * The daily run: each biller's day once its settlement time has passed in the biller's zone. A biller settled
     * already is passed over; one that fails does not keep the others from settling.
     *
     * @return how many billers' days are settled (now or before)
     * @throws IllegalStateException when some could not be, so that db-scheduler retries the run
     */
    public int settleAllDue() {
        Instant now = clock.instant();
        List<Biller> all = billers.all();
        int settled = 0;
        int failed = 0;
        for (Biller b : all) {
            LocalDate day = dueDay(now, b.timeZone());
            Instant fundedDayEnds = batches.businessDay(b.timeZone()).end(day.minusDays(1));
            if (fundedDayEnds.isAfter(now)) {
                continue; // a close time later than the settlement time: the next run settles it
            }
            try {
                if (runs.find(b.bid(), day).isEmpty()) {
                    settle(b.bid(), day, SCHEDULE);
                }
                settled++;
            } catch (RuntimeException e) {
                failed++;
                log.error("biller {}: the settlement of {} could not be read or recorded", b.bid(), day, e);
            }
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " billers' settlements are not recorded yet");
        }
        return settled;
    }

    /** Today in the biller's zone once the settlement time has passed there, yesterday before it. */
    LocalDate dueDay(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return local.toLocalTime().isBefore(props.time()) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    private static BigDecimal sum(List<SettlementMatching.ToSettle> settled) {
        return settled.stream().map(SettlementMatching.ToSettle::funded).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private record Run(SettlementResult result, SettlementMatching.Plan plan) {
    }
}
