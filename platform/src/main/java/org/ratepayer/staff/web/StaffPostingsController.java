package org.ratepayer.staff.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.postings.PostingsMonitor;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The postings monitor page (docs/staff-portal.md, "Postings"): counts per kind, the age of the oldest pending
 * posting, the parked ones with retry and skip (a reason is required, kept with the posting and in the audit log),
 * the latest pending and delivered. The operations are the REST API's (docs/postings.md).
 */
@Controller
@StaffPage
class StaffPostingsController {

    private final PostingsMonitor monitor;
    private final StaffAudit audit;
    private final TransactionTemplate tx;

    StaffPostingsController(PostingsMonitor monitor, StaffAudit audit, TransactionTemplate tx) {
        this.monitor = monitor;
        this.audit = audit;
        this.tx = tx;
    }

    @GetMapping("/staff/{bid}/postings")
    String page(@PathVariable long bid, SignedInStaff staff, Model model) {
        PostingsMonitor.Summary summary = monitor.summary(bid);
        model.addAttribute("summary", summary);
        model.addAttribute("oldest", StaffFormat.age(summary.oldestPending()));
        model.addAttribute("parked", monitor.list(bid, "PARKED", 100));
        model.addAttribute("pending", monitor.list(bid, "PENDING", 20));
        model.addAttribute("delivered", monitor.list(bid, "DELIVERED", 20));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "staff/postings";
    }

    @PostMapping("/staff/{bid}/postings/{id}/retry")
    String retry(@PathVariable long bid, @PathVariable UUID id, SignedInStaff staff, @RequestParam(defaultValue = "") String reason,
            Model model, HttpServletResponse response) {
        return act(bid, id, staff, reason, "retry", model, response);
    }

    @PostMapping("/staff/{bid}/postings/{id}/skip")
    String skip(@PathVariable long bid, @PathVariable UUID id, SignedInStaff staff, @RequestParam(defaultValue = "") String reason,
            Model model, HttpServletResponse response) {
        return act(bid, id, staff, reason, "skip", model, response);
    }

    private String act(long bid, UUID id, SignedInStaff staff, String reason, String verb, Model model, HttpServletResponse response) {
        staff.requireWrite();
        String why = reason.strip();
        if (why.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            String message = "Say why you " + verb + " it: the reason is kept with the posting.";
            boolean listed = monitor.list(bid, "PARKED", 100).stream().anyMatch(p -> p.postingId().equals(id));
            // next to the reason field when the posting is on the page, else at the top
            model.addAttribute(listed ? "errors" : "error", listed ? Map.of(id.toString(), message) : message);
            return page(bid, staff, model);
        }
        String actor = "staff " + staff.username();
        Boolean done = tx.execute(status -> {
            boolean ok = "retry".equals(verb) ? monitor.retry(bid, id, actor, why) : monitor.skip(bid, id, actor, why);
            if (ok) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", "retry".equals(verb) ? "PENDING" : "SKIPPED");
                after.put("reason", why);
                audit.record(staff, "posting." + verb, "posting " + id, Map.of("status", "PARKED"), after);
            }
            return ok;
        });
        if (!Boolean.TRUE.equals(done)) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", "Posting " + id + " is not parked (any more); only a parked posting can be "
                    + ("retry".equals(verb) ? "retried." : "skipped."));
            return page(bid, staff, model);
        }
        model.addAttribute("notice", "retry".equals(verb) ? "Posting " + id + " will be sent again now."
                : "Posting " + id + " is skipped; the postings behind it go on.");
        return page(bid, staff, model);
    }
}
