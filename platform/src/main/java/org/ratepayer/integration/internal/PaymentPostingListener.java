package org.ratepayer.integration.internal;

import java.util.Locale;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStateListener;
import org.ratepayer.payments.PaymentStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An approved payment is posted to the CIS (CommitPaymentTransaction, docs/postings.md), queued in the very
 * transaction that approves it: approved and queued, or neither.
 */
@Component
public class PaymentPostingListener implements PaymentStateListener {

    private final CisPostings cis;
    private final JdbcClient jdbc;

    public PaymentPostingListener(CisPostings cis, JdbcClient jdbc) {
        this.cis = cis;
        this.jdbc = jdbc;
    }

    @Override
    public void moved(Payment p, PaymentStatus from) {
        if (p.status() != PaymentStatus.APPROVED) {
            return;
        }
        boolean donation = donation(p);
        CisPosting.Tender tender = p.method() == Method.ACH ? CisPosting.Tender.ACH : CisPosting.Tender.CARD;
        cis.enqueue(p.bid(), id -> new CisPosting.Payment(id, p.accountNumber(), p.guid(), tender, p.amount(), p.approvalCode(),
                p.channel().paymentSourceId(), p.kioskId(), donation));
    }

    /**
     * Decision: a donation invoice type is one whose name says so ("Donation", "Operation Round Up
     * donation"); SkipDonationTypes (setting 131) then keeps such payments from the CIS.
     */
    private boolean donation(Payment p) {
        if (p.invoiceNumber() == null) {
            return false;
        }
        return jdbc.sql("""
                select t.name from invoice i join invoice_type t on t.biller_id = i.biller_id and t.type_id = i.invoice_type_id
                where i.biller_id = ? and i.invoice_number = ?
                """).params(p.bid(), p.invoiceNumber()).query(String.class).optional()
                .map(n -> n.toLowerCase(Locale.ROOT).contains("donation")).orElse(false);
    }
}
