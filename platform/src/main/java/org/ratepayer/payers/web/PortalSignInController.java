package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The portal's sign-in page (docs/payers.md). */
@Controller
@PayerPage
class PortalSignInController {

    private final BillerService billers;

    PortalSignInController(BillerService billers) {
        this.billers = billers;
    }

    @GetMapping("/portal/{bid}/sign-in")
    String signInPage(@PathVariable long bid, @RequestParam(required = false) String next,
            @RequestParam(required = false) String signedOut, HttpServletRequest request, Model model) {
        model.addAttribute("biller", billers.require(bid));
        if (PortalSession.current(request, bid).isPresent()) {
            return "redirect:" + PayerRules.safeTarget(bid, next);
        }
        model.addAttribute("next", PayerRules.safeTarget(bid, next));
        if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        return "portal/sign-in";
    }
}
