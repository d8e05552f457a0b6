package org.ratepayer.notifications;

import org.ratepayer.notifications.internal.AccountEmails;
import org.ratepayer.notifications.internal.AfterPaymentEmail;
import org.ratepayer.notifications.internal.EmailPolicy;
import org.ratepayer.notifications.internal.EmailRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ratepayer.notifications.internal.AfterPaymentEmail.ALLOW_CC_UPDATES;
import static org.ratepayer.notifications.internal.AfterPaymentEmail.ALLOW_UNREGISTERED_UPDATES;
import static org.ratepayer.notifications.internal.AfterPaymentEmail.ALLOW_UPDATES;
import static org.ratepayer.notifications.internal.AfterPaymentEmail.PREVENT_UPDATES;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ratepayer.billers.BillerConfig;

class EmailRulesTest {

    static EmailPolicy policy(boolean only134, AfterPaymentEmail mode, boolean no112) {
        return new EmailPolicy(only134, mode, no112);
    }

    static AccountEmails account(String email, String cc) {
        return new AccountEmails(email, cc);
    }

    /** docs/prepaid-alerts.md: every user and the account's own and CC addresses, each once whatever its capitals. */
    @Test
    void aLowBalanceAlertGoesToTheUsersAndTheAccountsOwnAndCcAddressesOnceEach() {
        assertThat(EmailRules.lowBalanceRecipients(java.util.List.of("pat@example.com", "SAM@example.com", "not an address"),
                account("Owner@example.com, sam@example.com", "cc@example.com; PAT@example.com")))
                .containsExactly("pat@example.com", "SAM@example.com", "Owner@example.com", "cc@example.com");
        assertThat(EmailRules.lowBalanceRecipients(java.util.List.of(), account(null, null))).isEmpty();
    }

    @Nested
    class Recipients {

        @Test
        void thePayerAndTheAccountAddressesOnceEachIgnoringCase() {
            assertThat(EmailRules.recipients(EmailPolicy.DEFAULT, true, " Payer@Example.com ",
                    account("owner@example.com; PAYER@example.com", "cc@example.com")))
                    .containsExactly("Payer@Example.com", "owner@example.com", "cc@example.com");
        }

        @Test
        void option134LimitsOneTimePaymentsToThePayersAddress() {
            EmailPolicy only = policy(true, ALLOW_UPDATES, false);
            assertThat(EmailRules.recipients(only, true, "payer@example.com", account("owner@example.com", "cc@example.com")))
                    .containsExactly("payer@example.com");
            assertThat(EmailRules.recipients(only, true, null, account("owner@example.com", null))).isEmpty();
        }

        @Test
        void option134DoesNotSilenceAutopayWhereNobodyEnteredAnAddress() {
            assertThat(EmailRules.recipients(policy(true, ALLOW_UPDATES, false), false, null, account("owner@example.com", null)))
                    .containsExactly("owner@example.com");
        }

        @Test
        void withoutAPayerAddressTheAccountsAddressesStillGetIt() {
            assertThat(EmailRules.recipients(EmailPolicy.DEFAULT, true, "", account("owner@example.com", null)))
                    .containsExactly("owner@example.com");
            assertThat(EmailRules.recipients(EmailPolicy.DEFAULT, true, null, account(null, null))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-an-address", "a b@example.com", "\"a,b\"@example.com", "x@example.com, y@example.com",
                "<x@example.com>", "x@localhost"})
        void unusableAddressesAreLeftOut(String address) {
            assertThat(EmailRules.recipients(EmailPolicy.DEFAULT, true, address, account("owner@example.com", null)))
                    .containsExactly("owner@example.com");
        }
    }

    @Nested
    class AfterPayment {

        @Test
        void byDefaultAnEmptyAccountEmailIsFilledWithThePayers() {
            assertThat(EmailRules.afterPayment(EmailPolicy.DEFAULT, false, "payer@example.com", account(null, null)))
                    .isEqualTo(account("payer@example.com", null));
            assertThat(EmailRules.afterPayment(EmailPolicy.DEFAULT, false, "payer@example.com", account("  ", null)))
                    .isEqualTo(account("payer@example.com", null));
        }

        @Test
        void byDefaultAnExistingAccountEmailIsKept() {
            AccountEmails owner = account("owner@example.com", null);
            assertThat(EmailRules.afterPayment(EmailPolicy.DEFAULT, false, "payer@example.com", owner)).isSameAs(owner);
        }

        @Test
        void option112StopsTheFill() {
            AccountEmails empty = account(null, null);
            assertThat(EmailRules.afterPayment(policy(false, ALLOW_UPDATES, true), false, "payer@example.com", empty)).isSameAs(empty);
        }

        @Test
        void ccUpdatesKeepADifferentAddressAsTheCcAndNeverTouchTheMainEmail() {
            EmailPolicy cc = policy(false, ALLOW_CC_UPDATES, true);
            assertThat(EmailRules.afterPayment(cc, false, "payer@example.com", account("owner@example.com", null)))
                    .isEqualTo(account("owner@example.com", "payer@example.com"));
            assertThat(EmailRules.afterPayment(cc, false, "payer@example.com", account(null, "old-cc@example.com")))
                    .isEqualTo(account(null, "payer@example.com"));
            AccountEmails same = account("Payer@example.com", null);
            assertThat(EmailRules.afterPayment(cc, false, "payer@EXAMPLE.com", same)).isSameAs(same);
            AccountEmails alreadyCc = account("owner@example.com", "payer@example.com");
            assertThat(EmailRules.afterPayment(cc, false, "PAYER@example.com", alreadyCc)).isSameAs(alreadyCc);
        }

        @Test
        void preventUpdatesChangesNothing() {
            for (AccountEmails a : new AccountEmails[] {account(null, null), account("owner@example.com", "cc@example.com")}) {
                assertThat(EmailRules.afterPayment(policy(false, PREVENT_UPDATES, true), false, "payer@example.com", a)).isSameAs(a);
            }
        }

        @Test
        void unregisteredUpdatesReplaceTheEmailWhileNobodyHasRegistered() {
            EmailPolicy unreg = policy(false, ALLOW_UNREGISTERED_UPDATES, true);
            assertThat(EmailRules.afterPayment(unreg, false, "payer@example.com", account("owner@example.com", "cc@example.com")))
                    .isEqualTo(account("payer@example.com", "cc@example.com"));
            assertThat(EmailRules.afterPayment(unreg, false, "payer@example.com", account(null, null)))
                    .as("option 112 is required on for this mode and does not veto it")
                    .isEqualTo(account("payer@example.com", null));
            AccountEmails registered = account("owner@example.com", null);
            assertThat(EmailRules.afterPayment(unreg, true, "payer@example.com", registered)).isSameAs(registered);
            AccountEmails same = account("PAYER@example.com", null);
            assertThat(EmailRules.afterPayment(unreg, false, "payer@example.com", same)).isSameAs(same);
        }

        @ParameterizedTest
        @EnumSource(AfterPaymentEmail.class)
        void noUsableAddressNoChange(AfterPaymentEmail mode) {
            AccountEmails empty = account(null, null);
            for (String entered : new String[] {null, "", "   ", "nonsense"}) {
                assertThat(EmailRules.afterPayment(policy(false, mode, false), false, entered, empty)).isSameAs(empty);
            }
        }
    }

    @Test
    void thePolicyReadsOptions112_131_134AndDefaultsWhenUnset() {
        assertThat(EmailPolicy.of(new BillerConfig(1, Map.of(), Map.of(), java.time.ZoneOffset.UTC))).isEqualTo(EmailPolicy.DEFAULT);
        assertThat(EmailPolicy.of(new BillerConfig(1, Map.of("112/0", "true", "131/0", "ALLOW_CC_UPDATES", "134/0", "true"), Map.of(), java.time.ZoneOffset.UTC)))
                .isEqualTo(policy(true, ALLOW_CC_UPDATES, true));
        assertThat(AfterPaymentEmail.parse("something new")).isEqualTo(ALLOW_UPDATES);
    }
}
