package org.ratepayer.notifications.internal;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Emails that carry a single-use link (set a password, confirm a sign-up, accept an invitation, register again after a
 * conversion; docs/payers.md, docs/conversion.md). The
 * email is written to the history in the transaction that stored the link's token, and handed to SMTP only once that
 * transaction has committed: a link that was never stored is never sent. The history keeps the email with the link taken
 * out, because whoever may read the history (staff, the CIS) must not be able to use it; the token is never logged.
 */
@Component
class LinkMail {

    static final String LINK_REMOVED = "[the link is left out of the history copy]";

    private static final Logger log = LoggerFactory.getLogger(LinkMail.class);

    private final EmailHistory history;
    private final EmailDispatcher dispatcher;

    LinkMail(EmailHistory history, EmailDispatcher dispatcher) {
        this.history = history;
        this.dispatcher = dispatcher;
    }

    /**
     * @param sent the email as sent, with its link
     * @param kept the same email with {@link #LINK_REMOVED} in place of the link, as the history keeps it
     */
    void send(OutgoingEmail sent, OutgoingEmail kept, String what) {
        long id = history.queue(kept).orElseThrow();
        log.info("{} email {} queued for biller {}", what, id, sent.bid());
        afterCommit(id, sent);
    }

    /**
     * The same, told once per event: nothing is written or sent when the biller's history already has an email for
     * {@code eventKey} (the send ledger of docs/notices.md).
     *
     * @return whether it was written (and will be sent after the commit)
     */
    boolean sendOnce(OutgoingEmail sent, OutgoingEmail kept, String eventKey, String what) {
        Optional<Long> id = history.queueOnce(kept, eventKey);
        if (id.isEmpty()) {
            log.info("{} email for biller {} already in the history; not sent again", what, sent.bid());
            return false;
        }
        log.info("{} email {} queued for biller {}", what, id.get(), sent.bid());
        afterCommit(id.get(), sent);
        return true;
    }

    private void afterCommit(long id, OutgoingEmail sent) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.dispatch(id, sent);
                }
            });
        } else {
            dispatcher.dispatch(id, sent);
        }
    }
}
