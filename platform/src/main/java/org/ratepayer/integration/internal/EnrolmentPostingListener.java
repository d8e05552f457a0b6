package org.ratepayer.integration.internal;

import org.ratepayer.cis.CisPosting;
import org.ratepayer.enrolments.EnrolmentChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An enrolment change is told to the CIS (paperless flag, autopay and scheduled-payment history comments), queued in
 * the change's own transaction: the event is heard synchronously, so changed and queued, or neither.
 */
@Component
public class EnrolmentPostingListener {

    private final CisPostings cis;

    public EnrolmentPostingListener(CisPostings cis) {
        this.cis = cis;
    }

    @EventListener
    public void changed(EnrolmentChanged change) {
        if (change instanceof EnrolmentChanged.Paperless p) {
            if (p.origin() == EnrolmentChanged.Origin.CIS) {
                return; // made in the CIS: it knows already, and a posting back could undo a later change there
            }
            cis.enqueue(p.bid(), id -> new CisPosting.Paperless(id, p.accountNumber(), p.enrolled()));
        } else if (change instanceof EnrolmentChanged.Autopay a) {
            cis.enqueue(a.bid(), id -> new CisPosting.Autopay(id, a.accountNumber(), a.serviceLocationId(), a.enrolled(), a.at()));
        } else if (change instanceof EnrolmentChanged.Scheduled s) {
            cis.enqueue(s.bid(), id -> new CisPosting.ScheduledPayment(id, s.accountNumber(), s.serviceLocationId(),
                    CisPosting.ScheduledPayment.Change.valueOf(s.change().name()), s.date(), s.amount(), s.invoiceNumber(), s.at()));
        }
    }
}
