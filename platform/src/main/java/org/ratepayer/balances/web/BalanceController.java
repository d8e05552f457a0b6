package org.ratepayer.balances.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An account's live balance (docs/cis-balances.md), for the operator or the biller's own keys. */
@RestController
public class BalanceController {

    private final BalanceService balances;

    public BalanceController(BalanceService balances) {
        this.balances = balances;
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/balance")
    public BalanceView balance(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API, KeyKind.WEB_SERVICE);
        return balances.balance(bid, account)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no account " + account));
    }
}
