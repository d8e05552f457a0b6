package org.ratepayer.integration.internal;

import java.util.List;
import java.util.Locale;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentAllocation;
import org.ratepayer.payments.PaymentAllocations;
import org.ratepayer.payments.PaymentStateListener;
import org.ratepayer.payments.PaymentStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An approved (or pending bank, docs/ach.md) payment is posted to the CIS (CommitPaymentTransaction, docs/postings.md), queued in the very
 * transaction that approves it: approved and queued, or neither.
 */
@Component
public class PaymentPostingListener implements PaymentStateListener {

    private final CisPostings cis;
    private final JdbcClient jdbc;
    private final PaymentAllocations allocations;

    public PaymentPostingListener(CisPostings cis, JdbcClient jdbc, PaymentAllocations allocations) {
        this.cis = cis;
        this.jdbc = jdbc;
        this.allocations = allocations;
    }

    @Override
    public void moved(Payment p, PaymentStatus from) {
        // A pending bank payment is posted at once, like an approved one; its confirmation posts nothing more, and a
        // return is reversed in the CIS by hand, since Daffron takes no ACH rejects over the data pump (docs/ach.md).
        boolean posts = p.status() == PaymentStatus.PENDING
                || p.status() == PaymentStatus.APPROVED && from != PaymentStatus.PENDING;
        if (!posts) {
            return;
        }
        CisPosting.Tender tender = p.method() == Method.ACH ? CisPosting.Tender.ACH : CisPosting.Tender.CARD;
        List<PaymentAllocation> allocations = this.allocations.of(p);
        if (allocations.size() == 1) {
            // a payment of one account is posted exactly as before allocations existed
            boolean donation = donation(p.bid(), p.invoiceNumber());
            cis.enqueue(p.bid(), id -> new CisPosting.Payment(id, p.accountNumber(), p.guid(), tender, p.amount(), p.approvalCode(),
                    p.channel().paymentSourceId(), p.kioskId(), donation));
            return;
        }
        // one posting per account, queued in the payment's order under each account's own order key (docs/postings.md)
        for (PaymentAllocation a : allocations) {
            boolean donation = donation(p.bid(), a.invoiceNumber());
            CisPosting.Payment.Allocation part = new CisPosting.Payment.Allocation(a.guid(), a.position(), allocations.size());
            cis.enqueue(p.bid(), id -> new CisPosting.Payment(id, a.accountNumber(), p.guid(), tender, a.amount(), p.approvalCode(),
                    p.channel().paymentSourceId(), p.kioskId(), donation).withAllocation(part));
        }
    }

    /**
     * Decision: a donation invoice type is one whose name says so ("Donation", "Operation Round Up
     * donation"); SkipDonationTypes (setting 131) then keeps such payments from the CIS.
     */
    private boolean donation(long bid, String invoiceNumber) {
        if (invoiceNumber == null) {
            return false;
        }
        return jdbc.sql("""
                select t.name from invoice i join invoice_type t on t.biller_id = i.biller_id and t.type_id = i.invoice_type_id
                where i.biller_id = ? and i.invoice_number = ?
                """).params(bid, invoiceNumber).query(String.class).optional()
                .map(n -> n.toLowerCase(Locale.ROOT).contains("donation")).orElse(false);
    }
}
