package org.ratepayer.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The biller's payments as {@code GET /api/v1/billers/{bid}/payments} lists them (docs/api.md, "Listing
 * payments"): newest first, a page at a time. Never more of a card or bank account than its brand and last four.
 */
public final class PaymentList {

    private PaymentList() {
    }

    /** The largest page a caller may ask for. */
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    /**
     * What to list; every filter is optional (null). {@code from} and {@code to} are days in the biller's time zone,
     * both included.
     *
     * @param account payments with an allocation to this account (a payment of several accounts is listed under each)
     */
    public record Filter(String account, Channel channel, PaymentStatus status, LocalDate from, LocalDate to) {
    }

    /** @param page 1 for the newest {@code size} payments */
    public record PaymentPage(List<PaymentItem> items, int page, int size, long totalItems, int totalPages) {
        public PaymentPage {
            items = List.copyOf(items);
        }
    }

    /** How the payment was paid: the method, and for a card its brand, and the last four digits. */
    public record PaymentMethodSummary(Method type, String brand, String last4) {
    }

    /** What one account got of the payment. */
    public record PaymentAllocationItem(String accountNumber, String invoiceNumber, BigDecimal amount) {
    }

    /**
     * One payment.
     *
     * @param accountNumber the payment's (first) account
     * @param allocations   what each account got, in order; one for a payment of one account
     * @param amount        the total paid to the accounts, without the fee
     */
    public record PaymentItem(UUID paymentGuid, String accountNumber, List<PaymentAllocationItem> allocations, BigDecimal amount, BigDecimal fee,
            Channel channel, PaymentStatus status, PaymentMethodSummary method, OffsetDateTime createdAt) {
        public PaymentItem {
            allocations = List.copyOf(allocations);
        }
    }
}
