package org.ratepayer.servicedesk.web;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentRefunds;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.Refund;
import org.ratepayer.payments.RefundHistory;
import org.ratepayer.payments.RefundRefused;
import org.ratepayer.payments.RefundRules;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.ratepayer.staff.StaffRole;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A payment's page in the biller portal with its refund history, and the refund pages for administrators
 * (docs/refunds.md, "Biller portal"): a form whose amount starts at what is left, a confirmation step that shows the
 * amount, then the refund. The form carries an idempotency key made when it is shown, so sending it twice refunds
 * once and is audited once. Every role may read the payment page; only an administrator sees the Refund button, and a
 * refund page or post by anyone else is a 403 page.
 */
@Controller
@StaffPage
class StaffRefundPages {

    private final PaymentService payments;
    private final PaymentRefunds refunds;
    private final StaffAudit audit;
    private final org.ratepayer.payments.AchReturns achReturns;

    StaffRefundPages(PaymentService payments, PaymentRefunds refunds, StaffAudit audit, org.ratepayer.payments.AchReturns achReturns) {
        this.payments = payments;
        this.refunds = refunds;
        this.audit = audit;
        this.achReturns = achReturns;
    }

    @GetMapping("/staff/{bid}/payments/{guid}")
    String payment(@PathVariable long bid, @PathVariable String guid, SignedInStaff staff, Model model, HttpServletResponse response) {
        show(bid, guid, model, response);
        return "staff/payment";
    }

    @GetMapping("/staff/{bid}/payments/{guid}/refund")
    String form(@PathVariable long bid, @PathVariable String guid, SignedInStaff staff, Model model, HttpServletResponse response) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        if (!show(bid, guid, model, response)) {
            return "staff/payment";
        }
        RefundHistory h = (RefundHistory) model.getAttribute("history");
        model.addAttribute("amount", h.left().toPlainString());
        model.addAttribute("reason", "");
        model.addAttribute("key", UUID.randomUUID().toString());
        return "staff/refund";
    }

    /** The confirmation step: the amount checked for shape and against what is left, nothing sent yet. */
    @PostMapping("/staff/{bid}/payments/{guid}/refund/confirm")
    String confirm(@PathVariable long bid, @PathVariable String guid, SignedInStaff staff, @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reason, Model model,
            HttpServletResponse response) {
        if (!posted(bid, guid, staff, key, amount, reason, model, response)) {
            return "staff/payment";
        }
        try {
            BigDecimal money = money(amount);
            RefundHistory h = (RefundHistory) model.getAttribute("history");
            RefundRules.requireWithin(h.charged(), h.left(), money);
            if (h.status() == PaymentStatus.PENDING) {
                RefundRules.requireWhole(h.charged(), money);
            }
            model.addAttribute("amount", money.toPlainString());
            model.addAttribute("confirming", true);
        } catch (Refusal e) {
            return refused(e, model, response);
        }
        return "staff/refund";
    }

    @PostMapping("/staff/{bid}/payments/{guid}/refunds")
    String refund(@PathVariable long bid, @PathVariable String guid, SignedInStaff staff, @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reason, Model model,
            HttpServletResponse response) {
        if (!posted(bid, guid, staff, key, amount, reason, model, response)) {
            return "staff/payment";
        }
        try {
            if (key.isBlank() || key.length() > 100) {
                throw new RefundRefused(Refusal.Kind.INVALID, "invalid_field", "key", "the form's refund key is missing; reload the page");
            }
            Refund r = refunds.refund(bid, UUID.fromString(guid), money(amount), reason, "staff:" + key.strip(), "staff:" + staff.username());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("payment", r.paymentGuid());
            after.put("kind", r.kind().name());
            after.put("amount", r.amount());
            after.put("reason", r.reason());
            after.put("status", r.status().name());
            // the same form sent twice answers the same refund: logged once, by the refund it names
            audit.recordOnce(staff, "payment.refund", "refund " + r.refundId(), null, after);
            return "redirect:/staff/" + bid + "/payments/" + r.paymentGuid() + "?refund=" + r.refundId() + "&status=" + r.status();
        } catch (Refusal e) {
            model.addAttribute("confirming", false);
            return refused(e, model, response);
        }
    }

    /** A refund form posted by an administrator: the payment and what was typed back in the model; false as {@link #show}. */
    private boolean posted(long bid, String guid, SignedInStaff staff, String key, String amount, String reason, Model model,
            HttpServletResponse response) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        if (!show(bid, guid, model, response)) {
            return false;
        }
        model.addAttribute("amount", amount);
        model.addAttribute("reason", reason);
        model.addAttribute("key", key);
        return true;
    }

    /** Puts the payment and its refunds in the model; false (and a 404 page) when the biller has no such payment. */
    private boolean show(long bid, String guid, Model model, HttpServletResponse response) {
        Optional<UUID> id = uuid(guid);
        Optional<Payment> p = id.flatMap(g -> payments.find(bid, g));
        if (p.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", guid);
            return false;
        }
        RefundHistory h = refunds.history(bid, p.get().guid()).orElseThrow();
        model.addAttribute("payment", p.get());
        model.addAttribute("history", h);
        // a bank payment its bank sent back, and whether staff have reversed it in the CIS yet (docs/ach.md)
        model.addAttribute("achReturn", achReturns.find(bid, p.get().guid()).orElse(null));
        // what is left covers a pending bank payment that can still be cancelled whole (docs/ach.md)
        model.addAttribute("refundable", h.left().signum() > 0);
        return true;
    }

    private static String refused(Refusal e, Model model, HttpServletResponse response) {
        response.setStatus(org.ratepayer.shared.web.ProblemWriter.status(e.kind()));
        model.addAttribute("errorField", e.field());
        model.addAttribute("error", e.detail());
        return "staff/refund";
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal money(String text) {
        try {
            return RefundRules.checkAmount(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new RefundRefused(Refusal.Kind.INVALID, "invalid_field", "amount", "an amount like 12.50");
        }
    }
}
