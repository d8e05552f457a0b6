package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.ratepayer.billers.AccentColour;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.internal.PortalAccounts;
import org.ratepayer.presentment.BillPdfResponse;
import org.ratepayer.presentment.BillPdfService;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The customer portal's home: every account the payer holds with its live balance and its bills, each bill's PDF,
 * and the biller's colours (docs/payers-portal.md). Every account in a path is checked against what the payer holds
 * now, and one that is not theirs answers 404, like one that does not exist.
 */
@Controller
@PayerPage
class PortalHomeController {

    private final BillerService billers;
    private final PortalAccounts accounts;
    private final BillPdfService pdfs;

    PortalHomeController(BillerService billers, PortalAccounts accounts, BillPdfService pdfs) {
        this.billers = billers;
        this.accounts = accounts;
        this.pdfs = pdfs;
    }

    @GetMapping("/portal/{bid}")
    String home(@PathVariable long bid, SignedInPayer signedIn, HttpServletRequest request, Model model) {
        Optional<Payer> payer = accounts.payer(signedIn);
        if (payer.isEmpty()) {
            // The CIS removed the user since it signed in: the session names nobody any more.
            PortalSession.signOut(request);
            return "redirect:" + PayerRules.home(bid) + "/sign-in";
        }
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
        model.addAttribute("accounts", accounts.accounts(payer.get()));
        return "portal/home";
    }

    @GetMapping("/portal/{bid}/accounts/{account}/bills/{invoiceNumber}.pdf")
    void bill(@PathVariable long bid, @PathVariable String account, @PathVariable String invoiceNumber, SignedInPayer signedIn,
            HttpServletResponse response) throws IOException {
        BillPdfResponse.send(pdfs, bid, accounts.bill(signedIn, account, invoiceNumber), response);
    }

    /**
     * The biller's accent colour as a style sheet: pages carry no inline style (the CSP forbids it), so the colour
     * comes from here. A colour that fails the contrast check is never stored, and is not served if one ever was.
     */
    @GetMapping(value = "/portal/{bid}/theme.css", produces = "text/css")
    ResponseEntity<String> theme(@PathVariable long bid) {
        billers.cachedBiller(bid);
        String css = AccentColour.of(billers.cachedConfig(bid).setting(ConfigCatalogue.SET_PORTAL_ACCENT_COLOUR))
                .map(c -> ":root { --accent: " + c.hex() + "; }\n").orElse("/* the standard colours */\n");
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/css;charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(css);
    }
}
