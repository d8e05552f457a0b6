package org.ratepayer.payments.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStatus;

/** A payment as {@code GET /payments/{guid}} shows it: how it stands now, never more of the card than brand and last four. */
public record PaymentView(UUID paymentGuid, PaymentStatus status, String approvalCode, BigDecimal amount, BigDecimal fee,
        Method method, String brand, String last4, Channel channel, String accountNumber, String invoiceNumber, String kioskId,
        String message, OffsetDateTime createdAt) {

    static PaymentView of(Payment p) {
        return new PaymentView(p.guid(), p.status(), p.approvalCode(), p.amount(), p.fee(), p.method(), p.brand(), p.last4(),
                p.channel(), p.accountNumber(), p.invoiceNumber(), p.kioskId(), p.gatewayMessage(), p.createdAt());
    }
}
