package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.payers.PayerDirectory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The wallet in the customer portal, in a real headless Chromium (docs/payers-portal.md): save a card while paying,
 * find it in the wallet, pay the next bill with it without typing a card, add a bank account, make it the default,
 * remove the card. Every page state is held to axe-core's WCAG 2.1 AA rules, and no page carries a token.
 */
@Tag("browser")
class PortalWalletIT extends CisPageIT {

    @Autowired
    PayerDirectory directory;

    private TestBiller biller() {
        return refreshingBiller();
    }

    private void assertNoToken() {
        assertThat(browser.driver.getPageSource()).as("the processor's token never reaches a page").doesNotContain("tok_");
    }

    @Test
    void aPayerSavesACardWhilePayingPaysTheNextBillWithItAddsABankAccountMakesItTheDefaultAndRemovesTheCard() {
        TestBiller b = biller();
        String account = "6601-1", first = "660110000001", next = "660110000002";
        assertThat(upload(b, b.webServiceKey(), "1.bif", new BifText(b.guidText())
                .invoice(first, account, "10/01/2026", "50.00", null).text()).status()).isEqualTo(201);
        cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric", "50.00", "0")));
        String user = "wren" + b.bid();
        directory.register(b.bid(), user, "wren-" + b.bid() + "@example.com", List.of(account), "correct horse battery staple");

        browser.get(url("/portal/" + b.bid()));
        browser.fill("username", user);
        browser.fill("password", "correct horse battery staple");
        browser.click("sign-in");

        // An empty wallet, reached from the header.
        browser.click("nav-wallet");
        assertThat(browser.text("wallet-empty")).startsWith("You have no saved payment methods yet.");
        browser.assertAccessible("the portal wallet, empty");

        // Pay the first bill by card, asking to save the card.
        browser.get(url("/portal/" + b.bid() + "/accounts/" + account + "/pay"));
        assertThat(browser.has("saved-new")).as("no saved methods to offer yet").isFalse();
        assertThat(browser.element("saveMethod").isSelected()).isFalse();
        browser.fill("amount", "50.00");
        browser.click("method-card");
        browser.typeCard("4111111111111111");
        browser.click("saveMethod");
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        assertThat(browser.text("review-save")).contains("saved to your wallet");
        browser.assertAccessible("the portal review, saving the method");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("wallet-notice")).isEqualTo("VISA ending 1111 is saved in your wallet.");
        assertNoToken();
        browser.assertAccessible("the portal receipt with the method saved");

        // It is in the wallet, the default.
        browser.click("nav-wallet");
        assertThat(browser.text("method-label-0")).isEqualTo("VISA ending 1111");
        assertThat(browser.text("method-default-0")).isEqualTo("Default");
        assertThat(browser.text("method-expiry-0")).isEqualTo("Expires 12/2099");
        assertThat(browser.has("make-default-0")).as("already the default").isFalse();
        assertThat(browser.has("method-1")).isFalse();
        assertNoToken();
        browser.assertAccessible("the portal wallet with a saved card");

        // The next bill: paid with the saved card, pre-selected, no card typed.
        assertThat(upload(b, b.webServiceKey(), "2.bif", new BifText(b.guidText())
                .invoice(next, account, "11/01/2026", "60.00", null).text()).status()).isEqualTo(201);
        cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric", "60.00", "0")));
        browser.get(url("/portal/" + b.bid() + "/accounts/" + account + "/pay"));
        assertThat(browser.element("saved-0").isSelected()).as("the default is pre-selected").isTrue();
        assertThat(browser.driver.findElement(org.openqa.selenium.By.cssSelector("label[for=saved-0]")).getText())
                .isEqualTo("VISA ending 1111, expires 12/2099 (default)");
        assertThat(browser.element("saved-new").isSelected()).isFalse();
        assertNoToken();
        browser.assertAccessible("the portal pay form with a saved card");
        browser.fill("amount", "60.00");
        browser.click("review");
        assertThat(browser.text("review-invoice")).isEqualTo(next);
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        assertThat(browser.has("review-save")).isFalse();
        browser.assertAccessible("the portal review, paying with a saved card");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("receipt-invoice")).isEqualTo(next);
        assertThat(browser.has("wallet-notice")).isFalse();
        assertThat(count("select count(*) from payment where biller_id = ? and status = 'APPROVED' and last4 = '1111'", b.bid()))
                .as("both bills paid by the one card").isEqualTo(2);

        // Add a bank account: first with a mistake, then right.
        browser.click("nav-wallet");
        browser.click("add-method");
        browser.assertAccessible("the portal form to add a card or bank account");
        browser.click("method-ach");
        browser.typeBank("123456789", "123456789");
        browser.click("save-method");
        // the processor's fields answer the mistake themselves: nothing was posted to the platform
        browser.inHostedFields("ACH", () -> assertThat(browser.text("error")).startsWith("The routing number is not valid."));
        assertThat(browser.element("method-ach").isSelected()).as("the choice is kept").isTrue();
        browser.assertAccessible("the portal form to add a method, with its error");
        browser.typeBank("011000015", "123456789");
        browser.click("save-method");
        assertThat(browser.text("wallet-notice")).isEqualTo("Checking ending 6789 is saved in your wallet.");
        assertThat(browser.text("method-label-1")).isEqualTo("Checking ending 6789");
        assertThat(browser.has("method-default-1")).isFalse();
        assertThat(browser.has("method-expiry-1")).as("bank accounts do not expire").isFalse();
        assertNoToken();
        browser.assertAccessible("the portal wallet with a card and a bank account");

        // Make the bank account the default: the default comes first.
        browser.click("make-default-1");
        assertThat(browser.text("wallet-notice")).isEqualTo("Checking ending 6789 is now your default payment method.");
        assertThat(browser.text("method-label-0")).isEqualTo("Checking ending 6789");
        assertThat(browser.text("method-default-0")).isEqualTo("Default");
        assertThat(browser.text("method-label-1")).isEqualTo("VISA ending 1111");
        assertThat(browser.has("method-default-1")).isFalse();
        assertThat(browser.has("make-default-1")).isTrue();
        browser.assertAccessible("the portal wallet after making the bank account the default");

        // Remove the card: done at once, and said.
        browser.click("remove-1");
        assertThat(browser.text("wallet-notice")).isEqualTo("VISA ending 1111 was removed from your wallet.");
        assertThat(browser.text("method-label-0")).isEqualTo("Checking ending 6789");
        assertThat(browser.has("method-1")).isFalse();
        browser.assertAccessible("the portal wallet after removing the card");

        // The pay form now offers the bank account, pre-selected.
        browser.get(url("/portal/" + b.bid() + "/accounts/" + account + "/pay"));
        assertThat(browser.element("saved-0").isSelected()).isTrue();
        assertThat(browser.has("saved-1")).isFalse();
        assertThat(count("select count(*) from payer_method m join payer_user u using (user_id) where u.biller_id = ? and u.username = ? "
                + "and m.removed_at is null", b.bid(), user)).isEqualTo(1);
    }
}
