package org.ratepayer.notifications.internal;

import java.util.List;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import java.util.Locale;
import org.ratepayer.payers.CoOwnerInvited;
import org.ratepayer.payers.Invitations;
import org.ratepayer.payers.ReRegistrationInvited;
import org.ratepayer.payers.SignupConfirmationWanted;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The emails of self-service registration, co-owner invitations (docs/payers-self-service.md) and the invitations to
 * register again after a conversion (docs/conversion.md, "Payers"), each with its single-use link, sent through
 * {@link LinkMail}.
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

    /**
     * Written in the conversion's transaction with the link's token, under the event key
     * {@code CONVERSION_REREGISTER:<conversion>:<address>:<new account>}, so each is in the history (and sent) once.
     */
    @EventListener
    void reRegister(ReRegistrationInvited invited) {
        Biller biller = billers.require(invited.bid());
        PaymentEmailText.Brand brand = PaymentEmailText.Brand.of(biller.name(), billers.cachedConfig(invited.bid()));
        String key = "CONVERSION_REREGISTER:" + invited.conversionId() + ":" + invited.email().toLowerCase(Locale.ROOT) + ":"
                + invited.newAccountNumber();
        mail.sendOnce(reRegistration(brand, invited, link(invited.bid(), "/portal/{bid}/invitations/accept", invited.token())),
                reRegistration(brand, invited, LinkMail.LINK_REMOVED), key, "re-registration after conversion " + invited.conversionId());
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

    static OutgoingEmail reRegistration(PaymentEmailText.Brand brand, ReRegistrationInvited invited, String link) {
        String name = brand.billerName();
        List<PaymentEmailText.Row> rows = new java.util.ArrayList<>();
        rows.add(new PaymentEmailText.Row("Biller", name));
        rows.add(new PaymentEmailText.Row("Account number until now", invited.oldAccountNumber()));
        rows.add(new PaymentEmailText.Row("Account number from now on", invited.newAccountNumber()));
        if (invited.formerUsername() != null) {
            rows.add(new PaymentEmailText.Row("Your username until now", invited.formerUsername()));
        }
        PaymentEmailText.Composed c = PaymentEmailText.compose("Register again for your " + name + " account " + invited.newAccountNumber(),
                name + " has moved to a new billing system, and your account number has changed: account " + invited.oldAccountNumber()
                        + " is now " + invited.newAccountNumber() + ". Your online sign-in was not carried over (passwords are never"
                        + " moved), so please register again to see your bills and pay them online. Your autopay, paperless billing"
                        + " and scheduled payments go on as before.",
                rows,
                "To register again for account " + invited.newAccountNumber() + ", follow this link. It works once, within "
                        + Invitations.REREGISTER_LIFETIME.toDays() + " days:\n\n" + link
                        + "\n\nIf you were not expecting this, you can ignore this email.",
                link.equals(LinkMail.LINK_REMOVED) ? null : link, "Register again", brand);
        return new OutgoingEmail(invited.bid(), invited.newAccountNumber(), EmailKind.CONVERSION_REREGISTER, List.of(invited.email()),
                c.subject(), c.text(), c.html(), null, name);
    }
}
