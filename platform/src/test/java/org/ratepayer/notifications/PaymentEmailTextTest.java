package org.ratepayer.notifications;

import org.ratepayer.notifications.internal.PaymentEmailText;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStatus;

class PaymentEmailTextTest {

    final PaymentEmailText words = new PaymentEmailText(ZoneId.of("America/New_York"));
    final UUID guid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    Payment payment(PaymentStatus status, Method method, Channel channel, String fee) {
        return new Payment(1, guid, 7, "1001-1", "100100000002", channel, method, status, new BigDecimal("1234.50"),
                new BigDecimal(fee), method == Method.CARD ? "VISA" : null, "1111", status == PaymentStatus.APPROVED ? "123456" : null,
                "approved", "payer@example.com", null, OffsetDateTime.parse("2026-10-05T18:30:00Z"));
    }

    @Test
    void aReceiptSaysWhatWasPaidHowAndWhen() {
        PaymentEmailText.Composed r = words.receipt("Lowell Light & Power", "Pat Doe",
                payment(PaymentStatus.APPROVED, Method.CARD, Channel.IVR, "2.95"));
        assertThat(r.subject()).isEqualTo("Payment receipt — Lowell Light & Power");
        assertThat(r.text()).contains("Biller:", "Lowell Light & Power", "Account:", "1001-1", "Pat Doe", "Invoice:", "100100000002",
                "Amount:", "$1,234.50", "Convenience fee:", "$2.95", "Total charged:", "$1,237.45", "VISA card ending in 1111",
                "Approval code:", "123456", "0F8FAD5B-D9CB-469F-A165-70867728950E", "October 5, 2026 at 2:30 PM EDT",
                "Phone (automated)", "convenience fee is not applied");
        assertThat(r.html()).contains("Lowell Light &amp; Power", "$1,237.45", "<th scope=\"row\"");
    }

    @Test
    void bankPaymentsShowTheAccountsLastFourAndNoFeeLine() {
        PaymentEmailText.Composed r = words.receipt("Co-op", null, payment(PaymentStatus.APPROVED, Method.ACH, Channel.KIOSK, "0"));
        assertThat(r.text()).contains("Bank account ending in 1111", "$0.00", "Payment kiosk").doesNotContain("Account holder")
                .doesNotContain("not applied");
    }

    @Test
    void theHtmlAlternativeEscapesEverything() {
        PaymentEmailText.Composed r = words.receipt("<script>alert(1)</script>", "\"Bob\" <b>",
                payment(PaymentStatus.APPROVED, Method.CARD, Channel.WEB, "0"));
        assertThat(r.html()).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;", "&quot;Bob&quot;");
    }

    @Test
    void aReturnSaysPlainlyThatTheAmountIsStillOwedAndHowToPayAgain() {
        Payment p = payment(PaymentStatus.RETURNED, Method.ACH, Channel.WEB, "0");
        Payment returned = new Payment(p.id(), p.guid(), p.bid(), p.accountNumber(), p.invoiceNumber(), p.channel(), p.method(),
                p.status(), p.amount(), p.fee(), p.brand(), p.last4(), p.approvalCode(), "Returned R01: Insufficient funds",
                p.payerEmail(), p.kioskId(), p.createdAt());
        PaymentEmailText.Composed r = words.returned(new PaymentEmailText.Brand("Co-op", null), "Pat Doe", returned);
        assertThat(r.subject()).isEqualTo("Your bank payment was returned — Co-op");
        assertThat(r.text()).startsWith("Your bank returned your payment of $1,234.50 to Co-op, so it did not go through. "
                + "The amount is still owed.")
                .contains("Amount returned:", "$1,234.50", "Bank account ending in 1111", "Bank's reason:", "Returned R01: Insufficient funds",
                        "October 5, 2026 at 2:30 PM EDT", "Please pay again online with a card or another bank account, or contact Co-op.")
                .doesNotContain("No money was taken").doesNotContain("receipt");
        assertThat(r.html()).contains("Returned R01: Insufficient funds", "The amount is still owed.");
    }

    @Test
    void aFailureNoticeSaysNoMoneyWasTaken() {
        PaymentEmailText.Composed r = words.failure("Co-op", "Pat Doe",
                payment(PaymentStatus.DECLINED, Method.CARD, Channel.SCHEDULED, "0"));
        assertThat(r.subject()).isEqualTo("Payment not completed — Co-op");
        assertThat(r.text()).contains("was declined", "No money was taken", "Scheduled payment", "VISA card ending in 1111")
                .doesNotContain("Approval code");
        assertThat(words.failure("Co-op", null, payment(PaymentStatus.ERROR, Method.CARD, Channel.AUTOPAY, "0")).text())
                .contains("could not be processed", "Autopay");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "accent {0}: band {1}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "none", value = {
            "#7a1f5c, #7a1f5c",
            "none,    #0b5cad",   // unset: the portal's own accent
    })
    void underTheBillersBrandTheHtmlOpensWithItsNameOnItsColour(String accent, String band) {
        PaymentEmailText.Composed r = words.receipt(new PaymentEmailText.Brand("Lowell <Light>", accent), "Pat Doe",
                payment(PaymentStatus.APPROVED, Method.CARD, Channel.WEB, "0"));
        assertThat(r.html()).contains("<body style=\"font-family:sans-serif\"><div style=\"background:" + band
                + ";color:#ffffff;padding:12px 16px;font-size:20px;font-weight:bold\">Lowell &lt;Light&gt;</div><p>Thank you");
        assertThat(r.text()).doesNotContain("background").startsWith("Thank you for your payment to Lowell <Light>.");
        assertThat(words.receipt("Lowell", "Pat Doe", payment(PaymentStatus.APPROVED, Method.CARD, Channel.WEB, "0")).html())
                .doesNotContain("background:");
    }
}
