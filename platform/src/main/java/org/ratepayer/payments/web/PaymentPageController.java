package org.ratepayer.payments.web;

import org.ratepayer.shared.web.PayerPage;
import org.ratepayer.presentment.BillPdfResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.page.PaymentPageCheckout;
import org.ratepayer.presentment.BillPdfService;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one-time payment page (the "virtual site", docs/payments.md): find an account with its number and a
 * second fact from the bill, see the live balance and the bill, choose amount and method, confirm
 * with the fee shown, get a receipt. Server-rendered, no script needed, CSRF-protected. Failed searches
 * are throttled per client address and per account number (docs/throttling.md). The checkout itself
 * (matching, quoting, paying) is {@link PaymentPageCheckout}'s; this controller translates HTTP and the session.
 */
@Controller
@PayerPage
public class PaymentPageController {

    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final BalanceService balances;
    private final PaymentService payments;
    private final PaymentPageCheckout checkout;
    private final BillPdfService pdfs;
    private final Throttle throttle;

    public PaymentPageController(BillerService billers, InvoiceQueries invoices, BalanceService balances,
            PaymentService payments, PaymentPageCheckout checkout, BillPdfService pdfs, Throttle throttle) {
        this.billers = billers;
        this.invoices = invoices;
        this.balances = balances;
        this.payments = payments;
        this.checkout = checkout;
        this.pdfs = pdfs;
        this.throttle = throttle;
    }

    private static String searchLabel(String field) {
        return switch (field) {
            case "PHONE" -> "Phone number on the bill";
            case "EMAIL" -> "Email address on the bill";
            case "CUSTOMER_NAME" -> "Name on the bill";
            default -> "ZIP code of the service address";
        };
    }

    private Biller biller(long bid, Model model) {
        Biller b = billers.require(bid);
        model.addAttribute("biller", b);
        return b;
    }

    @GetMapping("/pay/{bid}")
    public String search(@PathVariable long bid, Model model) {
        biller(bid, model);
        model.addAttribute("searchLabel", searchLabel(checkout.searchField(bid)));
        return "pay/search";
    }

    @PostMapping("/pay/{bid}")
    public String find(@PathVariable long bid, @RequestParam(defaultValue = "") String accountNumber,
            @RequestParam(defaultValue = "") String secondValue, HttpSession session, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        biller(bid, model);
        String field = checkout.searchField(bid);
        String number = accountNumber.trim();
        Throttle.Outcome<InvoiceQueries.Account> found = throttle.lookup(request.getRemoteAddr(), bid, number,
                () -> checkout.find(bid, number, secondValue));
        if (found.refused()) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(found.retryAfterSeconds()));
            model.addAttribute("searchLabel", searchLabel(field));
            model.addAttribute("accountNumber", accountNumber);
            model.addAttribute("error", "Too many unsuccessful attempts to find an account. For your security, "
                    + "please try again in " + TooManyAttempts.inWords(found.retryAfterSeconds()) + ".");
            return "pay/search";
        }
        Optional<InvoiceQueries.Account> account = found.passed();
        if (account.isEmpty()) {
            model.addAttribute("searchLabel", searchLabel(field));
            model.addAttribute("accountNumber", accountNumber);
            // One message for both cases, so the page does not tell which account numbers exist.
            model.addAttribute("error", "We could not find an account with that account number and "
                    + searchLabel(field).toLowerCase(Locale.ROOT) + ". Check both against your bill.");
            return "pay/search";
        }
        session.invalidate();
        PayerAccess.found(currentSession(), bid, account.get().accountNumber());
        return "redirect:/pay/" + bid + "/account";
    }

    /** Logging in to an account replaces the session, so a session id seen before cannot be reused. */
    private static HttpSession currentSession() {
        return ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest().getSession(true);
    }

    @GetMapping("/pay/{bid}/account")
    public String account(@PathVariable long bid, HttpSession session, Model model) {
        Optional<PayerAccess.State> state = PayerAccess.of(session, bid);
        if (state.isEmpty()) {
            return "redirect:/pay/" + bid;
        }
        return accountPage(bid, state.get(), model, null, Map.of());
    }

    private String accountPage(long bid, PayerAccess.State state, Model model, String error, Map<String, String> form) {
        biller(bid, model);
        String number = state.found().accountNumber();
        InvoiceQueries.Account account = invoices.account(bid, number).orElseThrow();
        BalanceView balance = balances.balance(bid, number).orElseThrow();
        List<InvoiceQueries.Invoice> list = invoices.invoices(bid, number);
        InvoiceQueries.Invoice newest = list.stream().filter(i -> !"SUPERSEDED".equals(i.status())).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
        model.addAttribute("account", account);
        model.addAttribute("balance", balance);
        model.addAttribute("invoice", newest);
        model.addAttribute("pdfAvailable", newest != null && pdfs.available(bid, newest));
        BigDecimal suggested = balance.balanceDue().signum() > 0 ? balance.balanceDue() : BigDecimal.ZERO;
        model.addAttribute("form", Map.of(
                "amount", form.getOrDefault("amount", suggested.signum() > 0 ? suggested.toPlainString() : ""),
                "method", form.getOrDefault("method", balance.blockCc() ? "ACH" : "CARD"),
                "payerEmail", form.getOrDefault("payerEmail", "")));
        model.addAttribute("error", error);
        return "pay/account";
    }

    @GetMapping("/pay/{bid}/bill.pdf")
    public void bill(@PathVariable long bid, HttpSession session, HttpServletResponse response) throws IOException {
        Optional<PayerAccess.State> state = PayerAccess.of(session, bid);
        if (state.isEmpty()) {
            response.sendError(403);
            return;
        }
        List<InvoiceQueries.Invoice> list = invoices.invoices(bid, state.get().found().accountNumber());
        BillPdfResponse.send(pdfs, bid, list.isEmpty() ? null : list.get(0), response);
    }

    @PostMapping("/pay/{bid}/review")
    public String review(@PathVariable long bid, @RequestParam Map<String, String> form, HttpSession session, Model model) {
        Optional<PayerAccess.State> state = PayerAccess.of(session, bid);
        if (state.isEmpty()) {
            return "redirect:/pay/" + bid;
        }
        PaymentPageCheckout.Pending pending;
        try {
            pending = checkout.review(bid, state.get().found().accountNumber(), form);
        } catch (PaymentPageCheckout.CheckoutException e) {
            return accountPage(bid, state.get(), model, e.getMessage(), form);
        }
        return reviewPage(bid, session, state.get(), pending, model, null);
    }

    private String reviewPage(long bid, HttpSession session, PayerAccess.State state, PaymentPageCheckout.Pending pending,
            Model model, String notice) {
        PayerAccess.pending(session, state, pending);
        biller(bid, model);
        model.addAttribute("pending", pending);
        model.addAttribute("total", pending.total());
        model.addAttribute("accountNumber", state.found().accountNumber());
        model.addAttribute("notice", notice);
        return "pay/review";
    }

    @PostMapping("/pay/{bid}/confirm")
    public String confirm(@PathVariable long bid, HttpSession session, Model model) {
        Optional<PayerAccess.State> state = PayerAccess.of(session, bid);
        if (state.isEmpty()) {
            return "redirect:/pay/" + bid;
        }
        PaymentPageCheckout.Pending p = state.get().pending();
        if (p == null) {
            return state.get().lastPayment() != null
                    ? "redirect:/pay/" + bid + "/receipt/" + state.get().lastPayment()
                    : "redirect:/pay/" + bid + "/account";
        }
        PaymentPageCheckout.Confirmed confirmed = checkout.confirm(bid, state.get().found().accountNumber(), p);
        if (confirmed instanceof PaymentPageCheckout.FeeChanged changed) {
            return reviewPage(bid, session, state.get(), changed.again(), model, changed.notice());
        }
        if (confirmed instanceof PaymentPageCheckout.NotPaid notPaid) {
            return accountPage(bid, new PayerAccess.State(state.get().found(), null, null), model, notPaid.reason(), Map.of());
        }
        UUID guid = ((PaymentPageCheckout.Paid) confirmed).paymentGuid();
        PayerAccess.paid(session, state.get(), guid);
        return "redirect:/pay/" + bid + "/receipt/" + guid;
    }

    @GetMapping("/pay/{bid}/receipt/{guid}")
    public String receipt(@PathVariable long bid, @PathVariable UUID guid, HttpSession session, Model model) {
        Optional<PayerAccess.State> state = PayerAccess.of(session, bid);
        Optional<Payment> payment = payments.find(bid, guid);
        if (state.isEmpty() || payment.isEmpty() || !payment.get().accountNumber().equals(state.get().found().accountNumber())) {
            return "redirect:/pay/" + bid;
        }
        biller(bid, model);
        model.addAttribute("payment", payment.get());
        model.addAttribute("total", payment.get().amount().add(payment.get().fee()));
        return "pay/receipt";
    }
}
