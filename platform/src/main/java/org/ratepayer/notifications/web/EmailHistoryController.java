package org.ratepayer.notifications.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.util.List;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.notifications.internal.EmailHistory;
import org.ratepayer.notifications.internal.EmailRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's email history (docs/payments.md), for the operator or the biller's own keys (staff and the CIS). */
@RestController
public class EmailHistoryController {

    private final EmailHistory history;
    private final InvoiceQueries accounts;

    public EmailHistoryController(EmailHistory history, InvoiceQueries accounts) {
        this.history = history;
        this.accounts = accounts;
    }

    /** Newest first. */
    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/emails")
    public List<EmailRecord> emails(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestParam(defaultValue = "100") int limit) {
        caller.actFor(bid, KeyKind.API, KeyKind.WEB_SERVICE);
        if (accounts.account(bid, account).isEmpty()) {
            throw new NotFoundException("biller " + bid + " has no account " + account);
        }
        return history.forAccount(bid, account, Math.max(1, Math.min(limit, 500)));
    }
}
