package org.ratepayer.daffron;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.LiveBalance;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.PayableItem;
import org.ratepayer.multispeak.v3.PayableItemList;

/**
 * docs/cis-balances.md: a GetPayableItemsList answer as a balance. Every payable item (one per service) counts,
 * with no exclusions; a prepaid account's {@code remainingBalance} extension replaces the sum; the allowable
 * transaction types ({@link TransactionTypes}) and {@code preventCreditCard = Y} block methods.
 */
public final class DaffronBalanceMapper {

    static final String REMAINING_BALANCE = "remainingBalance";
    static final String REMAINING_DAYS = "remainingDays";
    static final String PREVENT_CREDIT_CARD = "preventCreditCard";

    public LiveBalance map(String accountNumber, PayableItemList answer) {
        List<PayableItem> items = answer == null ? List.of() : answer.getPayableItem();
        BigDecimal current = BigDecimal.ZERO;
        BigDecimal pastDue = BigDecimal.ZERO;
        for (PayableItem item : items) {
            current = current.add(orZero(item.getCurrentAmount()));
            pastDue = pastDue.add(orZero(item.getPastDueAmount()));
        }
        Optional<BigDecimal> remainingBalance = extension(items, REMAINING_BALANCE).map(v -> decimal(accountNumber, REMAINING_BALANCE, v));
        Optional<BigDecimal> remainingDays = extension(items, REMAINING_DAYS).map(v -> decimal(accountNumber, REMAINING_DAYS, v));
        TransactionTypes.Blocks allowed = TransactionTypes.of(answer == null || answer.getAllowableTransactionTypes() == null
                ? List.of() : answer.getAllowableTransactionTypes().getTransactionType());
        boolean blockCc = allowed.card() || extension(items, PREVENT_CREDIT_CARD).map(v -> v.trim().equalsIgnoreCase("Y")).orElse(false);
        boolean blockAch = allowed.ach();
        LiveBalance.Prepaid prepaid = remainingBalance
                .map(rb -> new LiveBalance.Prepaid(rb, remainingDays.orElse(null)))
                .orElse(null);
        return new LiveBalance(accountNumber, remainingBalance.orElse(current), pastDue, blockAch, blockCc, prepaid);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** Extensions may sit on any payable item; the first one found wins. */
    private static Optional<String> extension(List<PayableItem> items, String name) {
        for (PayableItem item : items) {
            if (item.getExtensionsList() == null) {
                continue;
            }
            for (ExtensionsItem e : item.getExtensionsList().getExtensionsItem()) {
                if (e.getExtName() != null && e.getExtName().trim().equalsIgnoreCase(name) && e.getExtValue() != null) {
                    return Optional.of(e.getExtValue());
                }
            }
        }
        return Optional.empty();
    }

    private static BigDecimal decimal(String account, String name, String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new CisException(CisException.Kind.MALFORMED,
                    "GetPayableItemsList for account " + account + ": extension " + name + " is not a number: '" + value + "'");
        }
    }
}
