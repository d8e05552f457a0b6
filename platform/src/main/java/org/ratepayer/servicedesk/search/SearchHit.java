package org.ratepayer.servicedesk.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;

/**
 * One row of the results: the account it leads to, and the invoice or payment that matched when it was one of those.
 * Never more of a card or bank account than its brand and last four.
 *
 * @param matchedBy what the box was read as for this hit
 * @param invoice   null unless an invoice number matched
 * @param payment   null unless a payment matched (GUID, approval code, last four, or the filters alone)
 */
public record SearchHit(QueryShape.Kind matchedBy, String accountNumber, String customerName, String email, String phone,
        InvoiceHit invoice, PaymentHit payment) {

    public record InvoiceHit(String invoiceNumber, LocalDate invoiceDate, LocalDate dueDate, BigDecimal totalAmountDue, String status) {
    }

    /** @param takenBy the staff user who took it (channel CSRWEB); null for every other payment */
    public record PaymentHit(UUID paymentGuid, OffsetDateTime createdAt, BigDecimal amount, Channel channel, Method method,
            PaymentStatus status, String brand, String last4, String approvalCode, String takenBy) {
    }

    /** What makes two hits the same row, whichever kind found them. */
    String identity() {
        if (payment != null) {
            return "p:" + payment.paymentGuid();
        }
        if (invoice != null) {
            return "i:" + invoice.invoiceNumber();
        }
        return "a:" + accountNumber;
    }
}
