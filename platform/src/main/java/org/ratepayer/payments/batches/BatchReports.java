package org.ratepayer.payments.batches;

import java.util.List;
import java.util.Optional;
import org.ratepayer.billers.BillerService;
import org.springframework.stereotype.Service;

/** What staff read: recent batches, one batch's report, and the day not closed yet. */
@Service
public class BatchReports {

    private final BatchRepository batches;
    private final BillerService billers;

    public BatchReports(BatchRepository batches, BillerService billers) {
        this.batches = batches;
        this.billers = billers;
    }

    /** Newest first. */
    public List<Batch> recent(long bid, int limit) {
        billers.require(bid);
        return batches.recent(bid, limit);
    }

    public Optional<BatchReport> report(long bid, long batchId) {
        return batches.find(bid, batchId).map(b -> new BatchReport(b, Breakdown.of(batches.cells(b.id())),
                batches.reversals(bid, batches.previousCutoff(bid, b.cutoff().toInstant()), b.cutoff().toInstant())));
    }

    /** The refunds and voids approved since the last batch's cutoff: the open day's. */
    public Reversals openReversals(long bid) {
        billers.require(bid);
        return batches.reversals(bid, batches.previousCutoff(bid, null), null);
    }

    /** The approved payments no batch holds yet: what closing now would take. */
    public Breakdown open(long bid) {
        billers.require(bid);
        return Breakdown.of(batches.unbatchedCells(bid));
    }
}
