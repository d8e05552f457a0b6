package org.ratepayer.staff.web;

import java.time.format.DateTimeFormatter;
import org.ratepayer.billers.BillerService;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, newest first, 50 to a page, times in the biller's zone (docs/staff-portal.md, "Audit log"). */
@Controller
@StaffPage
class StaffAuditController {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final StaffAudit audit;
    private final BillerService billers;

    StaffAuditController(StaffAudit audit, BillerService billers) {
        this.audit = audit;
        this.billers = billers;
    }

    @GetMapping("/staff/{bid}/audit")
    String log(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "1") int page, Model model) {
        long total = audit.count(bid);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.max(1, Math.min(page, pages));
        var zone = billers.cachedConfig(bid).timeZone();
        model.addAttribute("entries", audit.newest(bid, (current - 1) * PAGE_SIZE, PAGE_SIZE).stream()
                .map(e -> new Row(e, WHEN.format(e.at().atZone(zone)))).toList());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        return "staff/audit";
    }

    record Row(StaffAudit.Entry entry, String when) {
    }
}
