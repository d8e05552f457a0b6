package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payers.internal.PortalAccounts;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.checkout.PaymentMethodForm;
import org.ratepayer.payments.gateway.PaymentGateway;
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
 * before paying, the one charge per review and the receipt email are the same. The payer may pay with a method
 * saved in the wallet, or save the new one once the payment is approved. This controller translates HTTP and the
 * session; every step checks again that the payer holds the account, and a saved method is only ever the payer's own.
 */
@Controller
@PayerPage
class PortalPayController {

    private final BillerService billers;
    private final PortalAccounts accounts;
    private final PaymentPageCheckout checkout;
    private final PaymentService payments;
    private final Wallet wallet;

    PortalPayController(BillerService billers, PortalAccounts accounts, PaymentPageCheckout checkout, PaymentService payments,
            Wallet wallet) {
        this.billers = billers;
        this.accounts = accounts;
        this.checkout = checkout;
        this.payments = payments;
        this.wallet = wallet;
    }

    /** The form's choice of a saved method: a new card or bank account is typed in the form instead. */
    static final String NEW_METHOD = "new";

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
        // Saved methods of a kind this account refuses are not offered; the default is chosen unless the payer chose.
        List<SavedPaymentMethod> saved = wallet.methods(bid, signedIn.userId()).stream()
                .filter(m -> m.method() == Method.CARD ? !view.balance().blockCc() : !view.balance().blockAch()).toList();
        String chosen = saved.stream().filter(SavedPaymentMethod::isDefault).map(m -> m.id().toString()).findFirst().orElse(NEW_METHOD);
        model.addAttribute("saved", saved);
        model.addAttribute("form", Map.of(
                "amount", form.getOrDefault("amount", suggested == null ? "" : suggested.setScale(2, RoundingMode.HALF_UP).toPlainString()),
                "method", form.getOrDefault("method", view.balance().blockCc() ? "ACH" : "CARD"),
                "payerEmail", form.getOrDefault("payerEmail", payer.email() == null ? "" : payer.email()),
                "savedMethod", form.getOrDefault("savedMethod", chosen),
                "saveMethod", form.getOrDefault("saveMethod", "")));
        model.addAttribute("error", error);
        return "portal/pay";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/pay")
    String review(@PathVariable long bid, @PathVariable String account, @RequestParam Map<String, String> form,
            SignedInPayer signedIn, HttpSession session, Model model) {
        String held = accounts.account(signedIn, account).account().accountNumber();
        String savedMethod = form.getOrDefault("savedMethod", NEW_METHOD);
        PaymentPageCheckout.Pending pending;
        PortalCheckout.SaveToWallet save = null;
        try {
            if (!NEW_METHOD.equals(savedMethod)) {
                // Only the payer's own method: another's id answers like one that does not exist (docs/payers-portal.md).
                String token = PortalWalletController.methodId(savedMethod).flatMap(id -> wallet.token(bid, signedIn.userId(), id))
                        .orElseThrow(PortalWalletController::methodNotFound);
                pending = checkout.reviewWithToken(bid, held, form, token);
            } else {
                pending = checkout.review(bid, held, form);
                if ("true".equals(form.get("saveMethod"))) {
                    boolean card = PaymentMethodForm.method(form) == Method.CARD;
                    save = new PortalCheckout.SaveToWallet(card ? PaymentMethodForm.integer(form.get("expMonth")) : null,
                            card ? PaymentMethodForm.integer(form.get("expYear")) : null,
                            card ? null : form.getOrDefault("accountType", pending.brand()));
                    // kept before its first charge: a Stripe method can be attached to a Customer only while unused
                    try {
                        pending = pending.withToken(wallet.reusable(bid, new PaymentGateway.Tokenized(pending.token(),
                                Method.valueOf(pending.method()), pending.brand(), pending.last4())).token());
                    } catch (PayerRefusal e) {
                        return payPage(bid, held, signedIn, model, "This payment method cannot be saved: " + e.detail()
                                + ". Pay without saving it, or enter it again.", form);
                    }
                }
            }
        } catch (PaymentPageCheckout.CheckoutException e) {
            return payPage(bid, held, signedIn, model, e.getMessage(), form);
        }
        return reviewPage(bid, held, signedIn, session, pending, save, model, null);
    }

    private String reviewPage(long bid, String account, SignedInPayer signedIn, HttpSession session, PaymentPageCheckout.Pending pending,
            PortalCheckout.SaveToWallet save, Model model, String notice) {
        PortalCheckout.reviewing(session, bid, account, pending, save);
        frame(bid, signedIn, model);
        model.addAttribute("pending", pending);
        model.addAttribute("accountNumber", account);
        model.addAttribute("notice", notice);
        model.addAttribute("saving", save != null);
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
            return reviewPage(bid, held, signedIn, session, changed.again(), state.get().save(), model, changed.notice());
        }
        if (confirmed instanceof PaymentPageCheckout.NotPaid notPaid) {
            PortalCheckout.dropPending(session, bid, held);
            return payPage(bid, held, signedIn, model, notPaid.reason(), Map.of());
        }
        UUID guid = ((PaymentPageCheckout.Paid) confirmed).paymentGuid();
        PortalCheckout.paid(session, bid, held, guid, saveToWallet(bid, signedIn, guid, pending, state.get().save()));
        return "redirect:" + base(bid, held) + "/payments/" + guid;
    }

    /**
     * Saves the method just paid with when the payer asked and the payment was approved (a declined card is not worth
     * keeping); saving the same token twice keeps one, so a second click saves nothing more. What happened is said on
     * the receipt; a refusal (a full wallet) does not undo the payment.
     */
    private String saveToWallet(long bid, SignedInPayer signedIn, UUID guid, PaymentPageCheckout.Pending pending,
            PortalCheckout.SaveToWallet save) {
        if (save == null) {
            return null;
        }
        boolean approved = payments.find(bid, guid).map(p -> p.status().isPaid()).orElse(false);
        if (!approved) {
            return null;
        }
        PaymentGateway.Tokenized method = new PaymentGateway.Tokenized(pending.token(), Method.valueOf(pending.method()), pending.brand(),
                pending.last4());
        try {
            SavedPaymentMethod saved = wallet.save(bid, signedIn.userId(), method, save.expMonth(), save.expYear(), save.accountType(), false);
            return saved.label() + " is saved in your wallet.";
        } catch (PayerRefusal e) {
            return "Your payment was made, but the payment method was not saved: " + e.detail() + ".";
        }
    }

    @GetMapping("/portal/{bid}/accounts/{account}/payments/{guid}")
    String receipt(@PathVariable long bid, @PathVariable String account, @PathVariable UUID guid, SignedInPayer signedIn,
            HttpSession session, Model model) {
        String held = accounts.held(signedIn, account).orElseThrow(() -> notFound(account));
        Payment payment = payments.find(bid, guid).filter(p -> p.accountNumber().equals(held)).orElseThrow(() -> notFound(account));
        frame(bid, signedIn, model);
        model.addAttribute("walletNotice", PortalCheckout.of(session, bid, held).filter(c -> guid.equals(c.lastPayment()))
                .map(PortalCheckout::walletNotice).orElse(null));
        model.addAttribute("payment", payment);
        model.addAttribute("accountNumber", held);
        return "portal/receipt";
    }

    private static PayerRefusal notFound(String account) {
        return new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "account", "no account " + account + " here");
    }
}
