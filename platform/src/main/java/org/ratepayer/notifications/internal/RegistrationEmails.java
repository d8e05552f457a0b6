package org.ratepayer.notifications.internal;

import java.util.List;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.CoOwnerInvited;
import org.ratepayer.payers.SignupConfirmationWanted;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The emails of self-service registration and co-owner invitations (docs/payers-self-service.md), each with its
 * single-use link, sent through {@link LinkMail}.
 */
@Component
class RegistrationEmails {

    private final BillerService billers;
    private final PublicUrl publicUrl;
    private final LinkMail mail;

    RegistrationEmails(BillerService billers, PublicUrl publicUrl, LinkMail mail) {
        this.billers = billers;
        this.publicUrl = publicUrl;
        this.mail = mail;
    }

    @EventListener
    void signup(SignupConfirmationWanted wanted) {
        Biller biller = billers.require(wanted.bid());
        mail.send(confirmation(biller, wanted, link(wanted.bid(), "/portal/{bid}/register/confirm", wanted.token())),
                confirmation(biller, wanted, LinkMail.LINK_REMOVED), "sign-up confirmation");
    }

    @EventListener
    void invited(CoOwnerInvited invited) {
        Biller biller = billers.require(invited.bid());
        mail.send(invitation(biller, invited, link(invited.bid(), "/portal/{bid}/invitations/accept", invited.token())),
                invitation(biller, invited, LinkMail.LINK_REMOVED), "co-owner invitation");
    }

    private String link(long bid, String path, String token) {
        return publicUrl.link(UriComponentsBuilder.fromPath(path).queryParam("token", "{token}").buildAndExpand(bid, token)
                .encode().toUriString());
    }

    static OutgoingEmail confirmation(Biller biller, SignupConfirmationWanted wanted, String link) {
        String text = "Hello,\n\nThank you for registering with " + biller.name() + " as " + wanted.username()
                + ". To confirm your email address and start using your online account, follow this link:\n\n" + link + "\n\n"
                + "The link works once, within 24 hours. If you did not register, you can ignore this email: nothing is set up"
                + " until the link is followed.\n\nThank you,\n" + biller.name() + "\n";
        return new OutgoingEmail(wanted.bid(), null, EmailKind.SIGNUP_CONFIRMATION, List.of(wanted.email()),
                "Confirm your " + biller.name() + " online account", text, null, null, biller.name());
    }

    static OutgoingEmail invitation(Biller biller, CoOwnerInvited invited, String link) {
        String text = "Hello,\n\n" + invited.invitedBy() + " invited you to share " + biller.name() + " account "
                + invited.accountNumber() + " online, as its co-owner: you will see its bills and can pay them.\n\n"
                + "To accept, follow this link and sign in, or register if you have no online account yet:\n\n" + link + "\n\n"
                + "The link works once, within 7 days. If you were not expecting this, you can ignore this email.\n\n"
                + "Thank you,\n" + biller.name() + "\n";
        return new OutgoingEmail(invited.bid(), invited.accountNumber(), EmailKind.CO_OWNER_INVITATION, List.of(invited.email()),
                "You are invited to share a " + biller.name() + " account", text, null, null, biller.name());
    }
}
