package org.ratepayer.payments.web;

import org.ratepayer.payments.checkout.PaymentMethodForm;
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
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentRuleViolation;
import org.ratepayer.payments.PaymentRules;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
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
 * are throttled per client address and per account number (docs/throttling.md).
 */
@Controller
@PayerPage
public class PaymentPageController {

    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final BalanceService balances;
    private final PaymentService payments;
    private final BillPdfService pdfs;
    private final Throttle throttle;

    public PaymentPageController(BillerService billers, InvoiceQueries invoices, BalanceService balances,
            PaymentService payments, BillPdfService pdfs, Throttle throttle) {
        this.billers = billers;
        this.invoices = invoices;
        this.balances = balances;
        this.payments = payments;
        this.pdfs = pdfs;
        this.throttle = throttle;
    }

    private String searchField(long bid) {
        return billers.cachedConfig(bid).option(ConfigCatalogue.OPT_PAYMENT_PAGE_SEARCH_FIELD).orElse("ZIP");
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
        model.addAttribute("searchLabel", searchLabel(searchField(bid)));
        return "pay/search";
    }

    @PostMapping("/pay/{bid}")
    public String find(@PathVariable long bid, @RequestParam(defaultValue = "") String accountNumber,
            @RequestParam(defaultValue = "") String secondValue, HttpSession session, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        biller(bid, model);
        String field = searchField(bid);
        String number = accountNumber.trim();
        Throttle.Outcome<InvoiceQueries.Account> found = throttle.lookup(request.getRemoteAddr(), bid, number,
                () -> invoices.account(bid, number).filter(a -> matches(field, a, secondValue)));
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

    static boolean matches(String field, InvoiceQueries.Account a, String given) {
        String g = given == null ? "" : given.trim();
        if (g.isEmpty()) {
            return false;
        }
        return switch (field) {
            case "PHONE" -> digits(a.phone()).equals(digits(g)) && !digits(g).isEmpty();
            case "EMAIL" -> a.email() != null && a.email().equalsIgnoreCase(g);
            case "CUSTOMER_NAME" -> a.customerName() != null && a.customerName().trim().equalsIgnoreCase(g);
            default -> a.zip() != null && !digits(g).isEmpty() && digits(a.zip()).startsWith(digits(g).length() >= 5
                    ? digits(g).substring(0, 5) : "-");
        };
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "");
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
        String account = state.get().found().accountNumber();
        Optional<BigDecimal> amount = PaymentMethodForm.amount(form.get("amount"));
        if (amount.isEmpty()) {
            return accountPage(bid, state.get(), model, "Enter the amount to pay, for example 125.40.", form);
        }
        Method method = PaymentMethodForm.method(form);
        PaymentRules.Decision decision;
        PaymentGateway.Tokenized token;
        try {
            decision = payments.quote(bid, account, null, amount.get(), method);
            token = PaymentMethodForm.tokenize(payments, bid, method, form, false);
        } catch (PaymentRuleViolation e) {
            return accountPage(bid, state.get(), model, e.getMessage(), form);
        } catch (InvalidPaymentMethodException e) {
            return accountPage(bid, state.get(), model, PaymentMethodForm.friendly(e), form);
        }
        String email = form.getOrDefault("payerEmail", "").trim();
        if (!PaymentMethodForm.plausibleEmail(email)) {
            return accountPage(bid, state.get(), model, "The email address for the receipt does not look right.", form);
        }
        PayerAccess.Pending pending = new PayerAccess.Pending(token.token(), token.method().name(), token.last4(), token.brand(),
                amount.get(), decision.fee(), decision.invoice().invoiceNumber(), email, UUID.randomUUID().toString());
        return reviewPage(bid, session, state.get(), pending, model, null);
    }

    private String reviewPage(long bid, HttpSession session, PayerAccess.State state, PayerAccess.Pending pending, Model model,
            String notice) {
        PayerAccess.pending(session, state, pending);
        biller(bid, model);
        model.addAttribute("pending", pending);
        model.addAttribute("total", pending.amount().add(pending.fee()));
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
        PayerAccess.Pending p = state.get().pending();
        if (p == null) {
            return state.get().lastPayment() != null
                    ? "redirect:/pay/" + bid + "/receipt/" + state.get().lastPayment()
                    : "redirect:/pay/" + bid + "/account";
        }
        PaymentOutcome outcome = payments.submit(bid, p.idempotencyKey(), new PaymentRequest(Channel.WEB,
                state.get().found().accountNumber(), p.invoiceNumber(), p.amount(), null, null, p.token(), null,
                p.payerEmail().isEmpty() ? null : p.payerEmail(), null, p.fee()));
        if (outcome instanceof PaymentOutcome.Refused r && r.is(PaymentOutcome.Refused.FEE_CHANGED) && r.feeNow().isPresent()) {
            // Nothing was charged; the payer sees the new fee and confirms again under a new key.
            BigDecimal fee = r.feeNow().get();
            PayerAccess.Pending again = new PayerAccess.Pending(p.token(), p.method(), p.last4(), p.brand(), p.amount(), fee,
                    p.invoiceNumber(), p.payerEmail(), UUID.randomUUID().toString());
            return reviewPage(bid, session, state.get(), again, model, "The convenience fee changed since you reviewed this "
                    + "payment, from " + p.fee().setScale(2).toPlainString() + " to " + fee.setScale(2).toPlainString()
                    + ". Nothing was charged. Check the total and pay again.");
        }
        if (outcome instanceof PaymentOutcome.Refused r) {
            return accountPage(bid, new PayerAccess.State(state.get().found(), null, null), model, r.detail(), Map.of());
        }
        UUID guid = ((PaymentOutcome.Taken) outcome).paymentGuid();
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
