package org.ratepayer.payers.web;

import java.util.Map;

import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.Profile;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.shared.web.PayerPage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The payer's profile in the portal (docs/payers-self-service.md): their email address and password. Where the CIS
 * keeps its payers' identities both are changed on the utility's own site (setting 3), and the page says so.
 */
@Controller
@PayerPage
class PortalProfileController {

    private final BillerService billers;
    private final PayerDirectory directory;
    private final Profile profile;

    PortalProfileController(BillerService billers, PayerDirectory directory, Profile profile) {
        this.billers = billers;
        this.directory = directory;
        this.profile = profile;
    }

    @GetMapping("/portal/{bid}/profile")
    String page(@PathVariable long bid, SignedInPayer signedIn, @RequestParam(required = false) String done, Model model) {
        String notice = done == null ? null : switch (done) {
            case "email" -> "Your email address is changed.";
            case "password" -> "Your password is changed.";
            default -> null;
        };
        return show(bid, signedIn, model, Map.of(), null, notice);
    }

    private String show(long bid, SignedInPayer signedIn, Model model, Map<String, String> errors, String email, String notice) {
        String current = directory.find(bid, signedIn.userId()).orElseThrow(() -> new NotFoundException("no user")).email();
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
        model.addAttribute("currentEmail", current);
        model.addAttribute("email", email == null ? current : email);
        model.addAttribute("canChangeEmail", profile.canChangeEmail(bid));
        model.addAttribute("canChangePassword", profile.canChangePassword(bid));
        billers.cachedConfig(bid).setting(ConfigCatalogue.SET_SSO_LOGIN_URL).filter(url -> !url.isBlank())
                .ifPresent(url -> model.addAttribute("cisPortal", url));
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
        return "portal/profile";
    }

    @PostMapping("/portal/{bid}/profile/email")
    String changeEmail(@PathVariable long bid, @RequestParam(defaultValue = "") String email, SignedInPayer signedIn,
            HttpServletResponse response, Model model) {
        if (!profile.canChangeEmail(bid)) {
            // Setting 6 = 1 (or a CIS that owns the address): the form is not shown, and a post sent anyway changes nothing.
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", "Your email address cannot be changed here.");
            return show(bid, signedIn, model, Map.of(), null, null);
        }
        if (email.isBlank()) {
            return show(bid, signedIn, model, Map.of("email", "Enter your new email address."), email, null);
        }
        try {
            profile.changeEmail(bid, signedIn.userId(), email.strip());
        } catch (PayerRefusal e) {
            return show(bid, signedIn, model, PortalForms.fieldError(e, "email"), email, null);
        }
        return "redirect:/portal/" + bid + "/profile?done=email";
    }

    @PostMapping("/portal/{bid}/profile/password")
    String changePassword(@PathVariable long bid, @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, SignedInPayer signedIn, Model model) {
        if (currentPassword.isEmpty()) {
            return show(bid, signedIn, model, Map.of("currentPassword", "Enter your current password."), null, null);
        }
        try {
            profile.changePassword(bid, signedIn.userId(), currentPassword, newPassword);
        } catch (PayerRefusal e) {
            return show(bid, signedIn, model, PortalForms.fieldError(e, "newPassword"), null, null);
        }
        return "redirect:/portal/" + bid + "/profile?done=password";
    }
}
