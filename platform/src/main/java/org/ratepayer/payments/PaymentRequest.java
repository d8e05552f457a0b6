package org.ratepayer.payments;

import org.ratepayer.payments.internal.ApiChannel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;

/**
 * One payment submission, from any channel. Exactly one of card, bank or methodToken.
 *
 * @param channel set by the path the payment came through; the channel API can only give an {@link ApiChannel}'s
 * @param stated      the invoice as a partner stated it (Pay Now); null for every other channel
 * @param reviewedFee the convenience fee the payer saw before confirming; when the rules now give another, nothing is
 *                    charged and the answer says so (docs/payments.md). Null where no fee was shown first.
 * @param allocations for a payment of several accounts (docs/payments.md, "Payments of several accounts"): what each
 *                    account gets, in order; {@code amount} is then their total and {@code accountNumber} and
 *                    {@code invoiceNumber} stay null. Empty for a payment of one account.
 * @param takenBy     the staff user who took a CSRWEB payment, stored with the payment in its own transaction
 *                    (docs/staff-search.md); null for every other payment
 */
public record PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount,
        CardDetails card, BankDetails bank, String methodToken, String kioskId, String payerEmail, StatedInvoice stated,
        BigDecimal reviewedFee, List<Allocation> allocations, String takenBy) {

    /**
     * What one account of a payment of several gets.
     *
     * @param invoiceNumber the invoice paid, or null for the account's newest (as for a payment of one account)
     */
    public record Allocation(String accountNumber, String invoiceNumber, BigDecimal amount) {
    }

    public PaymentRequest {
        // nulls kept (not List.copyOf): a missing element is the caller's mistake, refused naming its place
        allocations = allocations == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allocations));
    }

    public PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String kioskId, String payerEmail, StatedInvoice stated, BigDecimal reviewedFee) {
        this(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, stated, reviewedFee,
                List.of(), null);
    }

    public PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String kioskId, String payerEmail, StatedInvoice stated) {
        this(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, stated, null);
    }

    public PaymentRequest(Channel channel, String accountNumber, String invoiceNumber, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String kioskId, String payerEmail) {
        this(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, null);
    }

    /**
     * A payment of several accounts, charged once for the total of {@code allocations}' amounts as {@code amount}.
     */
    public static PaymentRequest ofAccounts(Channel channel, List<Allocation> allocations, BigDecimal amount, CardDetails card,
            BankDetails bank, String methodToken, String payerEmail, BigDecimal reviewedFee) {
        return new PaymentRequest(channel, null, null, amount, card, bank, methodToken, null, payerEmail, null, reviewedFee,
                allocations, null);
    }

    /** This request as taken by a staff user on the phone. */
    public PaymentRequest takenBy(String username) {
        return new PaymentRequest(channel, accountNumber, invoiceNumber, amount, card, bank, methodToken, kioskId, payerEmail, stated,
                reviewedFee, allocations, username);
    }

    /** Whether this is a payment of several accounts (given as allocations, even if only one). */
    public boolean allocated() {
        return !allocations.isEmpty();
    }
}
