package org.ratepayer.servicedesk.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.AchReturn;
import org.ratepayer.payments.AchReturns;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The biller portal's "ACH returns" (docs/ach.md, "Returns for staff"; docs/staff-portal.md): the bank payments their
 * banks sent back, which were posted to the CIS as paid and must be reversed there by hand. Every role reads the list
 * (a read-only auditor too); marking one "reversed in the CIS" is for anyone who may change things (a CSR or an
 * administrator: whoever posts the reversal in Daffron), after a confirmation step, audited once with who and when.
 */
@Controller
@StaffPage
class StaffAchReturnPages {

    private final AchReturns returns;
    private final StaffAudit audit;

    StaffAchReturnPages(AchReturns returns, StaffAudit audit) {
        this.returns = returns;
        this.audit = audit;
    }

    @GetMapping("/staff/{bid}/ach-returns")
    String list(@PathVariable long bid, SignedInStaff staff, Model model) {
        model.addAttribute("open", returns.list(bid, false));
        model.addAttribute("reversed", returns.list(bid, true));
        model.addAttribute("canMark", staff.canWrite());
        return "staff/ach-returns";
    }

    /** The confirmation step: the return's details and the one button that marks it. */
    @GetMapping("/staff/{bid}/ach-returns/{guid}")
    String confirm(@PathVariable long bid, @PathVariable String guid, SignedInStaff staff, Model model, HttpServletResponse response) {
        staff.requireWrite();
        Optional<AchReturn> r = uuid(guid).flatMap(g -> returns.find(bid, g));
        if (r.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", guid);
            return "staff/ach-return";
        }
        model.addAttribute("ret", r.get());
        return "staff/ach-return";
    }

    @PostMapping("/staff/{bid}/ach-returns/{guid}/reversed")
    String reversed(@PathVariable long bid, @PathVariable String guid, SignedInStaff staff, Model model, HttpServletResponse response) {
        staff.requireWrite();
        Optional<UUID> id = uuid(guid);
        AchReturns.Marking m = id.isEmpty() ? new AchReturns.Marking(AchReturns.Marked.NOT_FOUND, null)
                : returns.markReversed(bid, id.get(), "staff:" + staff.username());
        if (m.marked() == AchReturns.Marked.NOT_FOUND) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", guid);
            return "staff/ach-return";
        }
        if (m.marked() == AchReturns.Marked.MARKED) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("payment", m.ret().paymentGuid());
            after.put("account", m.ret().accountNumber());
            after.put("amount", m.ret().amount());
            after.put("returnCode", m.ret().returnCode());
            after.put("reversedAt", m.ret().reversedAt().toString());
            // once per return: a form sent twice marks and logs nothing more
            audit.recordOnce(staff, "ach-return.reversed", "payment " + m.ret().paymentGuid(), null, after);
        }
        return "redirect:/staff/" + bid + "/ach-returns?" + (m.marked() == AchReturns.Marked.MARKED ? "marked=" : "already=")
                + m.ret().paymentGuid();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
