package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.notifications.internal.AccountEmails;
import org.ratepayer.notifications.internal.AutopayEmailText;
import org.ratepayer.notifications.internal.AutopayEmailText.About;
import org.ratepayer.notifications.internal.EmailRules;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.ratepayer.payments.Method;

/** The words of the autopay emails and who they go to (docs/autopay.md, "Emails"), as tables. */
class AutopayEmailTextTest {

    static final String LINK = "https://pay.example.coop/portal/7/accounts/1001-1/enrolments";
    static final About AUTOPAY = new About("Lowell Light & Power", "1001-1", "100100000002", false, LINK);
    static final About SCHEDULED = new About("Lowell Light & Power", "1001-1", "100100000002", true, LINK);
    static final UUID GUID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    /** Every reason code of docs/autopay.md (and the payment rules' codes a run may meet) in a member's words. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            no_balance               | null   | There was nothing to pay: your balance was zero or in credit on that day.
            above_maximum            | 250.00 | Your balance was above your autopay maximum of $250.00, so it was not charged.
            above_maximum            | null   | Your balance was above the maximum you set for autopay, so it was not charged.
            method_blocked           | null   | Your account does not accept payments by this method at the moment.
            card_expired             | null   | The card saved for this payment has expired. Please save a new card and choose it.
            cis_unreachable          | null   | The billing system could not be reached all day to confirm your balance, and we never charge an amount we could not confirm.
            account_not_found        | null   | Your account could not be found in the billing records.
            amount_above_maximum     | null   | The amount is more than the most one online payment may be.
            amount_invalid           | null   | The amount to pay was not a valid amount.
            partial_not_allowed      | null   | This bill cannot be paid in part, and the amount was less than the amount due.
            invoice_not_payable      | null   | This bill can no longer be paid online: it may already be paid.
            no_open_invoice          | null   | There was no open bill to pay.
            invoice_not_found        | null   | The bill could not be found.
            bill_expired             | null   | This bill can no longer be paid online.
            saved_method_not_allowed | null   | Saved payment methods are not accepted for this payment.
            something_new            | null   | The payment could not be made (reason: something_new).
            """)
    void everyReasonIsASentence(String code, BigDecimal maximum, String sentence) {
        assertThat(AutopayEmailText.reason(code, maximum)).isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            CARD | VISA | 1111 | VISA card ending in 1111
            CARD | null | 4242 | Card ending in 4242
            ACH  | null | 6789 | Bank account ending in 6789
            null | null | null | your saved payment method
            """)
    void aMethodShowsAsBrandAndLastFour(Method method, String brand, String last4, String shown) {
        assertThat(AutopayEmailText.method(method, brand, last4)).isEqualTo(shown);
    }

    @Test
    void theUpcomingChargeNamesAmountDateMethodAndMaximum() {
        Composed c = AutopayEmailText.upcoming(AUTOPAY, LocalDate.of(2026, 12, 4), new BigDecimal("1234.5"), "VISA card ending in 1111",
                new BigDecimal("2000"));
        assertThat(c.subject()).isEqualTo("Autopay will pay your Lowell Light & Power bill on December 4, 2026");
        assertThat(c.text()).contains("Account:", "1001-1", "Bill:", "100100000002", "Bill amount:", "$1,234.50", "Charge date:",
                "December 4, 2026", "Paid with:", "VISA card ending in 1111", "Your autopay maximum:", "$2,000.00",
                "The balance on the day will be charged", "above your maximum of $2,000.00", LINK);
        assertThat(c.html()).contains("Lowell Light &amp; Power", "<a href=\"" + LINK + "\">");
        assertThat(AutopayEmailText.upcoming(AUTOPAY, LocalDate.of(2026, 12, 4), BigDecimal.TEN, "Card", null).text())
                .doesNotContain("maximum");
    }

    @Test
    void aReceiptNamesAmountDateMethodAndConfirmation() {
        Composed c = AutopayEmailText.receipt(AUTOPAY, LocalDate.of(2026, 12, 1), new BigDecimal("120.50"), "VISA card ending in 1111", GUID,
                "123456");
        assertThat(c.subject()).isEqualTo("Autopay receipt — Lowell Light & Power");
        assertThat(c.text()).startsWith("Autopay paid your Lowell Light & Power bill. Thank you.").contains("Amount:", "$120.50",
                "December 1, 2026", "VISA card ending in 1111", "Confirmation:", "123456", "0F8FAD5B-D9CB-469F-A165-70867728950E");
        Composed s = AutopayEmailText.receipt(SCHEDULED, LocalDate.of(2026, 12, 1), new BigDecimal("50"), "Card", GUID, null);
        assertThat(s.subject()).isEqualTo("Scheduled payment receipt — Lowell Light & Power");
        assertThat(s.text()).startsWith("Your scheduled payment to Lowell Light & Power was made.").contains("Confirmation:", "-");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            false | 2026-12-02 | Autopay payment declined — Lowell Light & Power   | December 2, 2026 | We will try again on December 2, 2026.
            false | null       | Autopay payment declined — Lowell Light & Power   | no more attempts | There will be no more attempts
            true  | null       | Scheduled payment declined — Lowell Light & Power | no more attempts | There will be no more attempts
            """)
    void aDeclineNamesTheNextAttempt(boolean scheduled, LocalDate next, String subject, String nextRow, String closing) {
        Composed c = AutopayEmailText.declined(scheduled ? SCHEDULED : AUTOPAY, LocalDate.of(2026, 12, 1), new BigDecimal("120.50"),
                "VISA card ending in 0002", next);
        assertThat(c.subject()).isEqualTo(subject);
        assertThat(c.text()).contains("declined by your bank or card issuer. No money was taken.", "Next attempt:", nextRow, closing,
                "VISA card ending in 0002", "$120.50");
    }

    @Test
    void notChargedSaysWhyInWords() {
        Composed c = AutopayEmailText.notCharged(AUTOPAY, LocalDate.of(2026, 12, 1), "above_maximum", new BigDecimal("100"),
                "VISA card ending in 1111");
        assertThat(c.subject()).isEqualTo("Autopay did not pay your bill — Lowell Light & Power");
        assertThat(c.text()).contains("No money was taken.", "Why:", "above your autopay maximum of $100.00", "still due", LINK);
        Composed none = AutopayEmailText.notCharged(AUTOPAY, LocalDate.of(2026, 12, 1), "no_balance", null, null);
        assertThat(none.text()).contains("nothing you need to do").doesNotContain("Payment method");
        assertThat(AutopayEmailText.notCharged(SCHEDULED, LocalDate.of(2026, 12, 1), "card_expired", null, null).subject())
                .isEqualTo("Your scheduled payment was not made — Lowell Light & Power");
    }

    /** users, enroller, the account's email and CC → who receives it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            a@x.org b@x.org | c@x.org | own@x.org | null      | a@x.org b@x.org c@x.org
            a@x.org B@X.org | b@x.org | own@x.org | null      | a@x.org B@X.org
            a@x.org         | a@x.org | null      | null      | a@x.org
            null            | null    | own@x.org | cc@x.org  | own@x.org cc@x.org
            null            | c@x.org | own@x.org | null      | c@x.org
            bad-address     | null    | own@x.org | null      | own@x.org
            null            | null    | null      | null      | null
            """)
    void everyUserAndTheEnrollerOnceElseTheAccountsOwn(String users, String enroller, String own, String cc, String expected) {
        List<String> u = users == null ? List.of() : List.of(users.split(" "));
        List<String> e = expected == null ? List.of() : List.of(expected.split(" "));
        assertThat(EmailRules.autopayRecipients(u, enroller, new AccountEmails(own, cc))).containsExactlyElementsOf(e);
    }
}
