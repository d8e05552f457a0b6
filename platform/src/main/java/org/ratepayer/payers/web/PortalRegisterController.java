package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.payers.SelfRegistration;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.ratepayer.shared.web.PayerPage;

/**
 * Registering from a bill in the portal (docs/payers-self-service.md): the account number and a fact from the bill,
 * throttled with the sign-in page's growing waits and answered with one message whatever did not match (so the page tells
 * nobody which accounts exist); then email, username and password; then the emailed link, which signs the payer in.
 * The account found is kept in the session between the two steps, so step 2 cannot name another account.
 */
@Controller
@PayerPage
class PortalRegisterController {

    static final String NOT_FOUND = "We could not find an account with that number and that ZIP code or bill amount. "
            + "Check them against your bill.";
    private static final String FOUND = "ratepayer.signup.account";
    /** Usernames hold no control characters (PayerRules.checkUsername), so no payer's sign-in budget is this one. */
    private static final String LOOKUP_KEY = "\u0001registration-lookup:";

    private final BillerService billers;
    private final SelfRegistration registration;
    private final Throttle throttle;

    PortalRegisterController(BillerService billers, SelfRegistration registration, Throttle throttle) {
        this.billers = billers;
        this.registration = registration;
        this.throttle = throttle;
    }

    private boolean frame(long bid, Model model) {
        model.addAttribute("biller", billers.require(bid));
        if (registration.allowed(bid)) {
            return true;
        }
        billers.cachedConfig(bid).setting(ConfigCatalogue.SET_SSO_LOGIN_URL).filter(url -> !url.isBlank())
                .ifPresent(url -> model.addAttribute("cisPortal", url));
        return false;
    }

    @GetMapping("/portal/{bid}/register")
    String step1(@PathVariable long bid, Model model) {
        if (!frame(bid, model)) {
            return "portal/register-elsewhere";
        }
        model.addAttribute("form", Map.of());
        return "portal/register";
    }

    @PostMapping("/portal/{bid}/register")
    String find(@PathVariable long bid, @RequestParam(defaultValue = "") String accountNumber,
            @RequestParam(defaultValue = "") String zip, @RequestParam(defaultValue = "") String lastBillAmount,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!frame(bid, model)) {
            return "portal/register-elsewhere";
        }
        model.addAttribute("form", Map.of("accountNumber", accountNumber, "zip", zip, "lastBillAmount", lastBillAmount));
        if (accountNumber.isBlank() || zip.isBlank() && lastBillAmount.isBlank()) {
            model.addAttribute("error", "Enter your account number, and the ZIP code of the service address or the amount of your last bill.");
            return "portal/register";
        }
        BigDecimal amount = amount(lastBillAmount);
        // The sign-in door's ladders, not the payment page's flat look-up budget: a registration ends in a login, so a
        // guesser waits longer and longer, and spreading guesses between this page and sign-in gains nothing. The second
        // budget is kept for the account number as typed, under a name no username can have (docs/throttling.md).
        Throttle.Outcome<String> found = throttle.signIn(request.getRemoteAddr(), bid, LOOKUP_KEY + accountNumber.strip(),
                () -> registration.findAccount(bid, accountNumber, zip, amount));
        if (found.refused()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(found.retryAfterSeconds()));
            model.addAttribute("error", "Too many unsuccessful attempts to find an account. For your security, please try again in "
                    + TooManyAttempts.inWords(found.retryAfterSeconds()) + ".");
            return "portal/register";
        }
        if (found.passed().isEmpty()) {
            model.addAttribute("error", NOT_FOUND);
            return "portal/register";
        }
        request.getSession(true).setAttribute(FOUND + "." + bid, found.passed().get());
        model.addAttribute("account", found.passed().get());
        model.addAttribute("form", Map.of());
        model.addAttribute("errors", Map.of());
        return "portal/register-details";
    }

    private static BigDecimal amount(String text) {
        try {
            return text.isBlank() ? null : new BigDecimal(text.strip().replace("$", "").replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @PostMapping("/portal/{bid}/register/details")
    String details(@PathVariable long bid, @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, HttpSession session, Model model) {
        if (!frame(bid, model)) {
            return "portal/register-elsewhere";
        }
        if (!(session.getAttribute(FOUND + "." + bid) instanceof String account)) {
            return "redirect:" + PayerRules.home(bid) + "/register";
        }
        model.addAttribute("account", account);
        model.addAttribute("form", Map.of("email", email, "username", username));
        Map<String, String> errors = PortalForms.missingCredentials(username, password);
        if (email.isBlank()) {
            errors.put("email", "Enter your email address.");
        }
        if (errors.isEmpty()) {
            try {
                registration.start(bid, account, username, email, password);
                session.removeAttribute(FOUND + "." + bid);
                model.addAttribute("email", email);
                return "portal/register-sent";
            } catch (PayerRefusal e) {
                errors.putAll(PortalForms.fieldError(e, "email"));
            }
        }
        model.addAttribute("errors", errors);
        return "portal/register-details";
    }

    @GetMapping("/portal/{bid}/register/confirm")
    String confirm(@PathVariable long bid, @RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
        if (!frame(bid, model)) {
            return "portal/register-elsewhere";
        }
        Optional<Payer> payer;
        try {
            payer = registration.confirm(bid, token);
        } catch (PayerRefusal e) {
            model.addAttribute("reason", "username_taken".equals(e.code()) ? "Someone took that username before you confirmed. "
                    + "Please register again with another." : "The account has all the online users it may have.");
            return "portal/register-link-used";
        }
        if (payer.isEmpty()) {
            return "portal/register-link-used";
        }
        PortalSession.signIn(request, payer.get());
        return "redirect:" + PayerRules.home(bid);
    }
}
