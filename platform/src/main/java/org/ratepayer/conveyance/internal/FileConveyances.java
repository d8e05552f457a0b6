package org.ratepayer.conveyance.internal;

import org.ratepayer.billing.AccountsChangedOwner;
import org.ratepayer.conveyance.Conveyance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Conveys the accounts an invoice file says changed owner, heard synchronously in the import's transaction: the file's
 * bills and the old owners' cancelled autopay commit together, so no autopay run can charge an old owner's card for a
 * new owner's bill (docs/conveyance.md). A failure here fails the import, which stores nothing.
 */
@Component
public class FileConveyances {

    private static final Logger log = LoggerFactory.getLogger(FileConveyances.class);

    private final ConveyanceWork work;

    public FileConveyances(ConveyanceWork work) {
        this.work = work;
    }

    @EventListener
    public void ownersChanged(AccountsChangedOwner event) {
        for (AccountsChangedOwner.Change c : event.changes()) {
            Conveyance.Trigger trigger = c.cause() == AccountsChangedOwner.Cause.FLAG ? Conveyance.Trigger.FILE : Conveyance.Trigger.NAME_CHANGE;
            Conveyance done = work.conveyFromFile(event.bid(), c.accountNumber(), trigger, event.fileId(), c.oldCustomerName(),
                    c.newCustomerName(), c.oldEmail());
            log.info("biller {} file {} conveyed account {} ({}): {} user(s) removed, autopay cancelled {}, {} scheduled payment(s) cancelled",
                    event.bid(), event.fileId(), c.accountNumber(), trigger, done.usersRemoved().size(), done.autopayCancelled(),
                    done.scheduledPaymentsCancelled());
        }
    }
}
