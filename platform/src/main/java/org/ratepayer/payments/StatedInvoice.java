package org.ratepayer.payments;

import java.math.BigDecimal;

/**
 * An invoice as a partner states it with the payment (Pay Now, docs/paynow.md / docs/paynow.md): where a value is
 * given it wins over the stored invoice and the live balance, because the partner's portal showed the
 * payer that amount. Null values leave the stored ones in force.
 */
public record StatedInvoice(BigDecimal balanceDue, BigDecimal ccServiceFee, BigDecimal achServiceFee,
        Boolean allowPartialPayments) {

    PaymentRules.PayableInvoice over(PaymentRules.PayableInvoice stored) {
        return new PaymentRules.PayableInvoice(stored.invoiceNumber(), stored.status(), stored.invoiceDate(),
                balanceDue != null ? balanceDue : stored.totalAmountDue(),
                allowPartialPayments != null ? allowPartialPayments : stored.allowPartialPayments(),
                stored.paymentExpirationDate(), stored.paymentExpirationMessage(),
                ccServiceFee != null ? ccServiceFee : stored.ccServiceFee(),
                achServiceFee != null ? achServiceFee : stored.achServiceFee());
    }
}
