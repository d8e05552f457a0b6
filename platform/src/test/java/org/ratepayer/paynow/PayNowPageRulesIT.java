package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.PayNowSessions;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.internal.PaymentRepairJob;
import org.ratepayer.payments.internal.SandboxAchEvents;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hosted page's rules against a payer who sends forms by hand (the page needs no cookie, so plain
 * HTTP drives it): what the partner did not allow is refused whatever the form says, and nothing is paid
 * or held that should not be.
 */
class PayNowPageRulesIT extends PlatformIT {

    @Autowired
    PaymentRepairJob repairJob;
    @Autowired
    SandboxAchEvents sandboxEvents;

    private TestBiller partnerBiller() {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        billerService.setOption(b.bid(), 40, null, com.fasterxml.jackson.databind.node.BooleanNode.FALSE, "test");
        billerService.setOption(b.bid(), 41, null, com.fasterxml.jackson.databind.node.TextNode.valueOf("ANY_INVOICE"), "test");
        return b;
    }

    /** Creates a session and opens its link: the page path. */
    private String page(TestBiller b, String body) throws Exception {
        Reply r = send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return PayNowPartner.open(http, r.json().path("Data").path("CloudPaymentURL").asText());
    }

    private Reply form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The form as the page posts it under hosted fields: the method and the token the sandbox's fields made. */
    private Map<String, String> card(TestBiller b, String number) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("method", "CARD");
        f.put("methodToken", sandboxCardToken(b, number));
        return f;
    }

    private String pending(TestBiller b) {
        return jdbc.sql("select coalesce(pending::text, '') from paynow_session where biller_id = ?").param(b.bid())
                .query(String.class).single();
    }

    @Test
    void whatThePartnerDidNotAllowIsRefusedWhateverTheFormSays() throws Exception {
        TestBiller b = partnerBiller();
        String page = page(b, """
                {"CreateCustomerRecord": true, "AllowACHPayment": false, "PageLoadOverride": 1,
                 "PageResultOptions": {"InvoiceOptions": {"AllowRemove": false}},
                 "Customers": [{"AccountNumber": "8001-1", "Invoices": [
                    {"InvoiceNumber": "R-1", "BalanceDue": "30.00", "AllowPartialPayments": true, "MinimumAmountDue": 5},
                    {"InvoiceNumber": "R-2", "BalanceDue": "20.00"}]}]}
                """);
        String html = send(request(page).GET()).body();
        assertThat(html).doesNotContain("id=\"method-ach\"").doesNotContain("id=\"remove-R-1\"").contains("id=\"amount-R-1\"")
                .doesNotContain("id=\"amount-R-2\"");

        Map<String, String> ach = new LinkedHashMap<>(Map.of("method", "ACH", "methodToken",
                sandboxBankToken(b, "011000015", "123456789")));
        assertThat(form(page + "/review", ach).body()).contains("Bank account payments are not accepted here.");
        assertThat(form(page + "/remove", Map.of("item", "8001-1/R-2")).body()).contains("That invoice cannot be removed.");
        assertThat(count("select count(*) from paynow_session where biller_id = ? and removed = '{}'", b.bid())).isEqualTo(1);

        Map<String, String> tooMuch = card(b, "4111111111111111");
        tooMuch.put("amount.8001-1/R-1", "30.01");
        assertThat(form(page + "/review", tooMuch).body()).contains("For invoice R-1 enter an amount from $5.00 to $30.00.");
        Map<String, String> tooLittle = card(b, "4111111111111111");
        tooLittle.put("amount.8001-1/R-1", "4.99");
        assertThat(form(page + "/review", tooLittle).body()).contains("For invoice R-1 enter an amount from $5.00 to $30.00.");
        Map<String, String> notPartial = card(b, "4111111111111111");
        notPartial.put("amount.8001-1/R-1", "6");
        notPartial.put("amount.8001-1/R-2", "1.00");
        // a mistyped card is answered by the processor's fields, before anything reaches the page
        Reply mistyped = sandboxToken(b, Map.of("cardNumber", "4111111111111112", "expMonth", "12", "expYear", "2099"));
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.json().path("error").asText()).isEqualTo("The card number is not valid. Check it and try again.");
        assertThat(pending(b)).as("nothing held after refusals").isEmpty();

        Reply review = form(page + "/review", notPartial);
        assertThat(review.body()).contains("id=\"review-total\">$26.00<");
        assertThat(pending(b)).doesNotContain("4111111111111111").contains("\"last4\": \"1111\"");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).as("nothing paid before Pay").isZero();

        Reply paid = form(page + "/confirm", Map.of());
        assertThat(paid.status()).isEqualTo(302);
        Reply again = form(page + "/confirm", Map.of());
        assertThat(again.status()).isEqualTo(302);
        assertThat(jdbc.sql("select invoice_number || '=' || amount from payment where biller_id = ? and channel = 'CPV2' "
                + "and status = 'APPROVED' order by invoice_number").param(b.bid()).query(String.class).list())
                .as("a second Pay pays nothing more; R-2 is not partial, so its balance is paid")
                .containsExactly("R-1=6.00", "R-2=20.00");
        String receipt = send(request(page + "/receipt").GET()).body();
        assertThat(receipt).contains("Thank you, your payment was approved").doesNotContain("Try another card");
        Reply after = send(request(page).GET());
        assertThat(after.status()).as("an invoice paid here, in full or in the part the payer chose, is not offered again")
                .isEqualTo(302);
        assertThat(form(page + "/review", card(b, "4111111111111111")).body()).contains("There is nothing left to pay.");
    }

    @Test
    void aProcessorErrorPostsApprovedFalseAndALostOutcomePostsWhenTheRepairJobSettlesIt() throws Exception {
        TestBiller b = partnerBiller();
        try (PostbackReceiver partner = new PostbackReceiver()) {
            String body = """
                    {"CreateCustomerRecord": true, "PageLoadOverride": 1, "PostBackURL": "%s",
                     "Customers": [{"AccountNumber": "8201-1", "Name": "Lee K", "Invoices": [{"InvoiceNumber": "U-1", "BalanceDue": 33}]}]}
                    """.formatted(partner.url("/pb"));
            String page = page(b, body);
            form(page + "/review", card(b, "4000000000000119"));
            form(page + "/confirm", Map.of());
            PostbackReceiver.Received error = partner.next(20);
            assertThat(error.verifies(PayNowPartner.SECRET)).isTrue();
            assertThat(error.params()).containsEntry("Approved", "False").containsEntry("InvoiceNumber", "U-1");
            assertThat(error.params().get("PaymentMessage")).isNotBlank();

            form(page + "/review", card(b, "4000000000000259"));
            form(page + "/confirm", Map.of());
            assertThat(send(request(page + "/receipt").GET()).body()).contains("Being confirmed");
            Thread.sleep(1000);
            assertThat(partner.poll()).as("no postback while the outcome is unknown").isNull();
            jdbc.sql("update payment set updated_at = now() - interval '1 minute' where biller_id = ? and status = 'UNKNOWN'")
                    .param(b.bid()).update();
            assertThat(repairJob.repair()).isGreaterThanOrEqualTo(1);
            PostbackReceiver.Received settled = partner.next(20);
            assertThat(settled.verifies(PayNowPartner.SECRET)).isTrue();
            assertThat(settled.params()).containsEntry("Approved", "True").containsEntry("PaymentAmount", "33.00")
                    .containsEntry("CustomerName", "Lee K");
            assertThat(count("select count(*) from posting where biller_id = ? and kind = 'POSTBACK'", b.bid())).isEqualTo(2);
        }
    }

    @Test
    void aBankPaymentToldAsPaidAndReturnedByTheBankPostsAgainApprovedFalseWithTheReturnCode() throws Exception {
        TestBiller b = partnerBiller();
        try (PostbackReceiver partner = new PostbackReceiver()) {
            String page = page(b, """
                    {"CreateCustomerRecord": true, "PageLoadOverride": 1, "PostBackURL": "%s",
                     "Customers": [{"AccountNumber": "8301-1", "Name": "Lee K", "Invoices": [
                        {"InvoiceNumber": "V-1", "BalanceDue": 25}, {"InvoiceNumber": "V-2", "BalanceDue": 5}]}]}
                    """.formatted(partner.url("/pb")));
            form(page + "/review", Map.of("method", "ACH", "methodToken", sandboxBankToken(b, "011000015", "000333444")));
            form(page + "/confirm", Map.of());
            PostbackReceiver.Received v1 = partner.next(20);
            PostbackReceiver.Received v2 = partner.next(20);
            assertThat(v1.params()).as("a pending bank payment is told as paid").containsEntry("Approved", "True")
                    .containsEntry("PaymentTypeID", "2");
            assertThat(v2.params()).containsEntry("Approved", "True");

            clock.set(java.time.Instant.now().plus(java.time.Duration.ofDays(2)));
            sandboxEvents.deliverDue();
            clock.reset();
            PostbackReceiver.Received r1 = partner.next(20);
            PostbackReceiver.Received r2 = partner.next(20);
            Map<String, Map<String, String>> returned = Map.of(r1.params().get("InvoiceNumber"), r1.params(),
                    r2.params().get("InvoiceNumber"), r2.params());
            Map<String, String> first = v1.params().get("InvoiceNumber").equals("V-1") ? v1.params() : v2.params();
            assertThat(returned.get("V-1")).containsEntry("Approved", "False")
                    .containsEntry("PaymentMessage", "Returned R01: Insufficient funds")
                    .containsEntry("PaymentGUID", first.get("PaymentGUID")).containsEntry("PaymentAmount", "25.00")
                    .containsEntry("CustomerName", "Lee K").containsEntry("CardType", "ACH");
            assertThat(returned.get("V-2")).containsEntry("Approved", "False");
            // signed like every postback, under a new webhook-id: a second message about the same payment, not a retry
            for (PostbackReceiver.Received r : java.util.List.of(r1, r2)) {
                assertThat(org.ratepayer.paynow.internal.PostbackSignature.verify(PayNowPartner.SECRET, r.id(), r.timestamp(), r.rawQuery(),
                        r.signature(), Long.parseLong(r.timestamp()), 300)).isTrue();
            }
            assertThat(java.util.Set.of(r1.id(), r2.id())).doesNotContain(v1.id(), v2.id());
            assertThat(partner.poll()).isNull();
            assertThat(count("select count(*) from posting where biller_id = ? and kind = 'POSTBACK'", b.bid())).isEqualTo(4);
        }
    }

    @Test
    void anInvoiceChargedButNotYetRecordedIsNeitherOfferedNorPaidAgain() throws Exception {
        TestBiller b = partnerBiller();
        String page = page(b, """
                {"CreateCustomerRecord": true, "PageLoadOverride": 1,
                 "Customers": [{"AccountNumber": "8301-1", "Invoices": [{"InvoiceNumber": "S-1", "BalanceDue": 44}]}]}
                """);
        org.ratepayer.InjectedFailures failures = new org.ratepayer.InjectedFailures(jdbc);
        assertThat(form(page + "/review", card(b, "4111111111111111")).body()).contains("id=\"review-total\">$44.00<");
        failures.fail(org.ratepayer.InjectedFailures.Point.MOVE, b.bid());
        try {
            form(page + "/confirm", Map.of());
        } finally {
            failures.heal(b.bid());
        }
        assertThat(count("select count(*) from payment where biller_id = ? and status = 'INITIATED'", b.bid()))
                .as("charged by the processor, its outcome not stored yet").isEqualTo(1);

        form(page + "/confirm", Map.of());
        assertThat(send(request(page).GET()).status()).as("the charged invoice is not offered again").isEqualTo(302);
        assertThat(form(page + "/review", card(b, "4111111111111111")).body()).contains("There is nothing left to pay.");
        form(page + "/confirm", Map.of());
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).as("one charge").isEqualTo(1);

        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where biller_id = ?").param(b.bid()).update();
        assertThat(repairJob.repair()).isGreaterThanOrEqualTo(1);
        assertThat(send(request(page + "/receipt").GET()).body()).contains("Thank you, your payment was approved");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void aPartnerThatAnswersErrorsIsRetriedThenParkedWithTheReasonAndRetriedByStaff() throws Exception {
        TestBiller b = partnerBiller();
        try (PostbackReceiver partner = new PostbackReceiver()) {
            partner.answer(503, null);
            String page = page(b, """
                    {"CreateCustomerRecord": true, "PageLoadOverride": 1, "PostBackURL": "%s",
                     "Customers": [{"AccountNumber": "8301-1", "Invoices": [{"InvoiceNumber": "E-1", "BalanceDue": 12}]}]}
                    """.formatted(partner.url("/pb")));
            form(page + "/review", card(b, "4111111111111111"));
            form(page + "/confirm", Map.of());
            String postings = "/api/v1/billers/" + b.bid() + "/postings";
            com.fasterxml.jackson.databind.JsonNode parked = null;
            for (int i = 0; i < 100 && parked == null; i++) {
                Reply r = getJson(postings + "?status=parked", b.apiKey());
                for (com.fasterxml.jackson.databind.JsonNode p : r.json()) {
                    if (p.path("kind").asText().equals("POSTBACK")) {
                        parked = p;
                    }
                }
                Thread.sleep(100);
            }
            assertThat(parked).as("parked after the retries").isNotNull();
            assertThat(parked.path("lastError").asText()).isEqualTo("HTTP 503: status 503");
            assertThat(parked.path("attempts").asInt()).isGreaterThan(1);
            int tries = 0;
            while (partner.poll() != null) {
                tries++;
            }
            assertThat(tries).isEqualTo(parked.path("attempts").asInt());

            partner.answer(200, null);
            Reply retried = send(request(postings + "/" + parked.path("postingId").asText() + "/retry").header("X-Api-Key", b.apiKey())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"partner fixed\"}")));
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            PostbackReceiver.Received r = partner.next(20);
            assertThat(r.id()).as("the same posting id on every attempt").isEqualTo(parked.path("postingId").asText());
            assertThat(r.verifies(PayNowPartner.SECRET)).isTrue();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    PayNowSessions sessions;

    @Test
    void sessionsThatExpiredUnpaidArePurgedAndPaidOnesKept() throws Exception {
        TestBiller b = partnerBiller();
        String body = "{\"CreateCustomerRecord\":true,\"Customers\":[{\"AccountNumber\":\"8401-1\",\"Invoices\":"
                + "[{\"InvoiceNumber\":\"G-1\",\"BalanceDue\":5}]}]}";
        String paid = page(b, body);
        form(paid + "/review", card(b, "4111111111111111"));
        form(paid + "/confirm", Map.of());
        page(b, body);
        send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(count("select count(*) from paynow_session where biller_id = ?", b.bid())).isEqualTo(3);
        jdbc.sql("update paynow_session set expires_at = now() - interval '8 days' where biller_id = ?").param(b.bid()).update();
        while (sessions.purgeUnpaid(java.time.OffsetDateTime.now().minusDays(7), 1000) == 1000) {
            // other tests' sessions may be purged too; they expired a week ago as well
        }
        assertThat(count("select count(*) from paynow_session where biller_id = ?", b.bid())).as("the paid one stays").isEqualTo(1);
        assertThat(count("select count(*) from paynow_payment where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void theBillImageIsOfferedOnlyWhenThePartnerAllowsIt() throws Exception {
        TestBiller b = partnerBiller();
        try (org.ratepayer.cissim.CisSimulator cis = org.ratepayer.cissim.CisSimulator.builder().host("127.0.0.1").cbPort(0)
                .eprintPort(0).adminPort(0).credentials("InvoiceCloud", "pw").build().start()) {
            warmedUp(cis);
            billerService.setSetting(b.bid(), 20, com.fasterxml.jackson.databind.node.TextNode.valueOf(cis.eprintUrl()), "test");
            upload(b, b.webServiceKey(), "f.bif", new org.ratepayer.BifText(b.guidText())
                    .invoice("850110000001", "8501-1", "10/01/2026", "88.10", null).text());
            cis.state().putAccount(org.ratepayer.cissim.CisAccount.of("8501-1",
                    org.ratepayer.cissim.PayableCharge.of("Electric", "88.10", "0")));
            String request = """
                    {"Customers": [{"AccountNumber": "8501-1", "Invoices": [{"InvoiceNumber": "850110000001", "BalanceDue": 20}]}],
                     "PageResultOptions": {"InvoiceOptions": {"AllowViewStatement": %s}}}""";
            String page = page(b, request.formatted("true"));
            assertThat(send(request(page).GET()).body()).contains("id=\"bill-850110000001\"").doesNotContain(cis.eprintUrl());
            var pdf = http.send(request(page + "/bill/0").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(send(request(page + "/bill/7").GET()).status()).isEqualTo(404);

            String without = page(b, request.formatted("false"));
            assertThat(send(request(without).GET()).body()).doesNotContain("id=\"bill-");
            assertThat(send(request(without + "/bill/0").GET()).status()).isEqualTo(404);
        }
    }

    @Test
    void theLastInvoiceCannotBeRemovedAndPayWithoutReviewPaysNothing() throws Exception {
        TestBiller b = partnerBiller();
        String page = page(b, """
                {"CreateCustomerRecord": true, "Customers": [{"AccountNumber": "8101-1", "Invoices": [
                    {"InvoiceNumber": "L-1", "BalanceDue": 10}, {"InvoiceNumber": "L-2", "BalanceDue": 11}]}]}
                """);
        assertThat(form(page + "/remove", Map.of("item", "8101-1/L-1")).status()).isEqualTo(302);
        assertThat(form(page + "/remove", Map.of("item", "8101-1/L-2")).body()).contains("At least one invoice must stay in the payment.");
        assertThat(form(page + "/remove", Map.of("item", "9999-1/X")).body()).contains("That invoice cannot be removed.");
        assertThat(send(request(page).GET()).body()).contains("id=\"total\">$11.00<").contains("id=\"restore-L-1\"");
        Reply confirm = form(page + "/confirm", Map.of());
        assertThat(confirm.status()).isEqualTo(302);
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        assertThat(form("/paynow/p/forged-page-key/confirm", Map.of()).status()).isEqualTo(410);
    }
}
