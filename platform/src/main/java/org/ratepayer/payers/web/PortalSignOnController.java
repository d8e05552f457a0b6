package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Single sign-on from the CIS's portal, and signing out (docs/payers.md). A sign-on link works once, within two
 * minutes of being minted; it lands on its target when that is a path of this biller's portal, else on the home.
 */
@Controller
@PayerPage
class PortalSignOnController {

    /** What a used or expired sign-on link shows, above the sign-in form. */
    static final String LINK_USED = "This sign-in link has already been used or has expired. Sign in below, "
            + "or go back to your utility's website and follow its link again.";

    private final BillerService billers;
    private final PayerDirectory directory;

    PortalSignOnController(BillerService billers, PayerDirectory directory) {
        this.billers = billers;
        this.directory = directory;
    }

    @GetMapping("/portal/{bid}/sso")
    String signOn(@PathVariable long bid, @RequestParam(required = false) String token, @RequestParam(required = false) String target,
            HttpServletRequest request, Model model) {
        Biller biller = billers.require(bid);
        Optional<PayerDirectory.SignOn> signOn = directory.redeemSignOn(bid, token);
        if (signOn.isEmpty()) {
            return linkUsed(biller, model);
        }
        PortalSession.signIn(request, signOn.get().payer());
        String landing = target == null || target.isBlank() ? signOn.get().target() : PayerRules.safeTarget(bid, target);
        return "redirect:" + landing;
    }

    private static String linkUsed(Biller biller, Model model) {
        model.addAttribute("biller", biller);
        model.addAttribute("error", LINK_USED);
        model.addAttribute("next", PayerRules.home(biller.bid()));
        return "portal/sign-in";
    }

    @PostMapping("/portal/{bid}/sign-out")
    String signOut(@PathVariable long bid, HttpServletRequest request) {
        billers.require(bid);
        PortalSession.signOut(request);
        return "redirect:" + PayerRules.home(bid) + "/sign-in?signedOut";
    }
}
