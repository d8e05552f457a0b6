package org.ratepayer.payers;

import java.time.YearMonth;
import java.util.Optional;
import org.ratepayer.shared.web.Refusal.Kind;

/** What a wallet may hold (docs/payers.md): a bounded number of methods, and no card already expired. */
public final class WalletRules {

    /** More than a household needs, few enough that a page lists them all. */
    public static final int MAXIMUM_METHODS = 10;

    private WalletRules() {
    }

    public static Optional<PayerRules.Violation> checkRoom(int saved) {
        return saved >= MAXIMUM_METHODS
                ? Optional.of(new PayerRules.Violation(Kind.NOT_ALLOWED, "wallet_full", "method",
                        "a wallet holds at most " + MAXIMUM_METHODS + " payment methods; remove one first"))
                : Optional.empty();
    }

    /** A card is good through the last day of its expiry month; bank accounts do not expire. */
    public static boolean expired(Integer expMonth, Integer expYear, YearMonth now) {
        if (expMonth == null || expYear == null) {
            return false;
        }
        return YearMonth.of(expYear, expMonth).isBefore(now);
    }
}
