package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.ratepayer.BifText;
import org.ratepayer.TestSmtp;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.payers.PayerDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer portal's home and "Pay" in a real headless Chromium (docs/payers-portal.md): sign on from the CIS,
 * see every account with its live balance from the CIS simulator and its bills, pay the newest bill by card with the
 * fee shown first, get the receipt page and the receipt email (a GreenMail server in this test), sign out.
 */
@Tag("browser")
class PortalHomeIT extends CisPageIT {

    static final GreenMail SMTP = startSmtp();

    static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    PayerDirectory directory;

    private TestBiller biller() {
        return refreshingBiller();
    }

    private void signOn(TestBiller b, String username) {
        String token = directory.mintSignOn(b.bid(), username, null).token();
        browser.get(url("/portal/" + b.bid() + "/sso?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    @Test
    void aPayerSeesBothAccountsLivePaysTheNewestBillByCardGetsTheReceiptAndSignsOut() throws Exception {
        TestBiller b = biller();
        String electric = "6401-1", prepaid = "6402-1";
        String older = "640110000001", newest = "640110000002", prepaidBill = "640210000001";
        assertThat(upload(b, b.webServiceKey(), "1.bif", new BifText(b.guidText())
                .invoice(older, electric, "10/01/2026", "75.00", null)
                .invoice(prepaidBill, prepaid, "10/01/2026", "30.00", null).text()).status()).isEqualTo(201);
        assertThat(upload(b, b.webServiceKey(), "2.bif", new BifText(b.guidText())
                .invoice(newest, electric, "11/01/2026", "95.25", null).text()).status()).isEqualTo(201);
        jdbc.sql("update invoice set cc_service_fee = 1.50 where biller_id = ?").param(b.bid()).update();
        cis.state().putAccount(CisAccount.of(electric, PayableCharge.of("Electric", "80.25", "15.00"), PayableCharge.of("Water", "15.00", "0")));
        cis.state().putAccount(CisAccount.of(prepaid, PayableCharge.of("Prepaid electric", "0", "0"))
                .withPrepaid(new BigDecimal("42.10"), new BigDecimal("12")));
        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/settings/1007", "{\"value\":\"#1E6B34\"}").status()).isEqualTo(200);
        String user = "pat" + b.bid(), email = "pat-" + b.bid() + "@example.com";
        directory.register(b.bid(), user, email, List.of(electric, prepaid), "correct horse battery staple");

        // signing in with the password: the home sends a stranger to the sign-in page and back
        browser.get(url("/portal/" + b.bid()));
        assertThat(browser.driver.getCurrentUrl()).contains("/portal/" + b.bid() + "/sign-in");
        browser.fill("username", user);
        browser.fill("password", "correct horse battery staple");
        browser.click("sign-in");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/portal/" + b.bid());
        assertThat(browser.text("account-number-0")).isEqualTo(electric);
        assertThat(browser.text("balance-0")).as("live from the CIS, not the file's 95.25 alone").isEqualTo("95.25");
        assertThat(browser.text("past-due-0")).isEqualTo("15.00");
        assertThat(browser.text("due-date-0")).isEqualTo("December 1, 2026");
        assertThat(browser.text("account-number-1")).isEqualTo(prepaid);
        assertThat(browser.text("remaining-balance-1")).isEqualTo("42.10");
        assertThat(browser.text("remaining-days-1")).isEqualTo("12");
        assertThat(browser.has("fallback-notice-0")).isFalse();
        List<String> bills = browser.driver.findElements(By.cssSelector("#account-0 tbody tr td:first-child")).stream()
                .map(e -> e.getText()).toList();
        assertThat(bills).as("newest first").containsExactly(newest, older);
        assertThat(browser.driver.findElement(By.cssSelector("#account-0 tbody tr:nth-child(2) td:nth-child(4)")).getText())
                .isEqualTo("Replaced by a newer bill");
        assertThat(browser.fetchStart("pdf-" + newest)).isEqualTo("200 application/pdf %PDF-");
        assertThat(browser.element("pdf-" + newest).getDomProperty("href")).doesNotContain(cis.eprintUrl());
        assertThat(browser.driver.findElement(By.tagName("header")).getCssValue("background-color"))
                .as("the biller's accent colour, from its style sheet").isEqualTo("rgba(30, 107, 52, 1)");
        browser.assertAccessible("the portal home with two accounts (one prepaid), bills and PDF links");

        browser.click("pay-0");
        assertThat(browser.element("amount").getDomProperty("value")).as("option 53 off: nothing pre-selected").isEmpty();
        billerService.setOption(b.bid(), 53, null, com.fasterxml.jackson.databind.node.BooleanNode.TRUE, "test");
        browser.driver.navigate().refresh();
        assertThat(browser.element("amount").getDomProperty("value")).as("option 53: the newest bill's amount due").isEqualTo("95.25");
        assertThat(browser.element("payerEmail").getDomProperty("value")).isEqualTo(email);
        assertThat(browser.text("invoice-number")).isEqualTo(newest);
        browser.assertAccessible("the portal pay form");
        browser.fill("amount", "1e20");
        browser.typeCard("4111111111111111");
        browser.click("review");
        assertThat(browser.text("pay-error")).isEqualTo("Enter the amount to pay, for example 125.40.");
        browser.assertAccessible("the portal pay form with its error");

        browser.payByCard("95.25", "4111111111111111");
        assertThat(browser.text("review-invoice")).isEqualTo(newest);
        assertThat(browser.text("review-amount")).isEqualTo("95.25");
        assertThat(browser.text("review-fee")).isEqualTo("1.50");
        assertThat(browser.text("review-total")).isEqualTo("96.75");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        browser.assertAccessible("the portal review page with the fee");
        // An impatient payer: the confirm form goes out three times, and one payment is made.
        browser.script("""
                const done = arguments[arguments.length - 1];
                const f = document.forms[document.forms.length - 1];
                Promise.all([fetch(f.action, {method: 'POST', body: new FormData(f)}),
                             fetch(f.action, {method: 'POST', body: new FormData(f)})]).then(() => done());
                """);
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("receipt-invoice")).isEqualTo(newest);
        assertThat(browser.text("receipt-total")).isEqualTo("96.75");
        assertThat(browser.text("receipt-email")).contains(email);
        browser.assertAccessible("the portal receipt");
        assertThat(count("select count(*) from payment where biller_id = ? and status = 'APPROVED' and channel = 'WEB' "
                + "and invoice_number = ?", b.bid(), newest)).as("three submissions of one confirmation pay once").isEqualTo(1);

        String guid = browser.text("payment-guid");
        await().atMost(Duration.ofSeconds(20)).until(() -> !caughtFor(email).isEmpty());
        MimeMessage receipt = caughtFor(email).get(0);
        assertThat(receipt.getSubject()).isEqualTo("Payment receipt — Test Co-op " + b.bid());
        assertThat(textOf(receipt)).containsIgnoringCase(guid).contains(newest).doesNotContain("4111111111111111");

        browser.click("back-home");
        assertThat(browser.text("account-number-0")).isEqualTo(electric);
        browser.click("sign-out");
        assertThat(browser.text("sign-in-notice")).isEqualTo("You have signed out.");
        browser.assertAccessible("the sign-in page after signing out");
        browser.get(url("/portal/" + b.bid()));
        assertThat(browser.driver.getCurrentUrl()).contains("/portal/" + b.bid() + "/sign-in");
        assertThat(browser.has("sign-out")).isFalse();
    }

    @Test
    void aCisOutageShowsTheLastKnownBalanceWithANoticeAndAPayerWithoutAccountsIsToldWhy() {
        TestBiller b = biller();
        String account = "6501-1";
        assertThat(upload(b, b.webServiceKey(), "1.bif", new BifText(b.guidText())
                .invoice("650110000001", account, "10/01/2026", "88.10", null).text()).status()).isEqualTo(201);
        cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric", "88.10", "0")));
        String user = "lee" + b.bid();
        directory.register(b.bid(), user, "lee-" + b.bid() + "@example.com", List.of(account), "correct horse battery staple");
        cis.state().setFaults(FaultPlan.serviceDown());
        try {
            signOn(b, user);
            assertThat(browser.text("fallback-notice-0")).contains("last balance we know of");
            assertThat(new BigDecimal(browser.text("balance-0"))).isEqualByComparingTo("88.10");
            browser.assertAccessible("the portal home with the last-known-balance notice");
            browser.click("pay-0");
            assertThat(browser.text("fallback-notice")).contains("you can still pay");
            browser.assertAccessible("the portal pay form with the last-known-balance notice");
        } finally {
            cis.state().clearFaults();
        }

        directory.unlinkAccount(b.bid(), user, account);
        browser.get(url("/portal/" + b.bid()));
        assertThat(browser.text("no-accounts")).startsWith("Your utility has not linked an account to you yet");
        browser.assertAccessible("the portal home without accounts");
    }

    private static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart mp = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String t = textOf(mp.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** What landed in one address's mailbox. */
    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }
}
