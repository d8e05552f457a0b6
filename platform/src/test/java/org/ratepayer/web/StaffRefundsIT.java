package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Refunds in the biller portal (docs/refunds.md, "Biller portal"): an administrator refunds part of a payment from its
 * page through the form (the amount offered is what is left) and the confirmation step, and every page passes axe-core;
 * the same form sent twice refunds once and is audited once; a CSR sees no Refund button and is refused the refund
 * page and its post with the 403 page, and nothing changes; a pending bank payment is offered for cancelling whole, a part
 * refused at the confirmation step.
 */
@Tag("browser")
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class StaffRefundsIT extends CisPageIT {

    private static final String PASSWORD = "a long staff password";
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired
    StaffUsers staffUsers;

    private TestBiller b;
    private String anaPassword;
    private String beaPassword;
    private String carolPassword;

    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (110 + n / 250) + "." + (1 + n % 250);
    }

    @BeforeEach
    void aBillerWithTwoBillsAnAdministratorAndACsr() {
        b = newBiller();
        BifText file = new BifText(b.guidText());
        file.invoice("73011000001", "7301-1", "10/01/2026", "40.00", "ann@example.org");
        file.invoice("73021000001", "7302-1", "10/01/2026", "25.00", "bo@example.org");
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        StaffUsers.IssuedPassword ana = staffUsers.createAdministrator(b.bid(), "ana", "ana@example.org");
        anaPassword = ana.oneTimePassword();
        SignedInStaff admin = new SignedInStaff(b.bid(), ana.user().userId(), "ana", StaffRole.ADMINISTRATOR, false);
        beaPassword = staffUsers.create(admin, "bea", "bea@example.org", StaffRole.ADMINISTRATOR, false).oneTimePassword();
        carolPassword = staffUsers.create(admin, "carol", "carol@example.org", StaffRole.CSR, false).oneTimePassword();
    }

    private UUID pay(String account, String amount) {
        String body = """
                {"channel":"IVR","accountNumber":"%s","amount":%s,
                 "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"},
                 "payerEmail":"payer@example.com"}""".formatted(account, amount);
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return UUID.fromString(r.json().get("paymentGuid").asText());
    }

    private StaffHttp signedIn(String username, String oneTime) {
        StaffHttp staff = new StaffHttp(this::url, newAddress());
        staff.signIn(b.bid(), username, oneTime, null, PASSWORD, clock);
        return staff;
    }

    private String paymentPage(UUID payment) {
        return "/staff/" + b.bid() + "/payments/" + payment;
    }

    @Test
    void anAdministratorRefundsPartOfAPaymentThroughTheFormAndItsConfirmationAndEveryPagePassesAxe() {
        UUID payment = pay("7301-1", "40.00");
        signInStaff(b.bid(), "ana", anaPassword, PASSWORD);

        browser.get(url("/staff/" + b.bid() + "/accounts/7301-1"));
        browser.clickLink(payment.toString());
        assertThat(browser.text("payment-status")).isEqualTo("APPROVED");
        assertThat(browser.text("no-refunds")).isEqualTo("No refunds.");
        browser.assertAccessible("staff payment page");

        browser.click("refund-button");
        assertThat(browser.element("amount").getDomProperty("value")).as("what is left, offered").isEqualTo("40.00");
        assertThat(browser.text("cis-by-hand")).contains("post the reversal in the CIS by hand");
        browser.assertAccessible("staff refund form");

        browser.fill("amount", "50.00");
        browser.click("review-refund");
        assertThat(browser.text("refund-error")).isEqualTo("amount: at most 40.00 is left to refund of the 40.00 charged");
        browser.assertAccessible("staff refund form, refused");

        browser.fill("amount", "12.50");
        browser.fill("reason", "paid twice");
        browser.click("review-refund");
        assertThat(browser.text("confirm-amount")).isEqualTo("Refund $12.50 to the payer, because: paid twice?");
        assertThat(count("select count(*) from payment_refund where payment_guid = ?", payment)).as("nothing sent yet").isZero();
        browser.assertAccessible("staff refund confirmation");

        browser.click("confirm-refund");
        assertThat(browser.text("refunded")).contains("APPROVED").contains("Post the reversal in the CIS by hand");
        assertThat(browser.text("refunded-total")).isEqualTo("12.50");
        assertThat(browser.text("left")).isEqualTo("27.50");
        assertThat(browser.text("refunds")).contains("REFUND").contains("12.50").contains("staff:ana").contains("paid twice");
        browser.assertAccessible("staff payment page with a refund");

        assertThat(jdbc.sql("select kind, amount, reason, requested_by, status from payment_refund where payment_guid = ?").param(payment)
                .query((rs, n) -> tuple(rs.getString(1), rs.getBigDecimal(2).toPlainString(), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list())
                .containsExactly(tuple("REFUND", "12.50", "paid twice", "staff:ana", "APPROVED"));
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || (after ->> 'amount') from staff_audit where biller_id = ?"
                + " and action = 'payment.refund'").param(b.bid()).query(String.class).list()).containsExactly("ana payment.refund 12.50");
    }

    @Test
    void theSameFormSentTwiceRefundsOnceAndIsAuditedOnceAndTheWholeOfAnOpenDayPaymentIsVoided() {
        UUID payment = pay("7302-1", "25.00");
        StaffHttp bea = signedIn("bea", beaPassword);
        String page = paymentPage(payment);
        HttpResponse<String> form = bea.get(page + "/refund");
        assertThat(form.statusCode()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        String fields = "key=" + key + "&amount=25.00&reason=" + StaffHttp.enc("wrong account");
        HttpResponse<String> confirm = bea.post(page + "/refund", page + "/refund/confirm", fields);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Refund $25.00");
        HttpResponse<String> first = bea.post(page + "/refund", page + "/refunds", fields);
        HttpResponse<String> second = bea.post(page + "/refund", page + "/refunds", fields);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));

        assertThat(count("select count(*) from payment_refund where payment_guid = ?", payment)).isEqualTo(1);
        assertThat(jdbc.sql("select kind from payment_refund where payment_guid = ?").param(payment).query(String.class).single())
                .as("all of a payment of the open day").isEqualTo("VOID");
        assertThat(jdbc.sql("select status from payment where payment_guid = ?").param(payment).query(String.class).single())
                .isEqualTo("VOIDED");
        assertThat(count("select count(*) from staff_audit where biller_id = ? and action = 'payment.refund'", b.bid())).isEqualTo(1);
        HttpResponse<String> after = bea.get(page);
        assertThat(after.body()).contains("id=\"payment-status\">VOIDED<").doesNotContain("id=\"refund-button\"");
    }

    @Test
    void anAdministratorCancelsAPendingBankPaymentWholeAndAPartIsRefusedAtTheConfirmationStep() {
        String body = """
                {"channel":"IVR","accountNumber":"7302-1","amount":25.00,
                 "bank":{"routingNumber":"011000015","accountNumber":"000222333","accountType":"CHECKING"},
                 "payerEmail":"payer@example.com"}""";
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.json().get("status").asText()).as(r.body()).isEqualTo("PENDING");
        UUID payment = UUID.fromString(r.json().get("paymentGuid").asText());
        StaffHttp bea = signedIn("bea", beaPassword);
        String page = paymentPage(payment);

        assertThat(bea.get(page).body()).contains("id=\"payment-status\">PENDING<").contains("id=\"left\">25.00<")
                .contains(">Cancel this bank payment</a>");
        String form = bea.get(page + "/refund").body();
        assertThat(form).contains("id=\"pending-cancel\"").contains("it can be cancelled, whole");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> part = bea.post(page + "/refund", page + "/refund/confirm", "key=" + key + "&amount=10.00&reason=");
        assertThat(part.statusCode()).isEqualTo(422);
        assertThat(part.body()).contains("a bank payment still being processed can only be cancelled whole, 25.00");
        String whole = "key=" + key + "&amount=25.00&reason=" + StaffHttp.enc("paid from the wrong account");
        HttpResponse<String> confirm = bea.post(page + "/refund", page + "/refund/confirm", whole);
        assertThat(confirm.body()).contains("Cancel the payment of $25.00");
        assertThat(count("select count(*) from payment_refund where payment_guid = ?", payment)).as("nothing sent yet").isZero();
        assertThat(bea.post(page + "/refund", page + "/refunds", whole).statusCode()).isEqualTo(302);

        assertThat(jdbc.sql("select kind || ' ' || status from payment_refund where payment_guid = ?").param(payment).query(String.class)
                .single()).isEqualTo("VOID APPROVED");
        assertThat(bea.get(page).body()).contains("id=\"payment-status\">VOIDED<").doesNotContain("id=\"refund-button\"");
    }

    @Test
    void aCsrSeesNoRefundButtonAndIsRefusedTheRefundPageAndItsPost() {
        UUID payment = pay("7301-1", "40.00");
        StaffHttp carol = signedIn("carol", carolPassword);
        String page = paymentPage(payment);
        HttpResponse<String> shown = carol.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"payment-status\">APPROVED<").doesNotContain("id=\"refund-button\"");
        assertThat(carol.get(page + "/refund").statusCode()).isEqualTo(403);
        HttpResponse<String> posted = carol.post(page, page + "/refunds", "key=" + UUID.randomUUID() + "&amount=40.00&reason=x");
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).contains("id=\"forbidden-reason\"");
        assertThat(count("select count(*) from payment_refund where payment_guid = ?", payment)).isZero();
        assertThat(count("select count(*) from sandbox_refund where payment_guid = ?", payment)).isZero();
        assertThat(count("select count(*) from staff_audit where biller_id = ? and action = 'payment.refund'", b.bid())).isZero();
        assertThat(carol.get("/staff/" + b.bid() + "/payments/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
