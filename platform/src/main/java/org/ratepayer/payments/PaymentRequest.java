package org.ratepayer.payments;

import org.ratepayer.payments.internal.ApiChannel;
import java.math.BigDecimal;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;

/**
 * One payment submission, from any channel. Exactly one of card, bank or methodToken.
 *
 * @param channel set by the path the payment came through; the channel API can only give an {@link ApiChannel}'s
 * @param stated      the invoice as a partner stated it (Pay Now); null for every other channel
 * @param reviewedFee the convenience fee the payer saw before confirming; when the rules now give another, nothing is
 *                    charged and the answer says so (docs/payments.md). Null where no fee was shown first.
 */
public record PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount,
        CardDetails card, BankDetails bank, String methodToken, String kioskId, String payerEmail, StatedInvoice stated,
        BigDecimal reviewedFee) {

    public PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String kioskId, String payerEmail, StatedInvoice stated) {
        this(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, stated, null);
    }

    public PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String kioskId, String payerEmail) {
        this(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, null);
    }
}
