package org.ratepayer.payers.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payers.WalletRules;
import org.ratepayer.payers.internal.PortalAccounts;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.checkout.PaymentMethodForm;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.shared.web.PayerPage;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Wallet" in the customer portal (docs/payers-portal.md): the signed-in payer's saved cards and bank accounts, adding
 * one, choosing the default, removing one. Every id in a path is looked up among the payer's own methods only, so
 * another payer's (or a made-up) id answers 404 and changes nothing; the processor's token never reaches a page.
 */
@Controller
@PayerPage
class PortalWalletController {

    private final BillerService billers;
    private final PortalAccounts accounts;
    private final Wallet wallet;
    private final PaymentService payments;

    PortalWalletController(BillerService billers, PortalAccounts accounts, Wallet wallet, PaymentService payments) {
        this.billers = billers;
        this.accounts = accounts;
        this.wallet = wallet;
        this.payments = payments;
    }

    /** A method id as a path or form gives it; empty when it is not a UUID (then it is nobody's method). */
    static Optional<UUID> methodId(String typed) {
        try {
            return Optional.of(UUID.fromString(typed));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static PayerRefusal methodNotFound() {
        return new PayerRefusal(Kind.NOT_FOUND, "method_not_found", "method", "no such payment method here");
    }

    private static String wallet(long bid) {
        return "/portal/" + bid + "/wallet";
    }

    private boolean gone(SignedInPayer signedIn) {
        return accounts.payer(signedIn).isEmpty();
    }

    private void frame(long bid, SignedInPayer signedIn, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
    }

    @GetMapping("/portal/{bid}/wallet")
    String list(@PathVariable long bid, SignedInPayer signedIn, Model model) {
        if (gone(signedIn)) {
            // the home signs out a user the CIS removed
            return "redirect:/portal/" + bid;
        }
        frame(bid, signedIn, model);
        var methods = wallet.methods(bid, signedIn.userId());
        model.addAttribute("methods", methods);
        model.addAttribute("full", WalletRules.checkRoom(methods.size()).isPresent());
        return "portal/wallet";
    }

    @PostMapping("/portal/{bid}/wallet/{id}/default")
    String makeDefault(@PathVariable long bid, @PathVariable String id, SignedInPayer signedIn, RedirectAttributes result) {
        SavedPaymentMethod method = own(bid, signedIn, id);
        if (!wallet.makeDefault(bid, signedIn.userId(), method.id())) {
            throw methodNotFound();
        }
        result.addFlashAttribute("notice", method.label() + " is now your default payment method.");
        return "redirect:" + wallet(bid);
    }

    @PostMapping("/portal/{bid}/wallet/{id}/remove")
    String remove(@PathVariable long bid, @PathVariable String id, SignedInPayer signedIn, RedirectAttributes result) {
        SavedPaymentMethod method = own(bid, signedIn, id);
        if (!wallet.remove(bid, signedIn.userId(), method.id())) {
            throw methodNotFound();
        }
        result.addFlashAttribute("notice", method.label() + " was removed from your wallet."
                + (method.isDefault() ? " You have no default payment method now; choose one below." : ""));
        return "redirect:" + wallet(bid);
    }

    /** One of the signed-in payer's methods; any other id answers 404, like one that does not exist. */
    private SavedPaymentMethod own(long bid, SignedInPayer signedIn, String id) {
        if (gone(signedIn)) {
            throw methodNotFound();
        }
        return methodId(id).flatMap(uuid -> wallet.find(bid, signedIn.userId(), uuid)).orElseThrow(PortalWalletController::methodNotFound);
    }

    @GetMapping("/portal/{bid}/wallet/new")
    String addForm(@PathVariable long bid, SignedInPayer signedIn, Model model) {
        if (gone(signedIn)) {
            return "redirect:/portal/" + bid;
        }
        return addPage(bid, signedIn, model, null, Map.of());
    }

    private String addPage(long bid, SignedInPayer signedIn, Model model, String error, Map<String, String> form) {
        frame(bid, signedIn, model);
        model.addAttribute("form", Map.of("method", form.getOrDefault("method", "CARD"), "makeDefault", form.getOrDefault("makeDefault", "")));
        model.addAttribute("error", error);
        return "portal/wallet-new";
    }

    @PostMapping("/portal/{bid}/wallet/new")
    String add(@PathVariable long bid, @RequestParam Map<String, String> form, SignedInPayer signedIn, Model model,
            RedirectAttributes result) {
        if (gone(signedIn)) {
            return "redirect:/portal/" + bid;
        }
        Method method = PaymentMethodForm.method(form);
        SavedPaymentMethod saved;
        try {
            PaymentGateway.Tokenized token = PaymentMethodForm.tokenize(payments, bid, method, form, false);
            boolean card = method == Method.CARD;
            saved = wallet.save(bid, signedIn.userId(), token, card ? PaymentMethodForm.integer(form.get("expMonth")) : null,
                    // under hosted fields the account type was chosen in the processor's fields: its token's brand says it
                    card ? PaymentMethodForm.integer(form.get("expYear")) : null, card ? null : form.getOrDefault("accountType", token.brand()),
                    "true".equals(form.get("makeDefault")));
        } catch (InvalidPaymentMethodException e) {
            return addPage(bid, signedIn, model, PaymentMethodForm.friendly(e), form);
        } catch (PayerRefusal e) {
            return addPage(bid, signedIn, model, capitalized(e.detail()) + ".", form);
        }
        result.addFlashAttribute("notice", saved.label() + " is saved in your wallet.");
        return "redirect:" + wallet(bid);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
