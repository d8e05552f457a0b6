package org.ratepayer.payments.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.net.URI;
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
import org.ratepayer.payments.batches.Totals;
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

    public BatchController(BatchClosing closing, BatchReports reports) {
        this.closing = closing;
        this.reports = reports;
    }

    /** Closes the biller's batch now; an empty one is recorded too, so staff can see the day was closed. */
    @PostMapping("/close")
    public ResponseEntity<Map<String, Object>> close(@PathVariable long bid, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        Batch batch = closing.closeNow(bid, caller.actor());
        BatchReport report = reports.report(bid, batch.id()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/billers/" + bid + "/batches/" + batch.id())).body(report(report));
    }

    @GetMapping
    public List<Map<String, Object>> recent(@PathVariable long bid, Caller caller, @RequestParam(defaultValue = "31") int limit) {
        caller.actFor(bid, KeyKind.API);
        return reports.recent(bid, Math.max(1, Math.min(limit, 366))).stream().map(BatchController::summary).toList();
    }

    /** What closing now would take: the approved payments no batch holds yet. */
    @GetMapping("/open")
    public Map<String, Object> open(@PathVariable long bid, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", null);
        body.put("billerId", bid);
        body.put("status", BatchStatus.OPEN.name());
        figures(body, reports.open(bid));
        return body;
    }

    @GetMapping("/{batchId:\\d+}")
    public Map<String, Object> get(@PathVariable long bid, @PathVariable long batchId, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return report(reports.report(bid, batchId)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no batch " + batchId)));
    }

    private static Map<String, Object> summary(Batch b) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", b.id());
        body.put("billerId", b.billerId());
        body.put("status", b.status().name());
        body.put("businessDate", b.businessDate());
        body.put("cutoff", b.cutoff());
        body.put("closedAt", b.closedAt());
        body.put("closedBy", b.closedBy());
        totals(body, b.totals());
        return body;
    }

    private static Map<String, Object> report(BatchReport r) {
        Map<String, Object> body = summary(r.batch());
        figures(body, r.breakdown());
        return body;
    }

    private static void figures(Map<String, Object> body, Breakdown d) {
        totals(body, d.total());
        Map<String, Object> byMethod = new LinkedHashMap<>();
        d.byMethod().forEach((method, t) -> byMethod.put(method.name(), totals(new LinkedHashMap<>(), t)));
        Map<String, Object> byChannel = new LinkedHashMap<>();
        d.byChannel().forEach((channel, t) -> byChannel.put(channel.name(), totals(new LinkedHashMap<>(), t)));
        body.put("byMethod", byMethod);
        body.put("byChannel", byChannel);
    }

    private static Map<String, Object> totals(Map<String, Object> body, Totals t) {
        body.put("paymentCount", t.count());
        body.put("totalAmount", t.amount());
        body.put("totalFee", t.fee());
        return body;
    }
}
