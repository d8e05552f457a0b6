package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.internal.PortalAccounts;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.page.PaymentPageCheckout;
import org.ratepayer.shared.web.PayerPage;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * "Pay" in the customer portal (docs/payers-portal.md): the newest bill of an account the payer holds, with the
 * payment page's own review and confirm ({@link PaymentPageCheckout}, channel WEB), so the rules, the fee shown
 * before paying, the one charge per review and the receipt email are the same. This controller translates HTTP and
 * the session; every step checks again that the payer holds the account.
 */
@Controller
@PayerPage
class PortalPayController {

    private final BillerService billers;
    private final PortalAccounts accounts;
    private final PaymentPageCheckout checkout;
    private final PaymentService payments;

    PortalPayController(BillerService billers, PortalAccounts accounts, PaymentPageCheckout checkout, PaymentService payments) {
        this.billers = billers;
        this.accounts = accounts;
        this.checkout = checkout;
        this.payments = payments;
    }

    private static String base(long bid, String account) {
        return "/portal/" + bid + "/accounts/" + UriUtils.encodePathSegment(account, StandardCharsets.UTF_8);
    }

    private void frame(long bid, SignedInPayer signedIn, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
    }

    @GetMapping("/portal/{bid}/accounts/{account}/pay")
    String payForm(@PathVariable long bid, @PathVariable String account, SignedInPayer signedIn, Model model) {
        return payPage(bid, account, signedIn, model, null, Map.of());
    }

    private String payPage(long bid, String account, SignedInPayer signedIn, Model model, String error, Map<String, String> form) {
        PortalAccounts.AccountView view = accounts.account(signedIn, account);
        Payer payer = accounts.payer(signedIn).orElseThrow();
        frame(bid, signedIn, model);
        // option 53: the payable bill is pre-selected, its amount filled in; otherwise the payer types the amount
        BigDecimal suggested = billers.cachedConfig(bid).enabled(ConfigCatalogue.OPT_PRESELECT_OPEN_INVOICES) ? view.suggestedAmount() : null;
        model.addAttribute("view", view);
        model.addAttribute("form", Map.of(
                "amount", form.getOrDefault("amount", suggested == null ? "" : suggested.setScale(2, RoundingMode.HALF_UP).toPlainString()),
                "method", form.getOrDefault("method", view.balance().blockCc() ? "ACH" : "CARD"),
                "payerEmail", form.getOrDefault("payerEmail", payer.email() == null ? "" : payer.email())));
        model.addAttribute("error", error);
        return "portal/pay";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/pay")
    String review(@PathVariable long bid, @PathVariable String account, @RequestParam Map<String, String> form,
            SignedInPayer signedIn, HttpSession session, Model model) {
        String held = accounts.account(signedIn, account).account().accountNumber();
        PaymentPageCheckout.Pending pending;
        try {
            pending = checkout.review(bid, held, form);
        } catch (PaymentPageCheckout.CheckoutException e) {
            return payPage(bid, held, signedIn, model, e.getMessage(), form);
        }
        return reviewPage(bid, held, signedIn, session, pending, model, null);
    }

    private String reviewPage(long bid, String account, SignedInPayer signedIn, HttpSession session, PaymentPageCheckout.Pending pending,
            Model model, String notice) {
        PortalCheckout.reviewing(session, bid, account, pending);
        frame(bid, signedIn, model);
        model.addAttribute("pending", pending);
        model.addAttribute("accountNumber", account);
        model.addAttribute("notice", notice);
        return "portal/review";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/pay/confirm")
    String confirm(@PathVariable long bid, @PathVariable String account, SignedInPayer signedIn, HttpSession session, Model model) {
        String held = accounts.held(signedIn, account).orElseThrow(() -> notFound(account));
        Optional<PortalCheckout> state = PortalCheckout.of(session, bid, held);
        PaymentPageCheckout.Pending pending = state.map(PortalCheckout::pending).orElse(null);
        if (pending == null) {
            // Already paid (a second click that came after the first's answer), or nothing reviewed.
            UUID last = state.map(PortalCheckout::lastPayment).orElse(null);
            return "redirect:" + base(bid, held) + (last != null ? "/payments/" + last : "/pay");
        }
        PaymentPageCheckout.Confirmed confirmed = checkout.confirm(bid, held, pending);
        if (confirmed instanceof PaymentPageCheckout.FeeChanged changed) {
            return reviewPage(bid, held, signedIn, session, changed.again(), model, changed.notice());
        }
        if (confirmed instanceof PaymentPageCheckout.NotPaid notPaid) {
            PortalCheckout.dropPending(session, bid, held);
            return payPage(bid, held, signedIn, model, notPaid.reason(), Map.of());
        }
        UUID guid = ((PaymentPageCheckout.Paid) confirmed).paymentGuid();
        PortalCheckout.paid(session, bid, held, guid);
        return "redirect:" + base(bid, held) + "/payments/" + guid;
    }

    @GetMapping("/portal/{bid}/accounts/{account}/payments/{guid}")
    String receipt(@PathVariable long bid, @PathVariable String account, @PathVariable UUID guid, SignedInPayer signedIn, Model model) {
        String held = accounts.held(signedIn, account).orElseThrow(() -> notFound(account));
        Payment payment = payments.find(bid, guid).filter(p -> p.accountNumber().equals(held)).orElseThrow(() -> notFound(account));
        frame(bid, signedIn, model);
        model.addAttribute("payment", payment);
        model.addAttribute("accountNumber", held);
        return "portal/receipt";
    }

    private static PayerRefusal notFound(String account) {
        return new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "account", "no account " + account + " here");
    }
}
