package org.ratepayer.payments.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.payments.batches.Batch;
import org.ratepayer.payments.batches.BatchClosing;
import org.ratepayer.payments.batches.BatchReport;
import org.ratepayer.payments.batches.BatchReports;
import org.ratepayer.payments.batches.BatchStatus;
import org.ratepayer.payments.batches.Breakdown;
import org.ratepayer.payments.batches.Reversals;
import org.ratepayer.payments.batches.Totals;
import org.ratepayer.payments.settlement.Settlements;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Daily payment batches (docs/payments.md, C10): staff close the day early and read batch reports. */
@RestController
@RequestMapping("/api/v1/billers/{bid}/batches")
public class BatchController {

    private final BatchClosing closing;
    private final BatchReports reports;
    private final Settlements settlements;

    public BatchController(BatchClosing closing, BatchReports reports, Settlements settlements) {
        this.closing = closing;
        this.reports = reports;
        this.settlements = settlements;
    }

    /** How many payments and how much money, fees apart. */
    public record BatchTotals(long paymentCount, BigDecimal totalAmount, BigDecimal totalFee) {
        static BatchTotals of(Totals t) {
            return new BatchTotals(t.count(), t.amount(), t.fee());
        }

        static <K extends Enum<K>> Map<String, BatchTotals> byName(Map<K, Totals> totals) {
            Map<String, BatchTotals> out = new LinkedHashMap<>();
            totals.forEach((k, t) -> out.put(k.name(), of(t)));
            return Collections.unmodifiableMap(out);
        }
    }

    /** A batch in the list of recent batches, with the totals fixed at its closure. */
    public record BatchSummary(long batchId, long billerId, String status, LocalDate businessDate, OffsetDateTime cutoff,
            OffsetDateTime closedAt, String closedBy, long paymentCount, BigDecimal totalAmount, BigDecimal totalFee) {
        static BatchSummary of(Batch b) {
            return new BatchSummary(b.id(), b.billerId(), b.status().name(), b.businessDate(), b.cutoff(), b.closedAt(),
                    b.closedBy(), b.totals().count(), b.totals().amount(), b.totals().fee());
        }
    }

    /**
     * One batch's report: the batch, its figures overall, per method and per channel, the refunds and voids of its
     * business day (docs/refunds.md, "Reports"), and {@code settlement}, the processor's settlement of that day (the next
     * day's), null until that has run (docs/settlement.md).
     */
    public record BatchReportView(long batchId, long billerId, String status, LocalDate businessDate, OffsetDateTime cutoff,
            OffsetDateTime closedAt, String closedBy, long paymentCount, BigDecimal totalAmount, BigDecimal totalFee,
            Map<String, BatchTotals> byMethod, Map<String, BatchTotals> byChannel, Reversals reversals,
            SettlementController.SettlementView settlement) {
        static BatchReportView of(BatchReport r, Settlements settlements) {
            Batch b = r.batch();
            Breakdown d = r.breakdown();
            return new BatchReportView(b.id(), b.billerId(), b.status().name(), b.businessDate(), b.cutoff(), b.closedAt(),
                    b.closedBy(), d.total().count(), d.total().amount(), d.total().fee(), BatchTotals.byName(d.byMethod()),
                    BatchTotals.byName(d.byChannel()), r.reversals(), settlements.ofBusinessDay(b.billerId(), b.businessDate())
                            .map(SettlementController.SettlementView::of).orElse(null));
        }
    }

    /** What closing now would take; {@code batchId} is always null, as no batch holds these payments yet. */
    public record OpenBatchView(Long batchId, long billerId, String status, long paymentCount, BigDecimal totalAmount,
            BigDecimal totalFee, Map<String, BatchTotals> byMethod, Map<String, BatchTotals> byChannel, Reversals reversals) {
        static OpenBatchView of(long bid, Breakdown d, Reversals reversals) {
            return new OpenBatchView(null, bid, BatchStatus.OPEN.name(), d.total().count(), d.total().amount(), d.total().fee(),
                    BatchTotals.byName(d.byMethod()), BatchTotals.byName(d.byChannel()), reversals);
        }
    }

    /** Closes the biller's batch now; an empty one is recorded too, so staff can see the day was closed. */
    @PostMapping("/close")
    public ResponseEntity<BatchReportView> close(@PathVariable long bid, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        Batch batch = closing.closeNow(bid, caller.actor());
        BatchReport report = reports.report(bid, batch.id()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/billers/" + bid + "/batches/" + batch.id()))
                .body(BatchReportView.of(report, settlements));
    }

    @GetMapping
    public List<BatchSummary> recent(@PathVariable long bid, Caller caller, @RequestParam(defaultValue = "31") int limit) {
        caller.actFor(bid, KeyKind.API);
        return reports.recent(bid, Math.max(1, Math.min(limit, 366))).stream().map(BatchSummary::of).toList();
    }

    /** What closing now would take: the approved payments no batch holds yet. */
    @GetMapping("/open")
    public OpenBatchView open(@PathVariable long bid, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return OpenBatchView.of(bid, reports.open(bid), reports.openReversals(bid));
    }

    @GetMapping("/{batchId:\\d+}")
    public BatchReportView get(@PathVariable long bid, @PathVariable long batchId, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return BatchReportView.of(reports.report(bid, batchId)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no batch " + batchId)), settlements);
    }
}
