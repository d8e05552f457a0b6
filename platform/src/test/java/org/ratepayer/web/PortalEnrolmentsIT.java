package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.ratepayer.BifText;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.HistoryCommentPosting;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Paperless, autopay and scheduled payments in the customer portal, in a real headless Chromium
 * (docs/payers-portal.md): each change reaches the CIS simulator as the API's do (AUTOPAY ON, EBILL Y, SCHED_PAY
 * comments with option 1001), delivered by the posting workers; another payer's account answers 404 and nothing
 * changes (plain HTTP with a cookie jar).
 */
@Tag("browser")
class PortalEnrolmentsIT extends CisPageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    PayerDirectory directory;

    @Autowired
    Wallet wallet;

    @Autowired
    PaymentService payments;

    @Autowired
    ScheduledPayments scheduledPayments;

    @Autowired
    AutopayRuns runs;

    /** A biller whose CIS (settings 8–10, 20) and posting endpoints (11–19) are the simulator, with one bill per account. */
    private TestBiller biller(String... accounts) {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), "InvoiceCloud", "pw");
        billerService.setSetting(b.bid(), 20, TextNode.valueOf(cis.eprintUrl()), "test");
        BifText file = new BifText(b.guidText());
        for (String a : accounts) {
            file.invoice(invoiceOf(a), a, "11/01/2026", "120.50", null);
            cis.state().putAccount(CisAccount.of(a, PayableCharge.of("Electric", "120.50", "0")));
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private static String invoiceOf(String account) {
        return account.replace("-", "") + "0000001";
    }

    private PaymentGateway.Tokenized card(long bid) {
        return payments.tokenize(bid, new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null);
    }

    private List<String> paperless(String account) {
        return cis.state().postings().paperless().stream().filter(p -> p.accountNumber().equals(account)).map(p -> p.ebill()).toList();
    }

    private List<String> comments(String account) {
        return cis.state().postings().historyComments().stream().filter(c -> c.customerId().equals(account))
                .map(HistoryCommentPosting::comment).toList();
    }

    private long open(TestBiller b) {
        return count("select count(*) from posting where biller_id = ? and status <> 'DELIVERED'", b.bid());
    }

    private void setDate(String id, LocalDate date) {
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, date.toString());
    }

    @Test
    void aPayerTurnsOnAutopayAndPaperlessSchedulesAPaymentAndCancelsItAndTheCisHearsOfEach() {
        String account = "6601-1";
        TestBiller b = biller(account);
        long bid = b.bid();
        String user = "sam" + bid;
        directory.register(bid, user, "sam-" + bid + "@example.com", List.of(account), PASSWORD);

        browser.get(url("/portal/" + bid));
        browser.fill("username", user);
        browser.fill("password", PASSWORD);
        browser.click("sign-in");
        browser.click("enrolments-0");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/portal/" + bid + "/accounts/" + account + "/enrolments");
        assertThat(browser.text("paperless-status")).startsWith("Paperless is off");
        assertThat(browser.text("autopay-status")).isEqualTo("Autopay is off.");
        assertThat(browser.text("collection-date")).as("no AutoPayCollectionDate: the due date").isEqualTo("December 1, 2026");
        assertThat(browser.text("no-methods")).startsWith("Your wallet has no saved card or bank account yet.");
        assertThat(browser.has("autopay-method")).isFalse();
        browser.assertAccessible("the enrolments page with an empty wallet");

        // A card in the wallet, and the bill's own collection date (BIF FileSpecId 2002's AutoPayCollectionDate).
        SavedPaymentMethod visa = wallet.save(bid, directory.find(bid, user).orElseThrow().userId(), card(bid), 12, 2099, null, false);
        jdbc.sql("update invoice set autopay_collection_date = date '2026-11-28' where biller_id = ?").param(bid).update();
        browser.driver.navigate().refresh();
        assertThat(browser.text("collection-date")).isEqualTo("November 28, 2026");
        assertThat(new Select(browser.element("autopay-method")).getFirstSelectedOption().getText()).isEqualTo(visa.label());
        assertThat(browser.has("autopay-authorize")).as("no bank account in the wallet: no debit authorization").isFalse();
        browser.assertAccessible("the enrolments page with a card in the wallet");

        browser.fill("autopay-maximum", "12.345");
        browser.click("autopay-save");
        assertThat(browser.text("autopay-maximum-error")).isNotBlank();
        assertThat(browser.element("autopay-maximum").getDomAttribute("aria-describedby")).contains("autopay-maximum-error");
        assertThat(browser.text("autopay-status")).isEqualTo("Autopay is off.");
        browser.assertAccessible("the enrolments page with a refused maximum");

        browser.fill("autopay-maximum", "250.00");
        browser.click("autopay-save");
        assertThat(browser.text("notice")).isEqualTo("Autopay is on.");
        assertThat(browser.text("autopay-status")).isEqualTo("Autopay is on.");
        assertThat(browser.text("autopay-method-shown")).isEqualTo("VISA card ending 1111");
        assertThat(browser.text("autopay-maximum-shown")).isEqualTo("250.00");
        assertThat(browser.driver.getPageSource()).as("the processor's token never reaches the page")
                .doesNotContain(wallet.token(bid, directory.find(bid, user).orElseThrow().userId(), visa.id()).orElseThrow());
        browser.assertAccessible("the enrolments page with autopay on");

        browser.click("paperless-toggle");
        assertThat(browser.text("notice")).isEqualTo("Your paper bill choice is saved.");
        assertThat(browser.text("paperless-status")).startsWith("Paperless is on");
        browser.assertAccessible("the enrolments page with paperless on");

        // Option 1001: scheduled payments are told to the CIS.
        billerService.setOption(bid, 1001, null, BooleanNode.TRUE, "test");
        LocalDate today = billerService.cachedConfig(bid).today(clock);
        // The field's min keeps a browser from sending a past date; one without it (or a clock behind) reaches the service.
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('sched-date').removeAttribute('min')");
        setDate("sched-date", today.minusDays(1));
        browser.fill("sched-amount", "60.25");
        browser.click("sched-create");
        assertThat(browser.text("sched-date-error")).as("the service's refusal, next to the field").contains("has passed");
        assertThat(browser.element("sched-date").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.element("sched-amount").getDomProperty("value")).isEqualTo("60.25");
        browser.assertAccessible("the enrolments page with a refused scheduled date");

        LocalDate date = today.plusDays(10);
        setDate("sched-date", date);
        browser.click("sched-create");
        assertThat(browser.text("notice")).isEqualTo("Your payment is scheduled.");
        assertThat(browser.text("scheduled-date-0")).isEqualTo(date.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)));
        assertThat(browser.text("scheduled-amount-0")).isEqualTo("60.25");
        assertThat(browser.text("scheduled-status-0")).isEqualTo("Scheduled");
        browser.assertAccessible("the enrolments page with a scheduled payment");

        browser.fill("change-amount-0", "70.00");
        browser.click("change-0");
        assertThat(browser.text("notice")).isEqualTo("Your scheduled payment is changed.");
        assertThat(browser.text("scheduled-amount-0")).isEqualTo("70.00");
        browser.click("cancel-0");
        assertThat(browser.text("notice")).isEqualTo("Your scheduled payment is cancelled.");
        assertThat(browser.text("scheduled-status-0")).isEqualTo("Cancelled");
        assertThat(browser.has("cancel-0")).isFalse();
        browser.assertAccessible("the enrolments page with a cancelled payment");

        String mmddyyyy = date.format(DateTimeFormatter.ofPattern("MMddyyyy"));
        String invoice = invoiceOf(account);
        await().atMost(PATIENCE).until(() -> open(b) == 0 && comments(account).size() == 4 && paperless(account).size() == 1);
        assertThat(comments(account)).containsExactly("AUTOPAY ON", "SCHED_PAY " + mmddyyyy + " 60.25 " + invoice,
                "SCHED_PAY_UPDT " + mmddyyyy + " 70.00 " + invoice, "SCHED_PAY_CNCL " + mmddyyyy + " 70.00 " + invoice);
        assertThat(paperless(account)).containsExactly("Y");

        browser.click("autopay-off");
        assertThat(browser.text("autopay-status")).isEqualTo("Autopay is off.");
        await().atMost(PATIENCE).until(() -> open(b) == 0 && comments(account).size() == 5);
        assertThat(comments(account).get(4)).isEqualTo("AUTOPAY OFF");

        // A payment scheduled for today, run by autopay: it reads as paid, and offers no change or cancel (docs/autopay.md)
        jdbc.sql("update invoice set allow_partial_payments = true where biller_id = ?").param(bid).update();
        setDate("sched-date", today);
        browser.fill("sched-amount", "30.00");
        browser.click("sched-create");
        assertThat(browser.text("scheduled-status-0")).isEqualTo("Scheduled");
        runs.runNow(bid, today, "test");
        browser.driver.navigate().refresh();
        assertThat(browser.text("scheduled-status-0"))
                .isEqualTo("Paid on " + today.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)));
        assertThat(browser.has("cancel-0")).isFalse();
        assertThat(browser.has("change-0")).isFalse();
        browser.assertAccessible("the enrolments page with a paid scheduled payment");
    }

    @Test
    void aBankAccountNeedsTheAuthorizationWhichIsKeptWordForWord() {
        String account = "6701-1";
        TestBiller b = biller(account);
        long bid = b.bid();
        String user = "kim" + bid;
        directory.register(bid, user, "kim-" + bid + "@example.com", List.of(account), PASSWORD);
        long userId = directory.find(bid, user).orElseThrow().userId();
        wallet.save(bid, userId, payments.tokenize(bid, null, new BankDetails("011000015", "123456789", "CHECKING")), null, null,
                "CHECKING", true);
        browser.get(url("/portal/" + bid));
        browser.fill("username", user);
        browser.fill("password", PASSWORD);
        browser.click("sign-in");
        browser.click("enrolments-0");
        String terms = browser.text("ach-terms");
        assertThat(terms).startsWith("I authorize Test Co-op " + bid + " to debit the bank account");
        browser.click("autopay-save");
        assertThat(browser.text("autopay-authorize-error")).startsWith("To pay from a bank account, tick the box");
        assertThat(browser.text("autopay-status")).isEqualTo("Autopay is off.");
        browser.assertAccessible("the enrolments page without the debit authorization");
        browser.element("autopay-authorize").click();
        browser.click("autopay-save");
        assertThat(browser.text("autopay-method-shown")).isEqualTo("Bank account ending 6789");
        browser.assertAccessible("the enrolments page with autopay from a bank account");
        var kept = jdbc.sql("select terms, agreed_from, agreed_by from ach_authorization where biller_id = ? and revoked_at is null")
                .param(bid).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(kept.get(0)).isEqualTo(terms);
        assertThat(kept.get(1)).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(kept.get(2)).isEqualTo(user);
    }

    private PortalHttp signOn(long bid, String username) {
        return PortalHttp.signedOn(this::url, bid, directory.mintSignOn(bid, username, null).token());
    }

    @Test
    void anotherPayersAccountAnswers404OnEveryEnrolmentUrlAndNothingChanges() {
        String alice = "6801-1", bob = "6802-1";
        TestBiller b = biller(alice, bob);
        long bid = b.bid();
        directory.register(bid, "alice" + bid, "alice-" + bid + "@example.com", List.of(alice), PASSWORD);
        directory.register(bid, "bob" + bid, "bob-" + bid + "@example.com", List.of(bob), PASSWORD);
        long aliceId = directory.find(bid, "alice" + bid).orElseThrow().userId();
        SavedPaymentMethod alicesCard = wallet.save(bid, aliceId, card(bid), 12, 2099, null, false);
        PaymentGateway.Tokenized bobsCard = card(bid);
        UUID bobsPayment = scheduledPayments.create(bid, bob, invoiceOf(bob), billerService.cachedConfig(bid).today(clock).plusDays(5),
                new BigDecimal("20.00"), Method.CARD, bobsCard.token(), bobsCard.brand(), bobsCard.last4(), "bob" + bid).id();

        PortalHttp session = signOn(bid, "alice" + bid);
        String own = "/portal/" + bid + "/accounts/" + alice + "/enrolments";
        assertThat(session.get(own).statusCode()).isEqualTo(200);
        String csrf = session.csrfField(own);
        String theirs = "/portal/" + bid + "/accounts/" + bob + "/enrolments";
        String future = billerService.cachedConfig(bid).today(clock).plusDays(3).toString();
        assertThat(session.get(theirs).statusCode()).isEqualTo(404);
        assertThat(session.get("/portal/" + bid + "/accounts/9999-9/enrolments").statusCode()).isEqualTo(404);
        for (String[] post : new String[][] {
                {theirs + "/paperless", csrf + "&enrolled=true"},
                {theirs + "/autopay", csrf + "&method=" + alicesCard.id() + "&maximumAmount="},
                {theirs + "/autopay/off", csrf},
                {theirs + "/scheduled", csrf + "&method=" + alicesCard.id() + "&date=" + future + "&amount=5.00"},
                {theirs + "/scheduled/" + bobsPayment, csrf + "&date=" + future + "&amount=5.00"},
                {theirs + "/scheduled/" + bobsPayment + "/cancel", csrf},
                {own + "/scheduled/" + bobsPayment, csrf + "&date=" + future + "&amount=5.00"},
                {own + "/scheduled/" + bobsPayment + "/cancel", csrf}}) {
            HttpResponse<String> r = session.post(post[0], post[1]);
            assertThat(r.statusCode()).as(post[0]).isEqualTo(404);
            assertThat(r.body()).as(post[0]).doesNotContain(bob);
        }
        assertThat(count("select count(*) from paperless_enrolment where biller_id = ?", bid)).isZero();
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ?", bid)).isZero();
        assertThat(count("select count(*) from scheduled_payment where biller_id = ? and status = 'SCHEDULED' and amount = 20.00"
                + " and pay_on = ?", bid, billerService.cachedConfig(bid).today(clock).plusDays(5))).isEqualTo(1);
        assertThat(count("select count(*) from scheduled_payment where biller_id = ?", bid)).isEqualTo(1);
        assertThat(count("select count(*) from posting where biller_id = ?", bid)).isZero();

        // Her own account, with the same session and token, is hers to change.
        assertThat(session.post(own + "/paperless", csrf + "&enrolled=true").statusCode()).isEqualTo(302);
        assertThat(count("select count(*) from paperless_enrolment where biller_id = ? and account_number = ? and enrolled", bid, alice))
                .isEqualTo(1);
    }
}
