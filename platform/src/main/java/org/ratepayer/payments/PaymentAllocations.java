package org.ratepayer.payments;

import java.util.List;
import org.ratepayer.payments.internal.PaymentRepository;
import org.springframework.stereotype.Component;

/**
 * What a payment paid each account (docs/payments.md, "Payments of several accounts"), for those that act on a
 * payment per account: the CIS posting of each account, the payments list. A component of its own, not a
 * method of {@link PaymentService}, so that a {@link PaymentStateListener} can ask inside the transaction that
 * moves the payment.
 */
@Component
public class PaymentAllocations {

    private final PaymentRepository payments;

    public PaymentAllocations(PaymentRepository payments) {
        this.payments = payments;
    }

    /** In order, at least one: a payment with none stored paid its own account with its whole amount. */
    public List<PaymentAllocation> of(Payment payment) {
        List<PaymentAllocation> stored = payments.allocations(payment.id());
        return stored.isEmpty()
                ? List.of(new PaymentAllocation(1, payment.guid(), payment.accountNumber(), payment.invoiceNumber(), payment.amount()))
                : stored;
    }
}
