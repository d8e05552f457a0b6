package org.ratepayer.paynow.web;

import org.ratepayer.shared.web.PayerPage;
import org.ratepayer.payments.checkout.PaymentMethodForm;
import org.ratepayer.presentment.BillPdfResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.presentment.BillPdfService;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.paynow.internal.Money;
import org.ratepayer.paynow.internal.PartnerUrlPolicy;
import org.ratepayer.paynow.internal.PayNowCheckout;
import org.ratepayer.paynow.internal.PayNowItem;
import org.ratepayer.paynow.internal.PayNowRequest;
import org.ratepayer.paynow.internal.PayNowService;
import org.ratepayer.paynow.internal.PayNowSession;
import org.ratepayer.paynow.internal.PayNowSessions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Pay Now hosted page (docs/paynow.md), built from the payment page's pieces (its method fields, receipt
 * lines, styles and print script). A partner's one-time link opens it once; from then on the page key in
 * the path is the payer's only credential, so it works in a partner's iframe without cookies. Shows the
 * request's customers and invoices, lets the payer remove invoices (AllowRemove), takes card or bank
 * details (AllowCCPayment / AllowACHPayment / AllowSwipe) with the fees shown before "Pay", and ends on a
 * printable receipt with a way back to the partner (ReturnURL). A session whose request carried a
 * RemoteAuthenticationToken also offers that user's saved methods (their wallet with this biller); any other
 * session never shows one, and a saved method's id is only ever looked up for the session's own user.
 */
@Controller
@PayerPage
public class PayNowPageController {

    private final PayNowService service;
    private final PayNowCheckout checkout;
    private final PaymentService payments;
    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final BillPdfService pdfs;
    private final Wallet wallet;

    /** The form's choice of a new card or bank account, typed in, rather than a saved method (as in the portal). */
    static final String NEW_METHOD = "new";

    public PayNowPageController(PayNowService service, PayNowCheckout checkout, PaymentService payments, BillerService billers,
            InvoiceQueries invoices, BillPdfService pdfs, Wallet wallet) {
        this.service = service;
        this.checkout = checkout;
        this.payments = payments;
        this.billers = billers;
        this.invoices = invoices;
        this.pdfs = pdfs;
        this.wallet = wallet;
    }

    /**
     * The saved methods the page offers: the signed-on user's, of a kind the partner accepts here; none for a session
     * no token signed on.
     */
    private List<SavedPaymentMethod> saved(PayNowSession s) {
        if (s.payerUserId() == null) {
            return List.of();
        }
        PayNowRequest r = s.request();
        return wallet.methods(s.bid(), s.payerUserId()).stream()
                .filter(m -> m.method() == Method.CARD ? r.allowCcPayment() : r.allowAchPayment()).toList();
    }

    /**
     * The saved method the form names, tokenized for this biller: only one of the session's own user's methods of a kind
     * the partner accepts; another user's id, or any id in a session without a user, is refused like one that does not
     * exist, before anything is held or charged.
     */
    private PaymentGateway.Tokenized savedMethod(PayNowSession s, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            uuid = null;
        }
        UUID chosen = uuid;
        String token = chosen == null ? null : saved(s).stream().filter(m -> m.id().equals(chosen)).findFirst()
                .flatMap(m -> wallet.token(s.bid(), s.payerUserId(), m.id())).orElse(null);
        if (token == null) {
            throw new PayNowCheckout.CheckoutException("That saved payment method is not available here. Choose another, or enter "
                    + "a card or bank account.");
        }
        return payments.tokenizeOne(s.bid(), null, null, token);
    }

    /** The stored invoice behind an item, for its bill image (AllowViewStatement). */
    private Optional<InvoiceQueries.Invoice> stored(long bid, PayNowItem item) {
        return invoices.invoices(bid, item.accountNumber()).stream()
                .filter(i -> i.invoiceNumber().equals(item.invoiceNumber())).findFirst();
    }

    @GetMapping("/paynow/{link}")
    public String open(@PathVariable String link, HttpServletResponse response, Model model) {
        Optional<String> page = service.open(link);
        if (page.isEmpty()) {
            return gone(response, model);
        }
        return "redirect:/paynow/p/" + page.get();
    }

    private static String gone(HttpServletResponse response, Model model) {
        response.setStatus(410);
        response.setHeader("Content-Security-Policy", "default-src 'self'; object-src 'none'; frame-ancestors *; form-action 'none'; base-uri 'none'");
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("message", "This payment link has expired or has already been used. Go back to where you "
                + "started and choose Pay again for a new one.");
        return "paynow/gone";
    }

    @GetMapping("/paynow/p/{page}")
    public String page(@PathVariable String page, @RequestParam(defaultValue = "") String step, HttpServletResponse response,
            Model model) {
        Optional<PayNowSession> s = service.session(page);
        if (s.isEmpty()) {
            return gone(response, model);
        }
        if (checkout.outstanding(s.get()).isEmpty() && !checkout.taken(s.get()).isEmpty()) {
            return "redirect:/paynow/p/" + page + "/receipt";
        }
        // PageLoadOverride 1 opens straight at the payment form; 0 first shows the invoices to confirm them.
        boolean pay = step.equals("pay") || s.get().request().pageLoadOverride() == 1;
        return render(page, s.get(), pay ? "pay" : "invoices", null, Map.of(), response, model);
    }

    private String render(String page, PayNowSession s, String step, String error, Map<String, String> form,
            HttpServletResponse response, Model model) {
        common(page, s, response, model);
        List<PayNowItem> outstanding = checkout.outstanding(s);
        PayNowRequest r = s.request();
        List<Map<String, Object>> customers = new ArrayList<>();
        boolean statements = r.pageResultOptions().allowViewStatement();
        for (int ci = 0; ci < r.customers().size(); ci++) {
            int index = ci;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("customer", r.customers().get(ci));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int n = 0; n < s.items().size(); n++) {
                PayNowItem i = s.items().get(n);
                if (i.customer() != index) {
                    continue;
                }
                rows.add(Map.of("item", i, "index", n, "selected", outstanding.contains(i), "removed", s.removed().contains(i.key()),
                        "amount", form.getOrDefault("amount." + i.key(), i.credit() ? "" : i.balanceDue().toPlainString()),
                        "statement", statements && stored(s.bid(), i).map(inv -> pdfs.available(s.bid(), inv)).orElse(false)));
            }
            c.put("items", rows);
            customers.add(c);
        }
        model.addAttribute("customers", customers);
        model.addAttribute("total", outstanding.stream().map(PayNowItem::due).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("lastKnown", s.items().stream().anyMatch(PayNowItem::lastKnown));
        model.addAttribute("anyCredit", outstanding.stream().anyMatch(PayNowItem::credit));
        model.addAttribute("anyPrepaid", outstanding.stream().anyMatch(i -> i.prepaid() && !i.credit()));
        model.addAttribute("canRemove", r.pageResultOptions().allowRemove() && outstanding.size() > 1);
        model.addAttribute("canRestore", r.pageResultOptions().allowRemove());
        model.addAttribute("step", step);
        model.addAttribute("error", error);
        String email = r.customers().stream().map(PayNowRequest.Customer::emailAddress).filter(e -> e != null).findFirst().orElse("");
        // The default saved method is chosen unless the payer chose; the new-method fields stay for a card not saved.
        List<SavedPaymentMethod> saved = saved(s);
        String chosen = saved.stream().filter(SavedPaymentMethod::isDefault).map(m -> m.id().toString()).findFirst().orElse(NEW_METHOD);
        model.addAttribute("saved", saved);
        model.addAttribute("form", Map.of("method", form.getOrDefault("method", r.allowCcPayment() ? "CARD" : "ACH"),
                "payerEmail", form.getOrDefault("payerEmail", email), "savedMethod", form.getOrDefault("savedMethod", chosen)));
        return "paynow/page";
    }

    /** What every Pay Now page shows and sends: the biller, the partner's stylesheet and way back, and the framing policy. */
    private void common(String page, PayNowSession s, HttpServletResponse response, Model model) {
        PartnerUrlPolicy policy = service.policy(s.bid());
        PayNowRequest r = s.request();
        // Checked again at every render: the biller may have withdrawn an origin since the session was made.
        URI css = policy.allows(r.cssUrl()) ? r.cssUrl() : null;
        URI back = policy.allows(r.returnUrl()) ? r.returnUrl() : null;
        model.addAttribute("biller", billers.cachedBiller(s.bid()));
        model.addAttribute("money", Money.US_DOLLARS);
        model.addAttribute("page", page);
        model.addAttribute("request", r);
        model.addAttribute("partnerCss", css == null ? null : css.toString());
        model.addAttribute("returnUrl", back == null ? null : back.toString());
        model.addAttribute("iframe", r.inIframe());
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; img-src 'self' data:; "
                + "style-src 'self'" + (css == null ? "" : " " + PartnerUrlPolicy.originOf(css))
                + "; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors "
                + (r.inIframe() ? policy.frameAncestors() : "'none'"));
        response.setHeader("Cache-Control", "no-store");
    }

    /** The bill image of one of the page's invoices, when the partner allowed it (AllowViewStatement). */
    @GetMapping("/paynow/p/{page}/bill/{index}")
    public void bill(@PathVariable String page, @PathVariable int index, HttpServletResponse response) throws java.io.IOException {
        Optional<PayNowSession> s = service.session(page);
        if (s.isEmpty() || !s.get().request().pageResultOptions().allowViewStatement() || index < 0
                || index >= s.get().items().size()) {
            response.sendError(404);
            return;
        }
        BillPdfResponse.send(pdfs, s.get().bid(), stored(s.get().bid(), s.get().items().get(index)).orElse(null), response);
    }

    @PostMapping("/paynow/p/{page}/remove")
    public String remove(@PathVariable String page, @RequestParam String item, @RequestParam(defaultValue = "") String step,
            HttpServletResponse response, Model model) {
        return changeSelection(page, item, true, step, response, model);
    }

    @PostMapping("/paynow/p/{page}/restore")
    public String restore(@PathVariable String page, @RequestParam String item, @RequestParam(defaultValue = "") String step,
            HttpServletResponse response, Model model) {
        return changeSelection(page, item, false, step, response, model);
    }

    private String changeSelection(String page, String item, boolean remove, String step, HttpServletResponse response,
            Model model) {
        Optional<PayNowSession> s = service.session(page);
        if (s.isEmpty()) {
            return gone(response, model);
        }
        try {
            checkout.remove(s.get(), item, remove);
        } catch (PayNowCheckout.CheckoutException e) {
            return render(page, s.get(), step.equals("pay") ? "pay" : "invoices", e.getMessage(), Map.of(), response, model);
        }
        return "redirect:/paynow/p/" + page + (step.equals("pay") ? "?step=pay" : "");
    }

    @PostMapping("/paynow/p/{page}/review")
    public String review(@PathVariable String page, @RequestParam Map<String, String> form, HttpServletResponse response,
            Model model) {
        Optional<PayNowSession> s = service.session(page);
        if (s.isEmpty()) {
            return gone(response, model);
        }
        PayNowSession session = s.get();
        Map<String, BigDecimal> typed = new HashMap<>();
        for (PayNowItem i : checkout.outstanding(session)) {
            String text = form.get("amount." + i.key());
            if (text != null && i.amountChosen()) {
                Optional<BigDecimal> amount = PaymentMethodForm.amount(text);
                if (amount.isEmpty()) {
                    return render(page, session, "pay", "Enter the amount for invoice " + i.invoiceNumber()
                            + ", for example " + Money.US_DOLLARS.format(new BigDecimal("25.00")) + ".", form, response, model);
                }
                typed.put(i.key(), amount.get());
            }
        }
        Method method = PaymentMethodForm.method(form);
        String email = form.getOrDefault("payerEmail", "").trim();
        if (!PaymentMethodForm.plausibleEmail(email)) {
            return render(page, session, "pay", "The email address for the receipt does not look right.", form, response, model);
        }
        List<PayNowCheckout.Line> lines;
        try {
            Map<String, BigDecimal> amounts = checkout.amounts(session, typed);
            String savedMethod = form.getOrDefault("savedMethod", NEW_METHOD);
            PaymentGateway.Tokenized token = NEW_METHOD.equals(savedMethod)
                    ? PaymentMethodForm.tokenize(payments, session.bid(), method, form, session.request().allowSwipe())
                    : savedMethod(session, savedMethod);
            lines = checkout.review(session, amounts, token, email);
            model.addAttribute("paidWith", token);
        } catch (PayNowCheckout.CheckoutException e) {
            return render(page, session, "pay", e.getMessage(), form, response, model);
        } catch (InvalidPaymentMethodException e) {
            return render(page, session, "pay", PaymentMethodForm.friendly(e), form, response, model);
        }
        common(page, session, response, model);
        model.addAttribute("lines", lines);
        model.addAttribute("total", lines.stream().map(PayNowCheckout.Line::total).reduce(BigDecimal.ZERO, BigDecimal::add));
        return "paynow/review";
    }

    @PostMapping("/paynow/p/{page}/confirm")
    public String confirm(@PathVariable String page, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<PayNowSession> s = service.session(page);
        if (s.isEmpty()) {
            return gone(response, model);
        }
        if (s.get().pending() == null) {
            // Already paid by an earlier click, or nothing reviewed: the receipt or the form says which.
            return "redirect:/paynow/p/" + page + (checkout.taken(s.get()).isEmpty() ? "?step=pay" : "/receipt");
        }
        PayNowCheckout.Paid paid;
        try {
            paid = checkout.confirm(s.get(), request.getRemoteAddr());
        } catch (PayNowCheckout.CheckoutException e) {
            return render(page, service.session(page).orElseThrow(), "pay", e.getMessage(), Map.of(), response, model);
        }
        Optional<PaymentOutcome.Refused> refused = paid.refusal();
        if (refused.isPresent() && !paid.anyTaken()) {
            return render(page, service.session(page).orElseThrow(), "pay", refused.get().detail(), Map.of(), response, model);
        }
        return "redirect:/paynow/p/" + page + "/receipt";
    }

    @GetMapping("/paynow/p/{page}/receipt")
    public String receipt(@PathVariable String page, HttpServletResponse response, Model model) {
        Optional<PayNowSession> s = service.session(page);
        if (s.isEmpty()) {
            return gone(response, model);
        }
        List<PayNowSessions.Taken> taken = checkout.taken(s.get());
        if (taken.isEmpty()) {
            return "redirect:/paynow/p/" + page;
        }
        common(page, s.get(), response, model);
        List<Payment> list = taken.stream().filter(t -> t.paymentGuid() != null)
                .map(t -> payments.find(s.get().bid(), t.paymentGuid())).flatMap(Optional::stream).toList();
        model.addAttribute("payments", list);
        model.addAttribute("approved", list.stream().filter(p -> p.status().isPaid()).toList());
        model.addAttribute("unsuccessful", list.stream().filter(p -> p.status().isUnsuccessful()).toList());
        model.addAttribute("outstanding", checkout.outstanding(s.get()));
        return "paynow/receipt";
    }
}
