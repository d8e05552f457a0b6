package org.ratepayer.notifications.web;

import org.ratepayer.billers.BillerService;
import org.ratepayer.notifications.internal.EmailHistory;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An account's email history in the customer portal (docs/payers-self-service.md): what was sent, when, to whom.
 * Here and not in payers, which may not use notifications (docs/architecture.md); the signed-in payer comes from
 * payers' portal guard, and an account the payer does not hold answers 404, like one that does not exist.
 */
@Controller
@PayerPage
public class PortalEmailsController {

    private static final int SHOWN = 100;

    private final BillerService billers;
    private final PayerDirectory directory;
    private final EmailHistory history;

    public PortalEmailsController(BillerService billers, PayerDirectory directory, EmailHistory history) {
        this.billers = billers;
        this.directory = directory;
        this.history = history;
    }

    @GetMapping("/portal/{bid}/accounts/{account}/emails")
    String emails(@PathVariable long bid, @PathVariable String account, SignedInPayer signedIn, Model model) {
        if (!directory.find(bid, signedIn.userId()).map((Payer p) -> p.holds(account)).orElse(false)) {
            throw new NotFoundException("no account " + account);
        }
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
        model.addAttribute("account", account);
        model.addAttribute("emails", history.forAccount(bid, account, SHOWN));
        return "portal/emails";
    }
}
