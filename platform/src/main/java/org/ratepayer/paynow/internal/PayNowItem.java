package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One invoice the hosted page offers, as fixed when the session was created: the partner's values
 * where it sent them (they win, docs/paynow.md), else the stored invoice's, with the CIS's live balance
 * when the partner sent no invoices (docs/cis-balances.md, docs/paynow.md).
 *
 * @param customer      index of its customer in the request
 * @param balanceDue    below zero a credit the utility holds for the payer
 * @param prepaid       the CIS answered with a remaining balance: the payer tops up by any amount
 * @param balanceSource where a refreshed balance came from ({@code cis}, {@code cached}, {@code fallback} as in
 *                      {@link org.ratepayer.balances.BalanceView}); null when the partner's or the stored invoice's
 */
public record PayNowItem(int customer, String accountNumber, String invoiceNumber, LocalDate dueDate, BigDecimal balanceDue,
        BigDecimal ccServiceFee, BigDecimal achServiceFee, BigDecimal minimumAmountDue, boolean allowPartialPayments,
        boolean prepaid, String balanceSource) {

    /** How the page and the session's removed-list name this item. */
    public String key() {
        return accountNumber + "/" + invoiceNumber;
    }

    /** Money held for the payer: nothing is owed, and anything paid is paid ahead. */
    public boolean credit() {
        return balanceDue != null && balanceDue.signum() < 0;
    }

    /** The payer chooses the amount: a top-up of a prepaid account or a payment ahead on a credit, at least a cent. */
    public boolean anyAmount() {
        return prepaid || credit();
    }

    /** The page offers an amount field rather than the balance alone. */
    public boolean amountChosen() {
        return allowPartialPayments || anyAmount();
    }

    public boolean payable() {
        return balanceDue != null && (balanceDue.signum() > 0 || anyAmount());
    }

    /** What the item adds to the total due: a credit owes nothing. */
    public BigDecimal due() {
        return balanceDue == null ? BigDecimal.ZERO : balanceDue.max(BigDecimal.ZERO);
    }

    /** The last known balance stood in for the CIS, which did not answer. */
    public boolean lastKnown() {
        return "fallback".equals(balanceSource);
    }
}
