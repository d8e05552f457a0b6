package org.ratepayer.autopay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ratepayer.autopay.internal.AttemptRepository;
import org.ratepayer.autopay.internal.AutopayEngine;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Starts autopay runs (a biller's date: its due autopay bills and scheduled payments) and reports them
 * (docs/autopay.md). A run may be started any number of times, on any node, at once: each bill is still charged at
 * most once.
 */
@Service
public class AutopayRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AutopayRuns.class);

    private final AutopayEngine engine;
    private final AttemptRepository repo;
    private final BillerService billers;
    private final Clock clock;
    /** Runs started through the API go on here, so the request answers at once with the run's id. */
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "autopay-run");
        t.setDaemon(true);
        return t;
    });

    /** Beats for every run going on in this node. */
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autopay-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Duration beatEvery;
    private final Duration interruptedAfter;

    public AutopayRuns(AutopayEngine engine, AttemptRepository repo, BillerService billers, Clock clock,
            @Value("${ratepayer.autopay.heartbeat:10s}") Duration beatEvery,
            @Value("${ratepayer.autopay.interrupted-after:1m}") Duration interruptedAfter) {
        this.engine = engine;
        this.repo = repo;
        this.billers = billers;
        this.clock = clock;
        this.beatEvery = beatEvery;
        this.interruptedAfter = interruptedAfter;
    }

    /** Refused: a run for a date after the biller's today. */
    public static final class DateRefused extends Refusal {
        private static final long serialVersionUID = 1L;

        DateRefused(String message) {
            super(Kind.NOT_ALLOWED, "not-allowed", "Not allowed", "future_date", "date", message, null);
        }
    }

    /** The biller's calendar date now. */
    public LocalDate today(long bid) {
        return billers.cachedConfig(bid).today(clock);
    }

    /**
     * Starts a run in the background.
     *
     * @return the run's id
     * @throws DateRefused for a date after the biller's today
     */
    public long start(long bid, LocalDate date, String actor) {
        long id = open(bid, date, actor);
        background.execute(() -> go(id, bid, date));
        return id;
    }

    /** Runs to the end before answering. */
    public long runNow(long bid, LocalDate date, String actor) {
        long id = open(bid, date, actor);
        go(id, bid, date);
        return id;
    }

    /**
     * The schedule's run: as {@link #runNow}, but a run that found nothing due and made no attempt is not kept, so the
     * runs of a biller's day are the ones that did something.
     */
    public void runOnSchedule(long bid, LocalDate date) {
        long id = runNow(bid, date, "schedule");
        repo.deleteIfIdle(id);
    }

    private long open(long bid, LocalDate date, String actor) {
        LocalDate today = today(bid);
        if (date.isAfter(today)) {
            throw new DateRefused("a run charges bills due up to its date, so it cannot be for a day after the biller's today, "
                    + today);
        }
        sweep(bid);
        return repo.insertRun(bid, date, actor, OffsetDateTime.now(clock));
    }

    private void go(long id, long bid, LocalDate date) {
        int due = 0;
        ScheduledFuture<?> beating = heart.scheduleWithFixedDelay(() -> beat(id), beatEvery.toMillis(), beatEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            due = engine.run(id, bid, date);
        } catch (RuntimeException e) {
            log.error("autopay run {} for biller {} on {} failed; the next run settles what it left", id, bid, date, e);
        } finally {
            beating.cancel(false);
            repo.finishRun(id, due, OffsetDateTime.now(clock));
        }
    }

    private void beat(long id) {
        try {
            repo.beat(id, OffsetDateTime.now(clock));
        } catch (RuntimeException e) {
            // the database is away for a moment: the next beat tries again, well within interrupted-after
            log.warn("autopay run {}: heartbeat not recorded ({})", id, e.getMessage());
        }
    }

    /** A run whose node died (killed, lost power) stays RUNNING until someone looks: then it is INTERRUPTED. */
    private void sweep(long bid) {
        int interrupted = repo.markInterrupted(bid, OffsetDateTime.now(clock).minus(interruptedAfter));
        if (interrupted > 0) {
            log.warn("biller {}: {} autopay run(s) interrupted (their node stopped); the next run settles what they left", bid,
                    interrupted);
        }
    }

    /**
     * The autopay charges coming on the days after {@code after} through {@code through} (the biller's dates): each
     * enrolled account whose newest unpaid bill is collected then and not tried yet. The upcoming-charge emails read it.
     */
    public List<UpcomingCharge> upcoming(long bid, LocalDate after, LocalDate through) {
        return repo.upcoming(bid, after, through);
    }

    public Optional<RunReport> report(long bid, long id) {
        sweep(bid);
        return repo.run(bid, id).map(run -> {
            List<AttemptRepository.Attempt> list = repo.attemptsOfRun(id);
            int charged = 0;
            int declined = 0;
            BigDecimal amount = BigDecimal.ZERO;
            Map<String, Integer> skipped = new HashMap<>();
            List<RunReport.Attempt> charges = new ArrayList<>();
            for (AttemptRepository.Attempt a : list) {
                switch (a.status()) {
                    case "APPROVED" -> {
                        charged++;
                        amount = amount.add(a.amount());
                    }
                    case "DECLINED", "ERROR" -> declined++;
                    case "SKIPPED", "CIS_UNREACHABLE" -> skipped.merge(a.reason(), 1, Integer::sum);
                    default -> {
                        // in progress or abandoned: listed, not counted
                    }
                }
                charges.add(new RunReport.Attempt(a.kind(), a.accountNumber(), a.invoiceNumber(), a.attemptNo(), a.status(), a.reason(),
                        a.amount(), a.paymentGuid()));
            }
            return new RunReport(run.id(), run.bid(), run.date(), run.status(), run.startedAt(), run.finishedAt(), run.due(), charged,
                    declined, skipped, amount, charges);
        });
    }

    @Override
    public void destroy() {
        background.shutdownNow();
        heart.shutdownNow();
    }
}
