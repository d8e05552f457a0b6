package org.ratepayer.payments.batches;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes batches: a batch takes every approved payment of its biller made before its cutoff that
 * no earlier batch took, all in one transaction, so a closure happens entirely or not at all and
 * several nodes closing at once never put a payment in two batches. A payment still waiting for
 * its outcome at the cutoff joins the first batch closed after it is approved.
 *
 * <p>Payments stay APPROVED: SETTLED means the processor has funded them, which only its
 * settlement report can say, not our closing the day.
 */
@Service
public class BatchClosing {

    private static final Logger log = LoggerFactory.getLogger(BatchClosing.class);
    static final String SCHEDULE = "schedule";

    private final BatchRepository batches;
    private final BillerService billers;
    private final BatchProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;

    public BatchClosing(BatchRepository batches, BillerService billers, BatchProperties props, PlatformTransactionManager txManager,
            Clock clock) {
        this.batches = batches;
        this.billers = billers;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /** Staff closing the biller's batch now, ahead of (or in addition to) the daily closure. */
    public Batch closeNow(long bid, String actor) {
        billers.require(bid);
        return close(bid, clock.instant(), actor);
    }

    /**
     * The daily closure: every biller's batch for the business day that ended last in the biller's own
     * zone. Running it again changes nothing, because each biller's batch is keyed by its day's cutoff;
     * the schedule runs it often enough that every zone's close time is met soon after it passes.
     *
     * @return how many billers' last business days are closed
     * @throws IllegalStateException when some could not be, so that db-scheduler retries the run
     */
    public int closeAllDue() {
        Instant now = clock.instant();
        List<Biller> all = billers.all();
        int closed = 0;
        int newlyClosed = 0;
        long payments = 0;
        for (Biller b : all) {
            BusinessDay businessDay = props.businessDay(b.timeZone());
            Instant cutoff = businessDay.lastCloseAtOrBefore(now);
            LocalDate day = businessDay.dateOf(cutoff);
            try {
                if (batches.findByCutoff(b.bid(), cutoff.truncatedTo(ChronoUnit.MICROS)).isEmpty()) {
                    payments += close(b.bid(), cutoff, SCHEDULE).totals().count();
                    newlyClosed++;
                }
                closed++;
            } catch (RuntimeException e) {
                // One biller's failure must not keep the others' day open; the retry picks it up.
                log.error("biller {}: the batch for {} could not be closed", b.bid(), day, e);
            }
        }
        if (newlyClosed > 0) {
            log.info("batches closed for {} billers ({} payments)", newlyClosed, payments);
        }
        if (closed < all.size()) {
            throw new IllegalStateException((all.size() - closed) + " billers' batches are not closed yet");
        }
        return closed;
    }

    /**
     * Closes the biller's batch at this cutoff; when one is already closed at exactly this cutoff
     * (a retried or concurrent scheduled run) that one is answered and nothing changes.
     */
    public Batch close(long bid, Instant cutoff, String closedBy) {
        // The database keeps microseconds; the key must be the value it stores.
        Instant at = cutoff.truncatedTo(ChronoUnit.MICROS);
        return tx.execute(status -> {
            // The day is the biller's: a payment at 21:00 in New York is on that New York date.
            LocalDate day = props.businessDay(billers.cachedBiller(bid).timeZone()).dateOf(at);
            Optional<Long> created = batches.insertClosed(bid, day, at, closedBy);
            if (created.isEmpty()) {
                return batches.findByCutoff(bid, at).orElseThrow();
            }
            long id = created.get();
            batches.assign(id, bid, at);
            batches.fixTotals(id);
            return batches.find(bid, id).orElseThrow();
        });
    }
}
