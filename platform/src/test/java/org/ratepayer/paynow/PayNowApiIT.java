package org.ratepayer.paynow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.shared.web.KeyKind;

/**
 * {@code POST /cloudpaymentsapi/v2} as a partner portal calls it (SPEC C7): the seed's request and its
 * lenient variants create sessions and records; every malformed or hostile request gets its documented
 * error and changes nothing in the database.
 */
class PayNowApiIT extends PlatformIT {

    private static final String SEED_ORIGIN = "https://www.yourdomain.com";

    private String seed() throws Exception {
        return new String(PayNowRequestParserTest.seed(), StandardCharsets.UTF_8);
    }

    private Reply post(String key, String body) {
        HttpRequest.Builder b = request("/cloudpaymentsapi/v2").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", PayNowPartner.basic(key));
        }
        return send(b);
    }

    private TestBiller partnerBiller() {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), SEED_ORIGIN + " https://portal.example");
        return b;
    }

    /** Everything a refused request must leave as it was. */
    private List<Long> state(long bid) {
        return List.of(count("select count(*) from account where biller_id = ?", bid),
                count("select count(*) from invoice where biller_id = ?", bid),
                count("select count(*) from invoice_file where biller_id = ?", bid),
                count("select count(*) from paynow_session where biller_id = ?", bid),
                count("select coalesce(sum(total_amount_due * 100), 0)::bigint from invoice where biller_id = ?", bid),
                count("select count(*) from account where biller_id = ? and customer_name = 'Changed'", bid));
    }

    @Test
    void theSeedRequestCreatesTheCustomerTheInvoiceAndAOneTimeLink() throws Exception {
        TestBiller b = partnerBiller();
        Reply r = post(b.cpv2Key(), seed());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String link = r.json().path("Data").path("CloudPaymentURL").asText();
        assertThat(link).startsWith(url("/paynow/")).matches(".*/paynow/[A-Za-z0-9_-]{43}");
        assertThat(r.json().size()).isEqualTo(1);

        Map<String, Object> account = jdbc.sql("select customer_name, address1, city, state, zip, email from account "
                + "where biller_id = ? and account_number = 'ACCT-TEST-001'").param(b.bid()).query().singleRow();
        assertThat(account).containsEntry("customer_name", "John S").containsEntry("address1", "123 Main Street")
                .containsEntry("city", "Tampa").containsEntry("state", "FL").containsEntry("zip", "12345")
                .containsEntry("email", "none@none.com");
        Map<String, Object> invoice = jdbc.sql("select account_number, total_amount_due, cc_service_fee, ach_service_fee, due_date, "
                + "invoice_date, invoice_type_id, status from invoice where biller_id = ? and invoice_number = 'INV-TEST-001'")
                .param(b.bid()).query().singleRow();
        assertThat(invoice).containsEntry("account_number", "ACCT-TEST-001").containsEntry("total_amount_due", new BigDecimal("10.00"))
                .containsEntry("cc_service_fee", new BigDecimal("1.00")).containsEntry("ach_service_fee", new BigDecimal("1.00"))
                .containsEntry("invoice_type_id", 6).containsEntry("status", "OPEN");
        assertThat(invoice.get("due_date").toString()).isEqualTo("2099-08-20");
        assertThat(count("select count(*) from invoice_file where biller_id = ? and source = 'CPV2' and invoices = 1", b.bid())).isEqualTo(1);
        assertThat(count("select count(*) from paynow_session where biller_id = ? and environment = 'TEST' "
                + "and expires_at between now() + interval '29 minutes' and now() + interval '31 minutes'", b.bid())).isEqualTo(1);

        String page = PayNowPartner.open(http, link);
        assertThat(page).startsWith("/paynow/p/");
        assertThat(PayNowPartner.open(http, link)).as("the link works once").isEqualTo("HTTP 410");
        Reply opened = send(request(page).GET());
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("INV-TEST-001").contains("John S").contains("10.00");
    }

    @Test
    void lenientValuesSeveralCustomersAndTheRequestBalanceWinsOverTheStoredInvoice() throws Exception {
        TestBiller b = partnerBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice("INV-STORED-1", "5001-1", "10/01/2026", "88.10", null).text()).status()).isEqualTo(201);
        String body = """
                {"createCustomerRecord": "true",
                 "customers": [
                   {"accountNumber": "5001-1", "name": "Changed", "invoices": [
                      {"invoiceNumber": "INV-STORED-1", "balanceDue": "42.00"}]},
                   {"AccountNumber": "5002-1", "Name": "Ana B", "DisplayAccountNumber": "5002 / 1", "Invoices": [
                      {"InvoiceNumber": "N-1", "BalanceDue": "12.50", "CCServiceFee": null, "ACHServiceFee": null,
                       "DueDate": "2099-09-01", "InvoiceDate": "10/02/2026", "TypeID": "42"},
                      {"InvoiceNumber": "N-2", "BalanceDue": 7, "ccservicefee": "0.95", "AchServiceFee": 0.5,
                       "DueDate": "09/15/2099", "AllowPartialPayments": true, "MinimumAmountDue": "2.00"}]}],
                 "viewMode": "1", "ReturnURL": "https://portal.example/done", "CssUrl": "https://portal.example/brand.css",
                 "PostBackURL": "https://portal.example/pb", "BillerReference": 12345}
                """;
        Reply r = post(b.cpv2Key(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(jdbc.sql("select total_amount_due from invoice where biller_id = ? and invoice_number = 'INV-STORED-1'")
                .param(b.bid()).query(BigDecimal.class).single()).as("EBPP-8383").isEqualByComparingTo("42.00");
        assertThat(jdbc.sql("select customer_name from account where biller_id = ? and account_number = '5001-1'")
                .param(b.bid()).query(String.class).single()).isEqualTo("Changed");
        Map<String, Object> n1 = jdbc.sql("select total_amount_due, cc_service_fee, ach_service_fee, due_date, invoice_date, invoice_type_id "
                + "from invoice where biller_id = ? and invoice_number = 'N-1'").param(b.bid()).query().singleRow();
        assertThat(n1.get("total_amount_due")).isEqualTo(new BigDecimal("12.50"));
        assertThat(n1.get("cc_service_fee")).isNull();
        assertThat(n1.get("ach_service_fee")).isNull();
        assertThat(n1.get("due_date").toString()).isEqualTo("2099-09-01");
        assertThat(n1.get("invoice_date").toString()).isEqualTo("2026-10-02");
        assertThat(n1.get("invoice_type_id")).isEqualTo(42);
        assertThat(jdbc.sql("select due_date from invoice where biller_id = ? and invoice_number = 'N-2'").param(b.bid())
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2099, 9, 15));

        // The page is framed only by the partner's origins and loads its stylesheet.
        String page = PayNowPartner.open(http, r.json().path("Data").path("CloudPaymentURL").asText());
        var response = http.send(request(page).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors https://www.yourdomain.com https://portal.example")
                .contains("style-src 'self' https://portal.example");
        assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session cookie").isEmpty();
        assertThat(response.body()).contains("href=\"https://portal.example/brand.css\"").contains("5002 / 1")
                .contains("42.00").contains("12.50").contains("7.00");
    }

    @Test
    void withoutCreateCustomerRecordTheStoredRecordsStayAndTheRequestAmountIsOffered() throws Exception {
        TestBiller b = partnerBiller();
        upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText()).invoice("INV-S-1", "5101-1", "10/01/2026", "88.10", null).text());
        List<Long> before = state(b.bid());
        Reply r = post(b.cpv2Key(), """
                {"Customers":[{"AccountNumber":"5101-1","Name":"Changed","Invoices":[{"InvoiceNumber":"INV-S-1","BalanceDue":"20.00"}]}]}
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> after = state(b.bid());
        assertThat(after.subList(0, 3)).isEqualTo(before.subList(0, 3));
        assertThat(after.get(4)).as("stored amount unchanged").isEqualTo(before.get(4));
        assertThat(after.get(5)).isZero();
        String page = PayNowPartner.open(http, r.json().path("Data").path("CloudPaymentURL").asText());
        assertThat(send(request(page).GET()).body()).contains("20.00").doesNotContain("88.10");

        // No invoices sent: the account's newest open invoice is offered, as stored.
        Reply none = post(b.cpv2Key(), "{\"Customers\":[{\"AccountNumber\":\"5101-1\"}],\"PageLoadOverride\":1}");
        assertThat(none.status()).isEqualTo(200);
        String page2 = PayNowPartner.open(http, none.json().path("Data").path("CloudPaymentURL").asText());
        assertThat(send(request(page2).GET()).body()).contains("INV-S-1").contains("88.10").contains("id=\"hosted-fields\"");
    }

    @Test
    void credentialsOtherThanThisBillersPayNowKeyOfThisEnvironmentAreRefused() throws Exception {
        TestBiller a = partnerBiller();
        TestBiller other = partnerBiller();
        upload(a, a.webServiceKey(), "f.bif", new BifText(a.guidText()).invoice("INV-A-1", "5201-1", "10/01/2026", "88.10", null).text());
        List<Long> beforeA = state(a.bid());
        List<Long> beforeOther = state(other.bid());
        String prodCpv2 = billerService.revealKeys(a.bid(), Environment.PROD).stream().filter(k -> k.kind() == KeyKind.CPV2)
                .map(IssuedKey::key).findFirst().orElseThrow();
        String seed = seed();
        for (String key : new String[] {null, "rp_test_cp_not-a-key", a.apiKey(), a.webServiceKey(), prodCpv2}) {
            Reply r = post(key, seed);
            assertThat(r.status()).as(String.valueOf(key)).isEqualTo(401);
            assertThat(r.json().path("detail").asText()).contains("Authorization: Basic base64(APIKey)");
        }
        Reply bearer = send(request("/cloudpaymentsapi/v2").header("Authorization", "Bearer " + a.cpv2Key())
                .POST(HttpRequest.BodyPublishers.ofString(seed)));
        assertThat(bearer.status()).isEqualTo(401);
        Reply notBase64 = send(request("/cloudpaymentsapi/v2").header("Authorization", "Basic %%%")
                .POST(HttpRequest.BodyPublishers.ofString(seed)));
        assertThat(notBase64.status()).isEqualTo(401);

        // Another biller's key reaches only that biller: biller A's account is not known there.
        Reply cross = post(other.cpv2Key(), """
                {"Customers":[{"AccountNumber":"5201-1","Name":"Changed","Invoices":[{"InvoiceNumber":"INV-A-1","BalanceDue":1}]}]}
                """);
        assertThat(cross.status()).isEqualTo(400);
        assertThat(cross.json().path("field").asText()).isEqualTo("Customers[0].AccountNumber");
        assertThat(cross.json().path("detail").asText()).contains("account 5201-1 is not known to the biller");
        assertThat(state(a.bid())).isEqualTo(beforeA);
        assertThat(state(other.bid())).isEqualTo(beforeOther);

        // A key with the colon of an empty password, as some HTTP libraries send it, is the same key.
        assertThat(post(a.cpv2Key() + ":", seed).status()).isEqualTo(200);
        // Old clients send any Accept header and any Content-Type; the answer is JSON all the same.
        Reply xml = send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(a.cpv2Key()))
                .header("Accept", "text/xml").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(seed)));
        assertThat(xml.status()).as(xml.body()).isEqualTo(200);
        assertThat(xml.json().path("Data").path("CloudPaymentURL").asText()).contains("/paynow/");
    }

    @Test
    void malformedAndHostileBodiesGetTheFieldAndProblemAndChangeNothing() throws Exception {
        TestBiller b = partnerBiller();
        upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText()).invoice("INV-H-1", "5301-1", "10/01/2026", "88.10", null)
                .invoice("INV-H-2", "5302-1", "10/01/2026", "50.00", null).text());
        String seed = seed();
        Object[][] cases = {
                {"{\n \"Customers\": [\n  {\"AccountNumber\": \"A\",}\n ]\n}", null, "invalid JSON at line 3, column"},
                {seed.replace("\"AllowRegisterAccount\": false", "\"AllowRegisterAccount\": False"), null, "invalid JSON at line 35"},
                {"", null, "a JSON request body is required"},
                {seed.replace("\"AccountNumber\": \"ACCT-TEST-001\",", ""), "Customers[0].AccountNumber", "required"},
                {seed.replace("\"BalanceDue\": 10.00", "\"BalanceDue\": -100000.00"), "Customers[0].Invoices[0].BalanceDue", "is a credit of more than the biller's maximum payment of 99999.99"},
                {seed.replace("\"CCServiceFee\": 1.00", "\"CCServiceFee\": -1.00"), "Customers[0].Invoices[0].CCServiceFee", "must not be negative"},
                {seed.replace("\"BalanceDue\": 10.00", "\"BalanceDue\": 100000.00"), "Customers[0].Invoices[0].BalanceDue", "is more than the biller's maximum payment of 99999.99"},
                {seed.replace("\"BalanceDue\": 10.00", "\"BalanceDue\": \"99999999.00\""), "Customers[0].Invoices[0].BalanceDue", "is more than the biller's maximum payment of 99999.99"},
                {seed.replace("\"BalanceDue\": 10.00", "\"BalanceDue\": 1e999999999"), "Customers[0].Invoices[0].BalanceDue", "is more than the biller's maximum payment of 99999.99"},
                {seed.replace("\"BalanceDue\": 10.00", "\"BalanceDue\": 1e-999999999"), "Customers[0].Invoices[0].BalanceDue", "has more than two decimals"},
                {seed.replace("\"CCServiceFee\": 1.00", "\"CCServiceFee\": 1e6"), "Customers[0].Invoices[0].CCServiceFee", "more than the limit"},
                {seed.replace("https://www.yourdomain.com/postback.aspx", "https://attacker.example/steal"), "PostBackURL", "https://attacker.example is not one of the biller's allowed partner origins"},
                {seed.replace("https://www.yourdomain.com/postback.aspx", "http://www.yourdomain.com/postback.aspx"), "PostBackURL", "not one of the biller's allowed"},
                {seed.replace("https://www.yourdomain.com/postback.aspx", "http://169.254.169.254/latest/meta-data"), "PostBackURL", "not one of the biller's allowed"},
                {seed.replace("\"ReturnURL\": \"\"", "\"ReturnURL\": \"https://phish.example/\""), "ReturnURL", "not one of the biller's allowed"},
                {seed.replace("\"ViewMode\": 0", "\"ViewMode\": 0, \"CssUrl\": \"https://cdn.evil.example/x.css\""), "CssUrl", "not one of the biller's allowed"},
                {seed.replace("\"AllowCCPayment\": true", "\"AllowCCPayment\": false").replace("\"AllowACHPayment\": true", "\"AllowACHPayment\": false"), "AllowCCPayment", "no way to pay"},
                {seed.replace("\"CreateCustomerRecord\": true", "\"CreateCustomerRecord\": false"), "Customers[0].AccountNumber", "account ACCT-TEST-001 is not known to the biller; send CreateCustomerRecord true"},
                {"{\"Customers\":[{\"AccountNumber\":\"5301-1\",\"Invoices\":[{\"InvoiceNumber\":\"NEW-9\",\"BalanceDue\":5}]}]}", "Customers[0].Invoices[0].InvoiceNumber", "invoice NEW-9 is not known to the biller"},
                {"{\"CreateCustomerRecord\":true,\"Customers\":[{\"AccountNumber\":\"5301-1\",\"Name\":\"Changed\",\"Invoices\":[{\"InvoiceNumber\":\"INV-H-2\",\"BalanceDue\":5}]}]}", "Customers[0].Invoices[0].InvoiceNumber", "belongs to another account"},
                {"{\"CreateCustomerRecord\":true,\"Customers\":[{\"AccountNumber\":\"5301-1\",\"Name\":\"Changed\",\"Invoices\":[{\"InvoiceNumber\":\"NEW-1\"}]}]}", "Customers[0].Invoices[0].BalanceDue", "required to create invoice NEW-1"},
                {"{\"CreateCustomerRecord\":true,\"Customers\":[{\"AccountNumber\":\"5301-1\",\"Name\":\"Changed\",\"Invoices\":[{\"InvoiceNumber\":\"INV-H-1\",\"BalanceDue\":0}]}]}", "Customers", "nothing to pay"},
                {"{\"Customers\":[{\"AccountNumber\":\"5301-1\"}],\"ViewMode\":1,\"Extra\":1}", "Extra", "unknown property"},
        };
        List<Long> before = state(b.bid());
        for (Object[] c : cases) {
            Reply r = post(b.cpv2Key(), (String) c[0]);
            assertThat(r.status()).as(c[2] + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().path("type").asText()).isEqualTo("https://ratepayer.org/problems/invalid-request");
            if (c[1] == null) {
                assertThat(r.json().has("field")).isFalse();
            } else {
                assertThat(r.json().path("field").asText()).isEqualTo(c[1]);
            }
            assertThat(r.json().path("detail").asText()).contains((String) c[2]);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
            assertThat(state(b.bid())).as("nothing changed after: " + c[2]).isEqualTo(before);
        }
        Reply huge = post(b.cpv2Key(), "{\"Customers\":[" + "{\"AccountNumber\":\"x\"},".repeat(80_000) + "]}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(state(b.bid())).isEqualTo(before);
    }

    @Test
    void aBillerWithoutOriginsOrSecretCannotTakePostbacks() throws Exception {
        TestBiller b = newBiller();
        Reply r = post(b.cpv2Key(), seed());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asText()).isEqualTo("PostBackURL");
        billerService.setSetting(b.bid(), 1003, com.fasterxml.jackson.databind.node.TextNode.valueOf(SEED_ORIGIN), "test");
        r = post(b.cpv2Key(), seed());
        assertThat(r.json().path("detail").asText()).contains("no postback signing secret yet (setting 1004)");
        String noPostback = seed().replace("\"PostBackURL\": \"https://www.yourdomain.com/postback.aspx \",", "");
        assertThat(post(b.cpv2Key(), noPostback).status()).isEqualTo(200);
    }

    @Test
    void settings1003And1004AreValidatedOnWriteAndTheSecretIsNeverShown() {
        TestBiller b = newBiller();
        String base = "/api/v1/billers/" + b.bid();
        Reply http = operatorPut(base + "/settings/1003", "{\"value\":\"http://portal.example\"}");
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.json().path("detail").asText()).contains("setting 1003").contains("must use https");
        Reply weak = operatorPut(base + "/settings/1004", "{\"value\":\"whsec_c2hvcnQ=\"}");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().path("detail").asText()).contains("setting 1004").doesNotContain("c2hvcnQ");
        assertThat(operatorPut(base + "/settings/1003", "{\"value\":\"https://Portal.Example, https://*.members.example:8443\"}")
                .status()).isEqualTo(200);
        Reply set = operatorPut(base + "/settings/1004", "{\"value\":\"" + PayNowPartner.SECRET + "\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(PayNowPartner.SECRET.substring(6));
        assertThat(set.body()).contains("https://portal.example https://*.members.example:8443");
        assertThat(count("select count(*) from biller_setting where biller_id = ? and setting_id = 1004 and value is null "
                + "and value_cipher is not null", b.bid())).isEqualTo(1);
    }

    @Test
    void partnersRacingToCreateOneInvoiceGetALinkOrARetryNeverAnError() throws Exception {
        TestBiller b = partnerBiller();
        String body = "{\"CreateCustomerRecord\":true,\"Customers\":[{\"AccountNumber\":\"5401-1\",\"Invoices\":"
                + "[{\"InvoiceNumber\":\"RACE-1\",\"BalanceDue\":\"9.99\"}]}]}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> post(b.cpv2Key(), body)));
            }
            for (var f : replies) {
                assertThat(f.get().status()).as(f.get().body()).isIn(200, 409);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count("select count(*) from invoice where biller_id = ? and invoice_number = 'RACE-1'", b.bid())).isEqualTo(1);
        assertThat(count("select count(*) from account where biller_id = ? and account_number = '5401-1'", b.bid())).isEqualTo(1);
    }

    @Test
    void anExpiredLinkIsGone() throws Exception {
        TestBiller b = partnerBiller();
        Reply r = post(b.cpv2Key(), seed());
        jdbc.sql("update paynow_session set expires_at = now() - interval '1 second' where biller_id = ?").param(b.bid()).update();
        String link = r.json().path("Data").path("CloudPaymentURL").asText();
        var gone = http.send(request(link.substring(url("").length())).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("This payment link is no longer valid");
        assertThat(count("select count(*) from paynow_session where biller_id = ? and opened_at is null", b.bid())).isEqualTo(1);
        assertThat(send(request("/paynow/p/not-a-page-key").GET()).status()).isEqualTo(410);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.ratepayer.payers.PayerDirectory payers;

    @Test
    void aRemoteAuthenticationTokenSignsOnItsUserOnceAndOnlyForTheUsersAccounts() {
        TestBiller b = partnerBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice("INV-RA-1", "6601-1", "10/01/2026", "30.00", null)
                .invoice("INV-RA-2", "6602-1", "10/01/2026", "40.00", null).text()).status()).isEqualTo(201);
        long userId = payers.register(b.bid(), "rita", "rita@example.org", List.of("6601-1"), null).payer().userId();
        String token = payers.mintSignOn(b.bid(), "rita", null).token();
        String mine = "{\"Customers\":[{\"AccountNumber\":\"6601-1\",\"Invoices\":[{\"InvoiceNumber\":\"INV-RA-1\"}]}],"
                + "\"RemoteAuthenticationToken\":\"%s\"}";
        String both = "{\"Customers\":[{\"AccountNumber\":\"6601-1\",\"Invoices\":[{\"InvoiceNumber\":\"INV-RA-1\"}]},"
                + "{\"AccountNumber\":\"6602-1\",\"Invoices\":[{\"InvoiceNumber\":\"INV-RA-2\"}]}],"
                + "\"RemoteAuthenticationToken\":\"%s\"}";

        List<Long> before = state(b.bid());
        Reply notHers = post(b.cpv2Key(), both.formatted(token));
        assertThat(notHers.status()).as(notHers.body()).isEqualTo(400);
        assertThat(notHers.json().get("field").asText()).isEqualTo("RemoteAuthenticationToken");
        assertThat(notHers.json().get("detail").asText()).contains("6602-1").contains("Customers[1].AccountNumber");
        assertThat(state(b.bid())).isEqualTo(before);

        Reply ok = post(b.cpv2Key(), mine.formatted(token));
        assertThat(ok.status()).as("a refused request left the token usable: " + ok.body()).isEqualTo(200);
        assertThat(jdbc.sql("select payer_user_id from paynow_session where biller_id = ?").param(b.bid()).query(Long.class).single())
                .isEqualTo(userId);
        assertThat(count("select count(*) from paynow_session where biller_id = ? and request::text like ?", b.bid(), "%" + token + "%"))
                .as("the token is not stored with the session").isZero();

        List<Long> afterOk = state(b.bid());
        Reply reused = post(b.cpv2Key(), mine.formatted(token));
        assertThat(reused.status()).as(reused.body()).isEqualTo(400);
        assertThat(reused.json().get("field").asText()).isEqualTo("RemoteAuthenticationToken");
        assertThat(reused.json().get("detail").asText()).contains("already used or expired");
        Reply unknown = post(b.cpv2Key(), mine.formatted("not-a-token"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("RemoteAuthenticationToken");
        TestBiller other = partnerBiller();
        String othersToken = payers.mintSignOn(b.bid(), "rita", null).token();
        assertThat(post(other.cpv2Key(), mine.formatted(othersToken)).status()).as("another biller's token").isEqualTo(400);
        assertThat(state(b.bid())).isEqualTo(afterOk);

        clock.set(java.time.Instant.now());
        String late = payers.mintSignOn(b.bid(), "rita", null).token();
        clock.advance(java.time.Duration.ofMinutes(2).plusSeconds(1));
        Reply expired = post(b.cpv2Key(), mine.formatted(late));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("field").asText()).isEqualTo("RemoteAuthenticationToken");

        Reply without = post(b.cpv2Key(), "{\"Customers\":[{\"AccountNumber\":\"6602-1\",\"Invoices\":[{\"InvoiceNumber\":\"INV-RA-2\"}]}]}");
        assertThat(without.status()).as(without.body()).isEqualTo(200);
        assertThat(count("select count(*) from paynow_session where biller_id = ? and payer_user_id is null", b.bid())).isEqualTo(1);
    }
}
