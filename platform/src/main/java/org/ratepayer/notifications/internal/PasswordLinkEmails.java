package org.ratepayer.notifications.internal;

import java.util.List;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.PasswordLinkWanted;
import org.ratepayer.shared.config.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The email with a payer's link to set a password (docs/payers.md). It is written to the history in the transaction
 * that stored the link's token, and handed to SMTP only once that transaction has committed: a link that was never
 * stored is never sent. The history keeps the email with the link taken out, because whoever may read the history
 * (staff, the CIS) must not be able to set the payer's password with it; the token is never logged.
 */
@Component
public class PasswordLinkEmails {

    static final String LINK_REMOVED = "[the link is left out of the history copy]";

    private static final Logger log = LoggerFactory.getLogger(PasswordLinkEmails.class);

    private final BillerService billers;
    private final PublicUrl publicUrl;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;

    public PasswordLinkEmails(BillerService billers, PublicUrl publicUrl, EmailHistory history, EmailDispatcher dispatcher) {
        this.billers = billers;
        this.publicUrl = publicUrl;
        this.history = history;
        this.dispatcher = dispatcher;
    }

    @EventListener
    public void linkWanted(PasswordLinkWanted wanted) {
        Biller biller = billers.require(wanted.bid());
        String link = publicUrl.link(UriComponentsBuilder.fromPath("/portal/{bid}/password").queryParam("token", "{token}")
                .buildAndExpand(wanted.bid(), wanted.token()).encode().toUriString());
        OutgoingEmail email = email(biller, wanted, link);
        OutgoingEmail kept = email(biller, wanted, LINK_REMOVED);
        long id = history.queue(kept).orElseThrow();
        log.info("password link email {} ({}) queued for user {} of biller {}", id, wanted.reason(), wanted.userId(), wanted.bid());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.dispatch(id, email);
                }
            });
        } else {
            dispatcher.dispatch(id, email);
        }
    }

    static OutgoingEmail email(Biller biller, PasswordLinkWanted wanted, String link) {
        String subject = wanted.reason() == PasswordLinkWanted.Reason.NEW_USER
                ? "Set a password for your " + biller.name() + " account"
                : "Reset your " + biller.name() + " password";
        String opening = wanted.reason() == PasswordLinkWanted.Reason.NEW_USER
                ? "An online account has been set up for you with " + biller.name() + ", with the username " + wanted.username()
                        + ". To start using it, choose a password:"
                : "Someone, hopefully you, asked to reset the password of your " + biller.name() + " online account (username "
                        + wanted.username() + "). To choose a new password, follow this link:";
        String text = "Hello,\n\n" + opening + "\n\n" + link + "\n\n"
                + "The link works once, within 24 hours. After that, you can ask for a new one on the sign-in page.\n\n"
                + (wanted.reason() == PasswordLinkWanted.Reason.RESET
                        ? "If you did not ask for this, you can ignore this email: your password stays as it is.\n\n"
                        : "If you were not expecting this, you can ignore this email.\n\n")
                + "Thank you,\n" + biller.name() + "\n";
        return new OutgoingEmail(wanted.bid(), null, EmailKind.PASSWORD_LINK, List.of(wanted.email()), subject, text, null, null,
                biller.name());
    }
}
