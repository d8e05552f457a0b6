package org.ratepayer.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payers.ReRegistrationInvited;

/** The words of the email inviting a payer a conversion unregistered to register again (docs/conversion.md, "Payers"). */
class ReRegistrationEmailTest {

    private static final PaymentEmailText.Brand BRAND = new PaymentEmailText.Brand("Lowell Light & Power", "#8a1538");
    private static final String LINK = "https://pay.example/portal/845001/invitations/accept?token=SECRET-TOKEN";

    private static ReRegistrationInvited invited(String formerUsername) {
        return new ReRegistrationInvited(845001, 12, formerUsername, "pat@example.org", "1001-1", "35909001", "SECRET-TOKEN",
                Instant.parse("2026-12-19T12:00:00Z"));
    }

    @Test
    void itSaysWhyAndGivesTheNewNumberUnderTheBillersBrand() {
        OutgoingEmail e = RegistrationEmails.reRegistration(BRAND, invited("pat"), LINK);
        assertThat(e.subject()).isEqualTo("Register again for your Lowell Light & Power account 35909001");
        assertThat(e.text()).contains("Lowell Light & Power has moved to a new billing system", "account 1001-1 is now 35909001",
                "passwords are never moved", "Your autopay, paperless billing and scheduled payments go on as before", LINK,
                "It works once, within 14 days");
        assertThat(e.text()).containsPattern("Account number until now:\\s+1001-1").containsPattern("Account number from now on:\\s+35909001")
                .containsPattern("Your username until now:\\s+pat");
        assertThat(e.html()).contains("background:#8a1538", "Lowell Light &amp; Power", "href=\"" + LINK + "\"", ">Register again</a>");
        assertThat(e.kind()).isEqualTo(EmailKind.CONVERSION_REREGISTER);
        assertThat(e.accountNumber()).as("listed with the account's emails under its new number").isEqualTo("35909001");
        assertThat(e.recipients()).containsExactly("pat@example.org");
        assertThat(e.senderName()).isEqualTo("Lowell Light & Power");
    }

    @Test
    void theHistoryCopyHoldsNoToken() {
        OutgoingEmail kept = RegistrationEmails.reRegistration(BRAND, invited("pat"), LinkMail.LINK_REMOVED);
        assertThat(kept.text()).doesNotContain("SECRET-TOKEN").contains(LinkMail.LINK_REMOVED);
        assertThat(kept.html()).doesNotContain("SECRET-TOKEN").doesNotContain("<a href");
        assertThat(invited("pat").toString()).doesNotContain("SECRET-TOKEN").doesNotContain("pat@example.org");
    }

    @ParameterizedTest(name = "former username {0}: row shown {1}")
    @CsvSource(nullValues = "null", value = {
            "pat,  true",
            "null, false",
    })
    void theFormerUsernameIsShownWhenKnown(String formerUsername, boolean shown) {
        assertThat(RegistrationEmails.reRegistration(BRAND, invited(formerUsername), LINK).text().contains("Your username until now"))
                .isEqualTo(shown);
    }
}
