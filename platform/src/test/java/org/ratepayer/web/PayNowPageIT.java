package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.paynow.PayNowPartner;
import org.ratepayer.paynow.PostbackReceiver;

/**
 * Pay Now end to end, with the test as the partner portal: it sends the Cloud Payments request, sends
 * the payer to the hosted page in a real headless Chromium (full page and inside the portal's iframe),
 * and checks the postbacks its own endpoint receives - parameters and signature.
 */
@Tag("browser")
class PayNowPageIT extends PlatformIT {

    HeadlessChromium browser;
    PostbackReceiver partner;

    @BeforeEach
    void open() throws Exception {
        browser = HeadlessChromium.open();
        partner = new PostbackReceiver();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
        if (partner != null) {
            partner.close();
        }
    }

    private TestBiller partnerBiller() {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        // Any of the partner's invoices may be paid: this biller does not carry balances forward (options 40, 41).
        billerService.setOption(b.bid(), 40, null, com.fasterxml.jackson.databind.node.BooleanNode.FALSE, "test");
        billerService.setOption(b.bid(), 41, null, com.fasterxml.jackson.databind.node.TextNode.valueOf("ANY_INVOICE"), "test");
        return b;
    }

    private String cloudPaymentUrl(TestBiller b, String body) {
        Reply r = send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("Data").path("CloudPaymentURL").asText();
    }

    private void card(String number) {
        browser.click("method-card");
        browser.typeCard(number);
    }

    private PostbackReceiver.Received postback() throws InterruptedException {
        PostbackReceiver.Received r;
        do {
            r = partner.next(20);
        } while (!r.method().equals("POST"));
        assertThat(r.path()).isEqualTo("/pb");
        assertThat(r.verifies(PayNowPartner.SECRET)).as("signature of " + r.rawQuery()).isTrue();
        return r;
    }

    @Test
    void severalCustomersAndInvoicesOneRemovedPaidByCardWithPostbacks() throws Exception {
        TestBiller b = partnerBiller();
        String link = cloudPaymentUrl(b, """
                {"CreateCustomerRecord": true,
                 "Customers": [
                   {"AccountNumber": "7001-1", "Name": "John S", "Address": "123 Main Street", "City": "Tampa", "State": "FL",
                    "Zip": "33601", "EmailAddress": "john@example.org", "Invoices": [
                      {"InvoiceNumber": "P-1", "BalanceDue": 10.00, "CCServiceFee": 1.00, "AchServiceFee": 0.50, "DueDate": "08/20/2099"},
                      {"InvoiceNumber": "P-2", "BalanceDue": "20.00", "CCServiceFee": null, "DueDate": "2099-08-21"}]},
                   {"AccountNumber": "7002-1", "Name": "Ana B", "Invoices": [
                      {"InvoiceNumber": "P-3", "BalanceDue": "30", "AllowPartialPayments": true, "MinimumAmountDue": "5.00"}]}],
                 "AllowCCPayment": true, "AllowACHPayment": true, "ViewMode": 0, "PageLoadOverride": 0,
                 "ReturnURL": "%s", "PostBackURL": "%s", "BillerReference": "REF-77",
                 "PageResultOptions": {"InvoiceOptions": {"AllowRemove": true}}}
                """.formatted(partner.url("/portal/done"), partner.url("/pb")));

        browser.get(link);
        assertThat(browser.text("total")).isEqualTo("$60.00");
        assertThat(browser.text("customer-0")).contains("John S — Account 7001-1").contains("123 Main Street, Tampa, FL 33601");
        assertThat(browser.text("customer-1")).contains("Ana B");
        browser.assertAccessible("the Pay Now invoices step");
        browser.click("remove-P-2");
        assertThat(browser.text("total")).isEqualTo("$40.00");
        assertThat(browser.has("restore-P-2")).isTrue();
        browser.assertAccessible("the Pay Now invoices step with a removed invoice");
        browser.click("continue");
        browser.assertAccessible("the Pay Now pay step with an amount to choose");
        browser.fill("amount-P-3", "15.00");
        assertThat(browser.element("payerEmail").getDomProperty("value")).isEqualTo("john@example.org");
        card("4111 1111 1111 1111");
        browser.click("review");
        assertThat(browser.text("review-P-1")).contains("$10.00").contains("$1.00");
        assertThat(browser.text("review-P-3")).contains("$15.00").contains("$0.00");
        assertThat(browser.has("review-P-2")).isFalse();
        assertThat(browser.text("review-total")).isEqualTo("$26.00");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        browser.assertAccessible("the Pay Now review of two invoices");

        // An impatient payer: the Pay form goes out three times at once; each invoice is paid once.
        browser.script("""
                const done = arguments[arguments.length - 1];
                const f = document.forms[0];
                Promise.all([fetch(f.action, {method: 'POST', body: new FormData(f)}),
                             fetch(f.action, {method: 'POST', body: new FormData(f)})]).then(() => done());
                """);
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("receipt-invoice-0") + " " + browser.text("receipt-invoice-1")).contains("P-1").contains("P-3");
        assertThat(browser.element("return").getDomProperty("href")).isEqualTo(partner.url("/portal/done"));
        browser.assertAccessible("the Pay Now receipt of two approved payments");
        assertThat(count("select count(*) from payment where biller_id = ? and channel = 'CPV2' and status = 'APPROVED'", b.bid()))
                .isEqualTo(2);
        assertThat(count("select count(*) from payment where biller_id = ? and invoice_number = 'P-2'", b.bid())).isZero();
        assertThat(jdbc.sql("select amount || '+' || fee from payment where biller_id = ? order by invoice_number").param(b.bid())
                .query(String.class).list()).containsExactly("10.00+1.00", "15.00+0.00");

        Map<String, Map<String, String>> byInvoice = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> p = postback().params();
            byInvoice.put(p.get("InvoiceNumber"), p);
        }
        Map<String, String> p1 = byInvoice.get("P-1");
        assertThat(p1.keySet()).containsExactly("BillerGUID", "PaymentDate", "InvoiceNumber", "Approved", "CustomerName",
                "CustomerAddress", "CustomerCity", "CustomerState", "CustomerZip", "PaymentGUID", "PaymentAmount",
                "PaymentDescription", "PaymentTypeID", "CardType", "PaymentMessage", "BillerReference", "ConvenienceFee", "RemoteIP");
        assertThat(p1).containsEntry("BillerGUID", b.guidText()).containsEntry("Approved", "True")
                .containsEntry("CustomerName", "John S").containsEntry("CustomerAddress", "123 Main Street")
                .containsEntry("CustomerCity", "Tampa").containsEntry("CustomerState", "FL").containsEntry("CustomerZip", "33601")
                .containsEntry("PaymentAmount", "10.00").containsEntry("ConvenienceFee", "1.00").containsEntry("PaymentTypeID", "1")
                .containsEntry("CardType", "VISA").containsEntry("BillerReference", "REF-77");
        assertThat(p1.get("RemoteIP")).as("the payer's address as the page saw it").isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(p1.get("PaymentGUID")).isEqualTo(jdbc.sql("select upper(payment_guid::text) from payment where biller_id = ? "
                + "and invoice_number = 'P-1'").param(b.bid()).query(String.class).single());
        assertThat(p1.get("PaymentDate")).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        assertThat(byInvoice.get("P-3")).containsEntry("CustomerName", "Ana B").containsEntry("PaymentAmount", "15.00")
                .containsEntry("ConvenienceFee", "0.00");
        Thread.sleep(500);
        assertThat(partner.poll()).as("one postback per payment").isNull();

        browser.click("return");
        assertThat(browser.text("portal")).isEqualTo("Partner portal");
        browser.get(link);
        assertThat(browser.text("gone")).isEqualTo("This payment link is no longer valid");
        browser.assertAccessible("the Pay Now used-link page");
    }

    @Test
    void aDeclinedCardPostsApprovedFalseThenTheBankAccountPays() throws Exception {
        TestBiller b = partnerBiller();
        String link = cloudPaymentUrl(b, """
                {"CreateCustomerRecord": true, "AllowSwipe": true,
                 "Customers": [{"AccountNumber": "7101-1", "Name": "John S", "Invoices": [
                    {"InvoiceNumber": "D-1", "BalanceDue": "10.00", "CCServiceFee": "1.00", "ACHServiceFee": "0.75"}]}],
                 "PostBackURL": "%s", "BillerReference": "REF-D", "PageLoadOverride": 1}
                """.formatted(partner.url("/pb")));
        browser.get(link);
        assertThat(browser.has("continue")).as("PageLoadOverride 1 opens at the payment form").isFalse();
        assertThat(browser.has("remove-D-1")).as("the only invoice cannot be removed").isFalse();
        browser.assertAccessible("the Pay Now pay step with swipe, card and bank account");
        card("4000000000000002");
        browser.click("review");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Your payment was declined");
        browser.assertAccessible("the Pay Now receipt of a declined payment");
        Map<String, String> declined = postback().params();
        assertThat(declined).containsEntry("Approved", "False").containsEntry("InvoiceNumber", "D-1")
                .containsEntry("PaymentMessage", "Declined: do not honor").containsEntry("BillerReference", "REF-D");

        browser.clickLink("Try another card or bank account");
        browser.click("method-ach");
        browser.typeBank("011000015", "123456789");
        browser.click("review");
        assertThat(browser.text("review-total")).isEqualTo("$10.75");
        assertThat(browser.text("review-method")).isEqualTo("Bank account ending 6789");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        Map<String, String> paid = postback().params();
        assertThat(paid).containsEntry("Approved", "True").containsEntry("PaymentTypeID", "2").containsEntry("CardType", "ACH")
                .containsEntry("PaymentAmount", "10.00").containsEntry("ConvenienceFee", "0.75");
        assertThat(browser.has("return")).as("no ReturnURL, no button").isFalse();
        assertThat(count("select count(*) from payment where biller_id = ? and channel = 'CPV2'", b.bid())).isEqualTo(2);
        assertThat(count("select count(*) from payment where biller_id = ? and method = 'ACH' and status = 'APPROVED'", b.bid()))
                .isEqualTo(1);
    }

    @Test
    void insideThePartnersIframeWithASwipedCard() throws Exception {
        TestBiller b = partnerBiller();
        // a swipe reader types the card into the page itself: only under DIRECT card entry (docs/hosted-fields.md)
        billerService.setSetting(b.bid(), 1019, com.fasterxml.jackson.databind.node.TextNode.valueOf("DIRECT"), "test");
        String link = cloudPaymentUrl(b, """
                {"CreateCustomerRecord": true, "AllowSwipe": true, "AllowACHPayment": false, "ViewMode": 1,
                 "Customers": [{"AccountNumber": "7201-1", "Name": "Iris F", "Invoices": [
                    {"InvoiceNumber": "F-1", "BalanceDue": 25.5}]}],
                 "ReturnURL": "%s", "PostBackURL": "%s", "PageLoadOverride": 1}
                """.formatted(partner.url("/portal/back"), partner.url("/pb")));
        partner.portal("<!DOCTYPE html><title>Partner portal</title><p id=\"portal\">Partner portal</p>"
                + "<iframe id=\"paynow\" width=\"400\" height=\"800\" src=\"" + link + "\"></iframe>");
        browser.get(partner.url("/portal"));
        browser.driver.switchTo().frame(browser.element("paynow"));
        assertThat(browser.has("method-ach")).as("AllowACHPayment false").isFalse();
        assertThat(browser.has("routingNumber")).isFalse();
        browser.assertAccessible("the Pay Now pay step inside the partner's iframe");
        browser.fill("swipe", "%B4111111111111111^F/IRIS^9912101000000000000?;4111111111111111=99121010000000000?");
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        browser.assertAccessible("the Pay Now review inside the partner's iframe");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.element("return").getDomAttribute("target")).isEqualTo("_top");
        browser.assertAccessible("the Pay Now receipt inside the partner's iframe");
        assertThat(postback().params()).containsEntry("Approved", "True").containsEntry("PaymentAmount", "25.50");
        // the whole window goes back, not the iframe
        browser.clickOutOfFrame("return", partner.url("/portal/back"));
    }

    @Test
    void insideThePartnersIframeTheProcessorsFieldsAreAFrameInTheFrame() throws Exception {
        TestBiller b = partnerBiller();
        String link = cloudPaymentUrl(b, """
                {"CreateCustomerRecord": true, "AllowSwipe": true, "ViewMode": 1,
                 "Customers": [{"AccountNumber": "7202-1", "Name": "Iris F", "Invoices": [
                    {"InvoiceNumber": "F-2", "BalanceDue": 25.5}]}],
                 "ReturnURL": "%s", "PostBackURL": "%s", "PageLoadOverride": 1}
                """.formatted(partner.url("/portal/back"), partner.url("/pb")));
        partner.portal("<!DOCTYPE html><title>Partner portal</title><p id=\"portal\">Partner portal</p>"
                + "<iframe id=\"paynow\" width=\"400\" height=\"900\" src=\"" + link + "\"></iframe>");
        browser.get(partner.url("/portal"));
        browser.driver.switchTo().frame(browser.element("paynow"));
        assertThat(browser.has("swipe")).as("no swipe under hosted fields").isFalse();
        browser.assertAccessible("the Pay Now pay step with hosted fields inside the partner's iframe");
        // the sandbox's fields may be framed by the Pay Now page inside the partner's portal (frame-ancestors of both)
        card("4111111111111111");
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(postback().params()).containsEntry("Approved", "True").containsEntry("PaymentAmount", "25.50");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.ratepayer.payers.PayerDirectory directory;
    @org.springframework.beans.factory.annotation.Autowired
    org.ratepayer.payers.Wallet wallet;
    @org.springframework.beans.factory.annotation.Autowired
    org.ratepayer.payments.PaymentService payments;

    @Test
    void aSignedOnPayerPaysWithASavedCardAndStillMayTypeANewOne() {
        TestBiller b = partnerBiller();
        assertThat(upload(b, b.webServiceKey(), "w.bif", new org.ratepayer.BifText(b.guidText())
                .invoice("INV-W-1", "7301-1", "10/01/2026", "45.00", null).text()).status()).isEqualTo(201);
        long rita = directory.register(b.bid(), "rita", "rita@example.org", List.of("7301-1"), null).payer().userId();
        wallet.save(b.bid(), rita, payments.tokenize(b.bid(), new org.ratepayer.payments.gateway.CardDetails("5555555555554444", 12,
                2099, "123", "33601"), null), 12, 2099, null, false);
        String link = cloudPaymentUrl(b, """
                {"PageLoadOverride": 1, "RemoteAuthenticationToken": "%s",
                 "Customers": [{"AccountNumber": "7301-1", "Invoices": [{"InvoiceNumber": "INV-W-1"}]}]}
                """.formatted(directory.mintSignOn(b.bid(), "rita", null).token()));

        browser.get(link);
        assertThat(browser.driver.getPageSource()).contains("ending 4444, expires 12/2099 (default)");
        assertThat(browser.element("saved-0").isSelected()).as("the default saved method is chosen").isTrue();
        assertThat(browser.has("saved-new")).isTrue();
        assertThat(browser.has("hosted-fields")).as("a new card in the processor's fields").isTrue();
        browser.assertAccessible("the Pay Now pay step with a saved method");
        browser.click("review");
        assertThat(browser.text("review-total")).isEqualTo("$45.00");
        assertThat(browser.text("review-method")).contains("ending 4444");
        browser.assertAccessible("the Pay Now review with a saved method");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(jdbc.sql("select last4 || ' ' || status from payment where biller_id = ? and channel = 'CPV2'").param(b.bid())
                .query(String.class).list()).containsExactly("4444 APPROVED");
    }
}
