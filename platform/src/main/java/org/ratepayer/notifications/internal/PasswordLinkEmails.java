package org.ratepayer.notifications.internal;

import java.util.List;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.PasswordLinkWanted;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The email with a payer's link to set a password (docs/payers.md), sent through {@link LinkMail}: written with the
 * link's token, sent after commit, kept in the history without the link.
 */
@Component
public class PasswordLinkEmails {

    private final BillerService billers;
    private final PublicUrl publicUrl;
    private final LinkMail mail;

    PasswordLinkEmails(BillerService billers, PublicUrl publicUrl, LinkMail mail) {
        this.billers = billers;
        this.publicUrl = publicUrl;
        this.mail = mail;
    }

    @EventListener
    public void linkWanted(PasswordLinkWanted wanted) {
        Biller biller = billers.require(wanted.bid());
        String link = publicUrl.link(UriComponentsBuilder.fromPath("/portal/{bid}/password").queryParam("token", "{token}")
                .buildAndExpand(wanted.bid(), wanted.token()).encode().toUriString());
        mail.send(email(biller, wanted, link), email(biller, wanted, LinkMail.LINK_REMOVED),
                "password link (" + wanted.reason() + ", user " + wanted.userId() + ")");
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
