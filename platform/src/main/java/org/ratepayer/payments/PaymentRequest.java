package org.ratepayer.payments;

import java.math.BigDecimal;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;

/**
 * One payment submission, from any channel. Exactly one of card, bank or methodToken.
 *
 * @param channel set by the path the payment came through; the channel API can only give an {@link ApiChannel}'s
 * @param stated  the invoice as a partner stated it (Pay Now); null for every other channel
 */
public record PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount,
        CardDetails card, BankDetails bank, String methodToken, String kioskId, String payerEmail, StatedInvoice stated) {

    public PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String kioskId, String payerEmail) {
        this(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, null);
    }
}
