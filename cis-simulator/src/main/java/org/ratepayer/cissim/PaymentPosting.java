package org.ratepayer.cissim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A tender posted through CommitPaymentTransaction, as first received.
 *
 * @param sequence          arrival order across all postings
 * @param tender            the payment element it came in: creditCardPayment, eCheckPayment, achPayment or cashPayment
 * @param amount            exactly as received (scale kept: {@code 232.10} stays {@code 232.10})
 * @param transactionId     the {@code transactionId} extension, null when the tender had none
 * @param arrivals          how many times this transactionId arrived; above 1 means duplicates were refused
 * @param receipt           the CIS receipt number, answered as {@code financialTransactionID}
 */
public record PaymentPosting(long sequence, Instant receivedAt, String accountNumber, String tender,
                             BigDecimal amount, String authorizationCode, String paymentMode,
                             List<Extension> extensions, String transactionId, int arrivals, String receipt) {

    public PaymentPosting {
        extensions = List.copyOf(extensions);
    }
}
