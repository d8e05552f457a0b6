package org.ratepayer.staff.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ratepayer.payments.batches.Batch;
import org.ratepayer.payments.batches.BatchClosing;
import org.ratepayer.payments.batches.BatchReport;
import org.ratepayer.payments.batches.BatchReports;
import org.ratepayer.payments.settlement.Settlements;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The Batches page (docs/staff-portal.md, "Batches"): what closing now would take, by method and channel; the
 * recent closed batches; close now (audited, closed by "staff {username}"); a closed batch's report, with the
 * processor's settlement of its day and the mismatches (docs/settlement.md). The services
 * are the REST API's (docs/payments.md).
 */
@Controller
@StaffPage
class StaffBatchesController {

    private final BatchClosing closing;
    private final BatchReports reports;
    private final StaffAudit audit;
    private final TransactionTemplate tx;
    private final Settlements settlements;

    StaffBatchesController(BatchClosing closing, BatchReports reports, StaffAudit audit, TransactionTemplate tx, Settlements settlements) {
        this.closing = closing;
        this.reports = reports;
        this.audit = audit;
        this.tx = tx;
        this.settlements = settlements;
    }

    @GetMapping("/staff/{bid}/batches")
    String list(@PathVariable long bid, SignedInStaff staff, Model model) {
        model.addAttribute("open", reports.open(bid));
        model.addAttribute("openReversals", reports.openReversals(bid));
        model.addAttribute("batches", reports.recent(bid, 31));
        return "staff/batches";
    }

    @PostMapping("/staff/{bid}/batches/close")
    String close(@PathVariable long bid, SignedInStaff staff) {
        staff.requireWrite();
        Batch batch = tx.execute(status -> {
            Batch b = closing.closeNow(bid, "staff " + staff.username());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("batchId", b.id());
            after.put("businessDate", b.businessDate().toString());
            after.put("paymentCount", b.totals().count());
            after.put("totalAmount", b.totals().amount());
            after.put("totalFee", b.totals().fee());
            audit.record(staff, "batch.close", "batch " + b.id(), null, after);
            return b;
        });
        return "redirect:/staff/" + bid + "/batches/" + batch.id() + "?closed";
    }

    @GetMapping("/staff/{bid}/batches/{batchId:\\d+}")
    String report(@PathVariable long bid, @PathVariable long batchId, SignedInStaff staff, Model model) {
        BatchReport report = reports.report(bid, batchId)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no batch " + batchId));
        model.addAttribute("report", report);
        // the processor's settlement of this business day, once it has run (docs/settlement.md)
        model.addAttribute("settlement", settlements.ofBusinessDay(bid, report.batch().businessDate()).orElse(null));
        return "staff/batch";
    }
}
