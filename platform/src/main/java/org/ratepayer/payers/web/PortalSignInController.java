package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.payers.SelfRegistration;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's sign-in page (docs/payers.md, "Signing in"). One message for every failure, so the page never tells
 * whether a username exists; failures are slowed down per address and per username (docs/throttling.md).
 */
@Controller
@PayerPage
class PortalSignInController {

    /** The one answer to a wrong username, a wrong password, and a user who has no password yet. */
    static final String NOT_RIGHT = "The username or password is not right.";

    private final BillerService billers;
    private final PayerDirectory directory;
    private final Throttle throttle;
    private final SelfRegistration registration;

    PortalSignInController(BillerService billers, PayerDirectory directory, Throttle throttle, SelfRegistration registration) {
        this.billers = billers;
        this.directory = directory;
        this.throttle = throttle;
        this.registration = registration;
    }

    @GetMapping("/portal/{bid}/sign-in")
    String signInPage(@PathVariable long bid, @RequestParam(required = false) String next,
            @RequestParam(required = false) String signedOut, HttpServletRequest request, Model model) {
        model.addAttribute("biller", billers.require(bid));
        model.addAttribute("canRegister", registration.allowed(bid));
        if (PortalSession.current(request, bid).isPresent()) {
            return "redirect:" + PayerRules.safeTarget(bid, next);
        }
        model.addAttribute("next", PayerRules.safeTarget(bid, next));
        if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        return "portal/sign-in";
    }

    @PostMapping("/portal/{bid}/sign-in")
    String signIn(@PathVariable long bid, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("biller", billers.require(bid));
        model.addAttribute("canRegister", registration.allowed(bid));
        String target = PayerRules.safeTarget(bid, next);
        model.addAttribute("next", target);
        model.addAttribute("username", username);
        if (username.isBlank() || password.isEmpty()) {
            // Not a guess at anything: answered without spending a budget or hashing.
            model.addAttribute("error", "Enter your username and your password.");
            return "portal/sign-in";
        }
        Throttle.Outcome<Payer> outcome = throttle.signIn(request.getRemoteAddr(), bid, username,
                () -> directory.authenticate(bid, username, password));
        if (outcome.refused()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds()));
            model.addAttribute("error", "Too many unsuccessful sign-ins. For your security, please try again in "
                    + TooManyAttempts.inWords(outcome.retryAfterSeconds()) + ".");
            return "portal/sign-in";
        }
        if (outcome.passed().isEmpty()) {
            model.addAttribute("error", NOT_RIGHT);
            return "portal/sign-in";
        }
        PortalSession.signIn(request, outcome.passed().get());
        return "redirect:" + target;
    }
}
