package org.ratepayer.payments;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a payment paid one account (docs/payments.md, "Payments of several accounts"). Every payment has at
 * least one; a payment of one account has exactly one, its {@code guid} the payment's own.
 *
 * @param position      1 for the payment's first account, in the order the payer gave
 * @param guid          what the CIS knows this part of the payment by when it pays several accounts
 * @param invoiceNumber null for a prepayment with no invoice to name
 */
public record PaymentAllocation(int position, UUID guid, String accountNumber, String invoiceNumber, BigDecimal amount) {

    /**
     * The allocation GUID of position {@code position} of a payment of several accounts: derived from the payment's
     * and the position, so the same on every reading, and never the payment's own (that belongs to payments of one account).
     */
    public static UUID guidOf(UUID paymentGuid, int position) {
        return UUID.nameUUIDFromBytes(("payment-allocation:" + paymentGuid + "/" + position)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
