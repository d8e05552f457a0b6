package org.ratepayer.payments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment attempt as stored: no card or bank number, only the token, brand and last four. */
public record Payment(long id, UUID guid, long bid, String accountNumber, String invoiceNumber, Channel channel,
        Method method, PaymentStatus status, BigDecimal amount, BigDecimal fee, String brand, String last4,
        String approvalCode, String gatewayMessage, String payerEmail, String kioskId, OffsetDateTime createdAt) {
}
