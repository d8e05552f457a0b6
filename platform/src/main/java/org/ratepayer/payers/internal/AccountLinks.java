package org.ratepayer.payers.internal;

import java.util.List;
import java.util.Optional;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.PayerRules;
import org.springframework.stereotype.Component;

/**
 * Linking users to accounts under the biller's co-owner options (74, 78, 79), however the link comes about: the CIS
 * registering a user, a payer registering from a bill, an invitation accepted. Call inside a transaction: the account
 * is locked while its users are counted, so two links racing for the last place cannot both take it.
 */
@Component
public class AccountLinks {

    private final BillerService billers;
    private final PayerRepository users;

    public AccountLinks(BillerService billers, PayerRepository users) {
        this.billers = billers;
        this.users = users;
    }

    /** Why one more user may not hold the account now, if it may not (without linking anything). */
    public Optional<PayerRules.Violation> refusal(long bid, String account, String username) {
        users.lockAccount(bid, account);
        List<String> holders = users.holders(bid, account);
        if (username != null && holders.stream().anyMatch(h -> h.equalsIgnoreCase(username))) {
            return Optional.empty();
        }
        BillerConfig config = billers.cachedConfig(bid);
        return PayerRules.checkCoOwner(account, holders.size(), config.enabled(ConfigCatalogue.OPT_MULTIPLE_CUSTOMER_LOGIN),
                config.enabled(ConfigCatalogue.OPT_ALLOW_CO_OWNERS),
                config.option(ConfigCatalogue.OPT_MAX_CO_OWNERS).map(Integer::parseInt).orElse(15));
    }

    /** Links the user to each account it does not hold yet, or refuses and links none (the caller's transaction rolls back). */
    public void link(long bid, PayerRepository.UserRow user, List<String> accounts) {
        for (String account : accounts) {
            PayerRules.require(refusal(bid, account, user.username()));
            users.link(user.userId(), bid, account);
        }
    }
}
