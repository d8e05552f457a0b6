package org.ratepayer.payments.web;

import java.math.BigDecimal;
import java.util.UUID;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentStatus;

/**
 * What {@code POST /payments} answers with 201 when a payment was taken, whatever the processor said; a replay under
 * the same idempotency key answers it again (docs/payments.md, idempotency).
 */
public record PaymentAnswer(UUID paymentGuid, PaymentStatus status, String approvalCode, BigDecimal amount, BigDecimal fee,
        Method method, String last4, Channel channel, String accountNumber, String invoiceNumber, String message) {

    static PaymentAnswer of(PaymentOutcome.Taken t) {
        return new PaymentAnswer(t.paymentGuid(), t.status(), t.approvalCode(), t.amount(), t.fee(), t.method(), t.last4(),
                t.channel(), t.accountNumber(), t.invoiceNumber(), t.message());
    }

    PaymentOutcome.Taken outcome() {
        return new PaymentOutcome.Taken(paymentGuid, status, approvalCode, amount, fee, method, last4, channel, accountNumber,
                invoiceNumber, message);
    }
}
