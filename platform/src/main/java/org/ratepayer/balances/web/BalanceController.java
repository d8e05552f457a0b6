package org.ratepayer.balances.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An account's live balance (docs/cis-balances.md), for the operator or the biller's own keys. */
@RestController
public class BalanceController {

    private final BalanceService balances;
    private final RenumberedAccounts renumbered;

    public BalanceController(BalanceService balances, RenumberedAccounts renumbered) {
        this.balances = balances;
        this.renumbered = renumbered;
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/balance")
    public BalanceView balance(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API, KeyKind.WEB_SERVICE);
        // an old number after a conversion answers for the account's new one, which the answer's accountNumber names
        // (docs/conversion-old-numbers.md)
        return balances.balance(bid, renumbered.resolve(bid, account))
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no account " + account));
    }
}
