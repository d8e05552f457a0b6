package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRules;
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
 * "Forgot your password?" and the page an emailed link opens to set one (docs/payers.md, "Passwords and links").
 * The forgot page answers the same whether or not anyone matched. Where the biller's CIS keeps its payers'
 * identities, passwords are changed in the CIS's own portal, and the forgot page sends the payer there.
 */
@Controller
@PayerPage
class PortalPasswordController {

    private final BillerService billers;
    private final PayerDirectory directory;
    private final Throttle throttle;

    PortalPasswordController(BillerService billers, PayerDirectory directory, Throttle throttle) {
        this.billers = billers;
        this.directory = directory;
        this.throttle = throttle;
    }

    private Biller biller(long bid, Model model) {
        Biller b = billers.require(bid);
        model.addAttribute("biller", b);
        return b;
    }

    @GetMapping("/portal/{bid}/forgot")
    String forgotPage(@PathVariable long bid, Model model) {
        biller(bid, model);
        return directory.cisIsIdentitySource(bid) ? elsewhere(bid, model) : "portal/forgot";
    }

    @PostMapping("/portal/{bid}/forgot")
    String forgot(@PathVariable long bid, @RequestParam(defaultValue = "") String usernameOrEmail, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        biller(bid, model);
        if (directory.cisIsIdentitySource(bid)) {
            return elsewhere(bid, model);
        }
        if (usernameOrEmail.isBlank()) {
            model.addAttribute("fieldError", "Enter your username or your email address.");
            return "portal/forgot";
        }
        Throttle.Outcome<Void> asked = throttle.passwordLink(request.getRemoteAddr(), bid, usernameOrEmail,
                () -> directory.requestPasswordReset(bid, usernameOrEmail));
        if (asked.refused()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(asked.retryAfterSeconds()));
            model.addAttribute("error", "A link was asked for too often. Check your email for the links already sent, or "
                    + "please try again in " + TooManyAttempts.inWords(asked.retryAfterSeconds()) + ".");
            return "portal/forgot";
        }
        return "portal/forgot-sent";
    }

    private String elsewhere(long bid, Model model) {
        billers.cachedConfig(bid).setting(ConfigCatalogue.SET_SSO_LOGIN_URL).filter(url -> !url.isBlank())
                .ifPresent(url -> model.addAttribute("cisPortal", url));
        return "portal/forgot-elsewhere";
    }

    @GetMapping("/portal/{bid}/password")
    String passwordPage(@PathVariable long bid, @RequestParam(defaultValue = "") String token, Model model) {
        biller(bid, model);
        if (!directory.passwordLinkUsable(bid, token)) {
            return "portal/password-link-used";
        }
        model.addAttribute("token", token);
        return "portal/password";
    }

    @PostMapping("/portal/{bid}/password")
    String setPassword(@PathVariable long bid, @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request, Model model) {
        biller(bid, model);
        if (!directory.passwordLinkUsable(bid, token)) {
            return "portal/password-link-used";
        }
        Optional<PayerRules.Violation> wrong = PayerRules.checkPassword(password, PayerRules.PORTAL_PASSWORD_MIN);
        if (wrong.isPresent()) {
            model.addAttribute("token", token);
            String says = wrong.get().message();
            model.addAttribute("fieldError", "required".equals(says) ? "Enter a new password." : "Your password " + says + ".");
            return "portal/password";
        }
        Optional<Payer> payer = directory.setPasswordWithLink(bid, token, password);
        if (payer.isEmpty()) {
            return "portal/password-link-used";
        }
        PortalSession.signIn(request, payer.get());
        return "redirect:" + PayerRules.home(bid);
    }
}
