package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;

/** The one-time payment page in a real headless Chromium, against the CIS simulator. */
@Tag("browser")
class PaymentPageIT extends CisPageIT {

    private TestBiller billerWithAccount(String account, CisAccount inCis) {
        TestBiller b = refreshingBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0000001", account, "10/01/2026", "88.10", null).text()).status())
                .isEqualTo(201);
        cis.state().putAccount(inCis);
        return b;
    }

    private void find(TestBiller b, String account, String zip) {
        browser.findAccount(url("/pay/" + b.bid()), account, zip);
    }

    private String text(String id) {
        return browser.text(id);
    }

    private void click(String id) {
        browser.click(id);
    }

    private void fill(String id, String value) {
        browser.fill(id, value);
    }

    private void payByCard(String amount, String number) {
        browser.payByCard(amount, number);
    }

    @Test
    void aPayerFindsTheBillSeesTheLiveBalanceOpensThePdfAndPaysByCard() {
        String account = "4101-1";
        TestBiller b = billerWithAccount(account, CisAccount.of(account, PayableCharge.of("Electric", "70.00", "18.10"),
                PayableCharge.of("Water", "18.10", "0")));
        browser.get(url("/pay/" + b.bid()));
        browser.assertAccessible("the find-your-account form");
        find(b, account, "99999");
        assertThat(text("search-error")).contains("could not find an account");
        browser.assertAccessible("the find-your-account form with its error");
        find(b, account, "49331");
        assertThat(text("balance")).isEqualTo("88.10");
        assertThat(text("past-due")).isEqualTo("18.10");
        browser.assertAccessible("the account page (balance, past due, bill link, payment form)");

        assertThat(browser.fetchStart("view-bill")).isEqualTo("200 application/pdf %PDF-");
        assertThat(browser.element("view-bill").getDomProperty("href")).doesNotContain(cis.eprintUrl());

        payByCard("88.10", "4111 1111 1111 1111");
        assertThat(text("review-amount")).isEqualTo("88.10");
        assertThat(text("review-fee")).isEqualTo("0.00");
        assertThat(text("review-total")).isEqualTo("88.10");
        assertThat(text("review-method")).isEqualTo("VISA card ending 1111");
        browser.assertAccessible("the review page");
        // An impatient payer: the confirm form goes out three times at once, and one payment is made.
        browser.script("""
                const done = arguments[arguments.length - 1];
                const f = document.forms[0];
                Promise.all([fetch(f.action, {method: 'POST', body: new FormData(f)}),
                             fetch(f.action, {method: 'POST', body: new FormData(f)})]).then(() => done());
                """);
        click("confirm");
        assertThat(text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(text("approval-code")).matches("\\d{6}");
        browser.assertAccessible("the receipt of an approved payment");
        assertThat(count("select count(*) from payment where biller_id = ? and status = 'APPROVED' and channel = 'WEB'", b.bid()))
                .as("three submissions of one confirmation pay once").isEqualTo(1);
    }

    @Test
    void aDeclinedCardThenABankPayment() {
        String account = "4102-1";
        TestBiller b = billerWithAccount(account, CisAccount.of(account, PayableCharge.of("Electric", "88.10", "0")));
        find(b, account, "49331");
        payByCard("88.10", "4000000000000002");
        click("confirm");
        assertThat(text("outcome")).isEqualTo("Your payment was declined");
        browser.assertAccessible("the receipt of a declined payment");
        browser.clickLink("Try another card or bank account");
        fill("amount", "88.10");
        click("method-ach");
        browser.typeBank("011000015", "123456789");
        click("review");
        assertThat(text("review-method")).isEqualTo("Bank account ending 6789");
        click("confirm");
        assertThat(text("outcome")).isEqualTo("Thank you, your payment was approved");
    }

    @Test
    void aFeeThatChangesAfterTheReviewIsShownAgainAndNothingIsChargedUntilThePayerConfirmsIt() {
        String account = "4106-1";
        TestBiller b = billerWithAccount(account, CisAccount.of(account, PayableCharge.of("Electric", "88.10", "0")));
        jdbc.sql("update invoice set cc_service_fee = 1.95 where biller_id = ?").param(b.bid()).update();
        find(b, account, "49331");
        payByCard("88.10", "4111111111111111");
        assertThat(text("review-fee")).isEqualTo("1.95");

        // A new bill file raises the fee while the payer reads the review.
        jdbc.sql("update invoice set cc_service_fee = 2.50 where biller_id = ?").param(b.bid()).update();
        click("confirm");
        assertThat(text("notice")).isEqualTo("The convenience fee changed since you reviewed this payment, from 1.95 to 2.50."
                + " Nothing was charged. Check the total and pay again.");
        assertThat(text("review-fee")).isEqualTo("2.50");
        assertThat(text("review-total")).isEqualTo("90.60");
        browser.assertAccessible("the review page with the changed-fee notice");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        click("confirm");
        assertThat(text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(jdbc.sql("select fee from payment where biller_id = ?").param(b.bid()).query(BigDecimal.class).single())
                .isEqualByComparingTo("2.50");
    }

    @Test
    void blockedMethodsPartialPaymentsAndExpiredBillsAreRefusedClearly() {
        String account = "4103-1";
        TestBiller b = billerWithAccount(account, CisAccount.of(account, PayableCharge.of("Electric", "88.10", "0"))
                .withPreventCreditCard(true));
        find(b, account, "49331");
        assertThat(text("card-blocked")).isEqualTo("Card payments are not accepted for this account.");
        assertThat(browser.has("cardNumber")).isFalse();
        browser.assertAccessible("the account page of a bank-only account");

        fill("amount", "20.00");
        browser.typeBank("011000015", "123456789");
        click("review");
        assertThat(text("pay-error")).startsWith("partial payments are not accepted for this bill; the amount due is 88.10");
        browser.assertAccessible("the account page with a refused partial payment");

        clock.setDay(java.time.LocalDate.of(2026, 10, 6));
        jdbc.sql("update invoice set payment_expiration_date = date '2026-10-05', payment_expiration_message = "
                + "'This bill has been sent to collections. Please call us.' where biller_id = ?").param(b.bid()).update();
        fill("amount", "88.10");
        browser.typeBank("011000015", "123456789");
        click("review");
        assertThat(text("pay-error")).isEqualTo("This bill has been sent to collections. Please call us.");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void anAmountAboveTheBillersMaximumOrNotAnAmountIsShownInTheForm() {
        String account = "4105-1";
        TestBiller b = billerWithAccount(account, CisAccount.of(account, PayableCharge.of("Electric", "92.94", "0")));
        find(b, account, "49331");
        for (String amount : List.of("99999999999999.99", "1,000,000", "100000")) {
            payByCard(amount, "4111 1111 1111 1111");
            assertThat(text("pay-error")).as(amount).isEqualTo("the amount is more than this biller's maximum payment of 99999.99");
        }
        for (String amount : List.of("1e20", "1E+999999999", "-5")) {
            payByCard(amount, "4111 1111 1111 1111");
            assertThat(text("pay-error")).as(amount).isEqualTo("Enter the amount to pay, for example 125.40.");
        }
        browser.assertAccessible("the account page with an amount that is not one");
        assertThat(browser.has("confirm")).as("no payment waits for confirmation").isFalse();
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        // The payer left the page open too long: the session, and with it the form's token, is gone.
        browser.driver.manage().deleteAllCookies();
        browser.typeCard("4111 1111 1111 1111");
        click("review");
        assertThat(browser.driver.findElement(org.openqa.selenium.By.tagName("h2")).getText()).isEqualTo("Your session has expired");
        browser.assertAccessible("the session-expired page");
        browser.get(url("/pay/99999999"));
        assertThat(browser.driver.findElement(org.openqa.selenium.By.tagName("h2")).getText()).isEqualTo("Page not found");
        browser.assertAccessible("the page-not-found page");
    }

    @Test
    void aCisOutageShowsTheLastKnownBalanceWithANotice() {
        String account = "4104-1";
        TestBiller b = billerWithAccount(account, CisAccount.of(account, PayableCharge.of("Electric", "88.10", "0")));
        cis.state().setFaults(org.ratepayer.cissim.FaultPlan.serviceDown());
        try {
            find(b, account, "49331");
            assertThat(text("fallback-notice")).contains("last balance we know of");
            assertThat(new BigDecimal(text("balance"))).isEqualByComparingTo("88.10");
            browser.assertAccessible("the account page with the last-known-balance notice");
        } finally {
            cis.state().clearFaults();
        }
    }
}
