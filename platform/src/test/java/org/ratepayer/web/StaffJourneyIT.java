package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.reports.DateRange;
import org.ratepayer.reports.PaymentExport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A day at the billing office, in one browser session after another (docs/staff-portal.md, docs/staff-search.md):
 * the operator creates the first administrator, who signs in with an authenticator code and creates a CSR; the CSR
 * finds a member by the last four of the card they paid with, takes a card payment while the CIS is failing, pays a
 * cart of two accounts in one payment, enrols a member in autopay, retries the parked posting once the CIS is back,
 * closes the batch and downloads the payment export. The CIS simulator receives each paymentTransaction once, and
 * every page the CSR sees passes axe-core. (Refusals of read-only users and other billers' staff: StaffPaymentsIT,
 * StaffPagesIT, StaffSignInIT.)
 */
@Tag("browser")
@TestPropertySource(properties = "ratepayer.trusted-proxies=127.0.0.1/32,::1/128")
class StaffJourneyIT extends CisPageIT {

    private static final String PASSWORD = "a long staff password";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    PaymentService payments;

    @Autowired
    PaymentExport export;

    private void fillCard(String prefix, String number) {
        browser.fill(prefix + "-card", number);
        browser.fill(prefix + "-month", "12");
        browser.fill(prefix + "-year", "2099");
        browser.fill(prefix + "-cvv", "123");
        browser.fill(prefix + "-zip", "49331");
    }

    /** The file with its header's "made at" (positions 28 to 41, docs/payment-export.md) blanked: the test's clock ticks. */
    private static String withoutMadeAt(String file) {
        return file.substring(0, 27) + " ".repeat(14) + file.substring(41);
    }

    private List<PaymentPosting> posted(String account) {
        return cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals(account)).toList();
    }

    @Test
    void anAdministratorAndACsrWorkThroughTheDayInABrowser() {
        TestBiller b = simulatorBiller();
        billerService.setOption(b.bid(), 54, null, BooleanNode.TRUE, "test");
        BifText file = new BifText(b.guidText());
        file.invoice("73011000001", "7301-1", "10/01/2026", "40.00", "ann@example.org");
        file.invoice("73021000001", "7302-1", "10/01/2026", "25.00", "bo@example.org");
        file.invoice("73031000001", "7303-1", "10/01/2026", "60.00", "cy@example.org");
        file.invoice("73041000001", "7304-1", "10/01/2026", "15.00", "di@example.org");
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        // the member of 7303-1 paid online last week with a Mastercard; today they call about it
        PaymentOutcome online = payments.submit(b.bid(), "online-7303", new PaymentRequest(Channel.WEB, "7303-1", null,
                new BigDecimal("60.00"), new CardDetails("5555555555554444", 12, 2099, "123", "49331"), null, null, null, null));
        assertThat(online).isInstanceOf(PaymentOutcome.Taken.class);
        await().atMost(PATIENCE).until(() -> posted("7303-1").size() == 1);

        Reply created = send(asOperator(request("/api/v1/billers/" + b.bid() + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"email\":\"ana@example.org\"}")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String base = url("/staff/" + b.bid());

        // The administrator: password, authenticator, a password of her own; then a CSR.
        assertThat(signInStaff(b.bid(), "ana", created.json().get("oneTimePassword").asText(), PASSWORD))
                .as("an administrator enrols an authenticator").isNotNull();
        browser.click("nav-users");
        browser.fill("new-username", "carol");
        browser.fill("new-email", "carol@example.org");
        browser.element("new-role").sendKeys("Customer service");
        browser.click("create-user");
        String carolPassword = browser.text("issued-password");
        browser.click("sign-out");

        // The CSR signs in (no authenticator asked of a CSR) and finds the caller by the card's last four.
        assertThat(signInStaff(b.bid(), "carol", carolPassword, PASSWORD)).isNull();
        browser.click("nav-search");
        browser.fill("q", "*4444");
        browser.click("search");
        assertThat(browser.text("results")).contains("7303-1").doesNotContain("7301-1");
        browser.assertAccessible("search by last four");
        browser.clickLink("7303-1");
        assertThat(browser.text("customer-name")).isNotBlank();
        browser.assertAccessible("the caller's account");

        // A card payment for 7301-1 while the CIS refuses everything: taken, its posting parked.
        cis.state().setFaults(FaultPlan.alwaysSoapFault());
        browser.get(base + "/accounts/7301-1");
        fillCard("pay", "4111111111111111");
        browser.click("pay");
        assertThat(browser.text("paid")).contains("APPROVED");
        UUID cardPayment = jdbc.sql("select payment_guid from payment where biller_id = ? and account_number = '7301-1'").param(b.bid())
                .query(UUID.class).single();
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 1);
        cis.state().clearFaults();

        // A cart of two accounts, one payment.
        browser.get(base + "/accounts/7302-1");
        browser.click("add-to-cart");
        browser.get(base + "/accounts/7304-1");
        browser.click("add-to-cart");
        assertThat(browser.text("cart-total")).isEqualTo("40.00");
        browser.assertAccessible("the cart");
        fillCard("cart", "4111111111111111");
        browser.click("pay-cart");
        assertThat(browser.text("paid")).contains("APPROVED");

        // Autopay for the caller, on a card given on the phone.
        browser.get(base + "/accounts/7303-1");
        fillCard("autopay", "4111111111111111");
        browser.click("autopay-on");
        assertThat(browser.text("autopay-changed")).contains("on");
        assertThat(browser.text("autopay")).contains("staff:carol");

        // The parked posting, retried from the postings page now that the CIS answers.
        UUID parked = jdbc.sql("select posting_guid from posting where biller_id = ? and status = 'PARKED'").param(b.bid())
                .query(UUID.class).single();
        browser.click("nav-postings");
        browser.assertAccessible("postings with one parked");
        browser.fill("reason-retry-" + parked, "the CIS was down at noon");
        browser.click("retry-" + parked);
        assertThat(browser.text("postings-notice")).contains("will be sent again");
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status <> 'DELIVERED'", b.bid()) == 0);
        assertThat(posted("7301-1")).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualByComparingTo("40.00");
            assertThat(p.transactionId()).isEqualToIgnoringCase(cardPayment.toString());
        });
        assertThat(posted("7302-1")).singleElement().satisfies(p -> assertThat(p.amount()).isEqualByComparingTo("25.00"));
        assertThat(posted("7304-1")).singleElement().satisfies(p -> assertThat(p.amount()).isEqualByComparingTo("15.00"));
        assertThat(posted("7303-1")).as("the member's own payment, once, and nothing more").hasSize(1);

        // The day closed, and its payment export downloaded with the CSR's session.
        browser.click("nav-batches");
        browser.click("close-batch");
        assertThat(browser.text("batch-closed")).contains("closed");
        assertThat(browser.text("closed-by")).isEqualTo("staff carol");
        browser.click("nav-reports");
        browser.assertAccessible("reports");
        String from = browser.element("payment-export-from").getDomProperty("value");
        String to = browser.element("payment-export-to").getDomProperty("value");
        String downloaded = String.valueOf(browser.script("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById('payment-export-form');
                fetch(form.action + '?' + new URLSearchParams(new FormData(form)))
                  .then(r => r.text().then(t => done(r.status + '\\n' + r.headers.get('content-type') + '\\n' + t.replaceAll('\\r', '<CR>'))));
                """));
        // the driver hands strings back with their CRs dropped: carried over as a marker, the file stays byte for byte
        String[] answer = downloaded.replace("<CR>", "\r").split("\n", 3);
        assertThat(answer[0]).isEqualTo("200");
        assertThat(answer[1]).startsWith("text/plain");
        String expected = export.export(b.bid(), new DateRange(java.time.LocalDate.parse(from), java.time.LocalDate.parse(to)));
        assertThat(withoutMadeAt(answer[2])).as("the exporter's bytes, but for when the file was made").isEqualTo(withoutMadeAt(expected));
        assertThat(Arrays.stream(answer[2].split("\r\n")).filter(l -> l.startsWith("D")).map(l -> l.substring(0, 60)).toList())
                .as("one detail line per account paid").hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("7301-1")).anySatisfy(l -> assertThat(l).contains("7302-1"))
                .anySatisfy(l -> assertThat(l).contains("7303-1")).anySatisfy(l -> assertThat(l).contains("7304-1"));

        assertThat(jdbc.sql("select account_number, channel, taken_by from payment where biller_id = ? order by payment_id").param(b.bid())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(tuple("7303-1", "WEB", null), tuple("7301-1", "CSRWEB", "carol"), tuple("7302-1", "CSRWEB", "carol"));
        assertThat(jdbc.sql("select action from staff_audit where biller_id = ? and actor = 'carol' order by audit_id").param(b.bid())
                .query(String.class).list()).containsSubsequence("payment.take", "payment.cart", "autopay.enrol", "posting.retry", "batch.close");
    }
}
