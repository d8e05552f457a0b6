package org.ratepayer.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.billers.Biller;
import org.ratepayer.payers.PasswordLinkWanted;

/** The words of the password link email (docs/payers.md), and what the history copy keeps of it. */
class PasswordLinkEmailsTest {

    static final Biller COOP = new Biller(845001, UUID.randomUUID(), "Lowell Light & Power", "daffron", null,
            ZoneId.of("America/New_York"), OffsetDateTime.now());

    private static PasswordLinkWanted wanted(PasswordLinkWanted.Reason reason) {
        return new PasswordLinkWanted(845001, 7, "pat", "pat@example.org", "SECRET-TOKEN", Instant.now(), reason);
    }

    @Test
    void aNewUserIsAskedToChooseAPasswordWithinADay() {
        OutgoingEmail e = PasswordLinkEmails.email(COOP, wanted(PasswordLinkWanted.Reason.NEW_USER), "https://pay.example/x");
        assertThat(e.subject()).isEqualTo("Set a password for your Lowell Light & Power account");
        assertThat(e.text()).contains("set up for you with Lowell Light & Power, with the username pat")
                .contains("https://pay.example/x").contains("The link works once, within 24 hours")
                .endsWith("Thank you,\nLowell Light & Power\n");
        assertThat(e.kind()).isEqualTo(EmailKind.PASSWORD_LINK);
        assertThat(e.recipients()).containsExactly("pat@example.org");
        assertThat(e.senderName()).isEqualTo("Lowell Light & Power");
        assertThat(e.html()).isNull();
    }

    @Test
    void aResetSaysItCanBeIgnored() {
        OutgoingEmail e = PasswordLinkEmails.email(COOP, wanted(PasswordLinkWanted.Reason.RESET), "https://pay.example/x");
        assertThat(e.subject()).isEqualTo("Reset your Lowell Light & Power password");
        assertThat(e.text()).contains("If you did not ask for this, you can ignore this email");
    }

    @Test
    void theHistoryCopyHoldsNoToken() {
        OutgoingEmail kept = PasswordLinkEmails.email(COOP, wanted(PasswordLinkWanted.Reason.RESET), LinkMail.LINK_REMOVED);
        assertThat(kept.text()).doesNotContain("SECRET-TOKEN").contains(LinkMail.LINK_REMOVED);
        assertThat(wanted(PasswordLinkWanted.Reason.RESET).toString()).doesNotContain("SECRET-TOKEN");
    }
}
