package org.ratepayer.daffron;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a GetPayableItemsList's {@code allowableTransactionTypes} allows (docs/cis-balances.md). No list, or an empty
 * one, allows everything. "Cash Only" blocks bank payments, as the Daffron integration says, and nothing else.
 * Any other list names what is allowed: a list without a card type blocks cards, one without a bank or check type
 * blocks bank payments. Types are compared without case and surrounding blanks.
 */
public final class TransactionTypes {

    static final String CASH_ONLY = "cash only";
    static final Set<String> CARD = Set.of("card", "credit card", "debit card", "credit", "debit", "cc", "credit/debit card");
    static final Set<String> BANK = Set.of("ach", "check", "echeck", "e-check", "electronic check", "bank", "bank account",
            "bank draft", "eft");

    /** What the list blocks. */
    public record Blocks(boolean ach, boolean card) {
        static final Blocks NONE = new Blocks(false, false);
    }

    private TransactionTypes() {
    }

    public static Blocks of(List<String> types) {
        List<String> named = types == null ? List.of()
                : types.stream().filter(Objects::nonNull).map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
        if (named.isEmpty()) {
            return Blocks.NONE;
        }
        if (named.contains(CASH_ONLY)) {
            return new Blocks(true, false);
        }
        return new Blocks(named.stream().noneMatch(BANK::contains), named.stream().noneMatch(CARD::contains));
    }
}
