package org.ratepayer.paynow;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One invoice the hosted page offers, as fixed when the session was created: the partner's values
 * where it sent them (they win, EBPP-8383), else the stored invoice's.
 *
 * @param customer index of its customer in the request
 */
public record PayNowItem(int customer, String accountNumber, String invoiceNumber, LocalDate dueDate, BigDecimal balanceDue,
        BigDecimal ccServiceFee, BigDecimal achServiceFee, BigDecimal minimumAmountDue, boolean allowPartialPayments) {

    /** How the page and the session's removed-list name this item. */
    public String key() {
        return accountNumber + "/" + invoiceNumber;
    }

    public boolean payable() {
        return balanceDue != null && balanceDue.signum() > 0;
    }
}
