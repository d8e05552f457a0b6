package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.paynow.PayNowPartner;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hosted card fields (docs/hosted-fields.md), in a real headless Chromium and over plain HTTP: payers pay on the payment
 * page, the Pay Now page and the portal by typing the card into the sandbox processor's frame, served from its own
 * origin, and a sweep of every request the browser made, of every text column of the database and of the application's
 * log shows the card number went to the processor's origin only. The pages' Content-Security-Policy adds exactly the
 * processor's origins; Stripe's fields are Stripe.js; a card number posted to Ratepayer under hosted entry is refused
 * whole; Pay Now's swipe is there only under DIRECT.
 */
@Tag("browser")
class HostedFieldsIT extends CisPageIT {

    /** A valid test Visa that no other test uses, so that finding it anywhere means these payments put it there. */
    private static final String CARD = "4012888888881881";

    private static final String PAY_NOW_CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    @Autowired
    PayerDirectory directory;

    private String sandboxOrigin() {
        return sandboxFields.origin();
    }

    private TestBiller billerWithAccount(String account, String amount) {
        return withBill(refreshingBiller(), account, amount);
    }

    private TestBiller partnerBiller() {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        billerService.setOption(b.bid(), 40, null, com.fasterxml.jackson.databind.node.BooleanNode.FALSE, "test");
        billerService.setOption(b.bid(), 41, null, TextNode.valueOf("ANY_INVOICE"), "test");
        return b;
    }

    /** A Pay Now session for one invoice, opened at its payment form: the page's path. */
    private String payNowPage(TestBiller b, String account, String invoice, String extra) throws Exception {
        Reply r = send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"CreateCustomerRecord": true, "PageLoadOverride": 1, %s
                         "Customers": [{"AccountNumber": "%s", "Invoices": [{"InvoiceNumber": "%s", "BalanceDue": "30.00"}]}]}
                        """.formatted(extra, account, invoice))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return PayNowPartner.open(http, r.json().path("Data").path("CloudPaymentURL").asText());
    }

    /** The Content-Security-Policy the page the browser shows was sent with (fetched again with its session). */
    private String cspOfCurrentPage() {
        return String.valueOf(browser.script("""
                const done = arguments[arguments.length - 1];
                fetch(location.href).then(r => done(r.headers.get('content-security-policy')));
                """));
    }

    private Reply post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    @Test
    void aCardTypedInTheProcessorsFieldsReachesTheProcessorOnlyOnThePaymentPagePayNowAndThePortal() throws Exception {
        browser.close();
        browser = HeadlessChromium.open(true);
        String sandboxCsp = "script-src 'self' " + sandboxOrigin() + "; frame-src 'self' " + sandboxOrigin();

        // The one-time payment page.
        TestBiller b = billerWithAccount("5101-1", "88.10");
        browser.findAccount(url("/pay/" + b.bid()), "5101-1", "49331");
        assertThat(cspOfCurrentPage()).isEqualTo("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; " + sandboxCsp);
        assertThat(browser.has("cardNumber")).as("no card field of the platform's own").isFalse();
        browser.assertAccessible("the account page with the processor's hosted fields");
        browser.inHostedFields("CARD", () -> browser.assertAccessible("the sandbox processor's card fields"));
        browser.payByCard("88.10", CARD);
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1881");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");

        // Pay Now, where the partner allowed a swipe reader: none under hosted fields.
        TestBiller p = partnerBiller();
        browser.get(url(payNowPage(p, "5201-1", "HF-1", "\"AllowSwipe\": true,")));
        assertThat(browser.has("swipe")).as("no swipe under hosted fields").isFalse();
        assertThat(cspOfCurrentPage()).isEqualTo(PAY_NOW_CSP.replace("script-src 'self'", "script-src 'self' " + sandboxOrigin())
                + "; frame-src 'self' " + sandboxOrigin());
        browser.assertAccessible("the Pay Now page with the processor's hosted fields");
        browser.click("method-ach");
        browser.inHostedFields("ACH", () -> browser.assertAccessible("the sandbox processor's bank fields"));
        browser.click("method-card");
        browser.typeCard(CARD);
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1881");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");

        // The portal: pay and save the card to the wallet, its expiry from the processor's answer.
        TestBiller w = billerWithAccount("5301-1", "40.00");
        String user = "hf" + w.bid();
        directory.register(w.bid(), user, user + "@example.com", List.of("5301-1"), "correct horse battery staple");
        browser.get(url("/portal/" + w.bid()));
        browser.fill("username", user);
        browser.fill("password", "correct horse battery staple");
        browser.click("sign-in");
        browser.get(url("/portal/" + w.bid() + "/accounts/5301-1/pay"));
        assertThat(cspOfCurrentPage()).endsWith(sandboxCsp);
        browser.assertAccessible("the portal pay page with the processor's hosted fields");
        browser.fill("amount", "40.00");
        browser.typeCard(CARD);
        browser.click("saveMethod");
        browser.click("review");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("wallet-notice")).isEqualTo("VISA ending 1881 is saved in your wallet.");
        browser.click("nav-wallet");
        assertThat(browser.text("method-expiry-0")).isEqualTo("Expires 12/2099");
        browser.click("add-method");
        assertThat(cspOfCurrentPage()).endsWith(sandboxCsp);
        browser.assertAccessible("the portal's add-a-method page with the processor's hosted fields");

        // Every request the browser made: the card number went to the processor's origin, and nowhere else.
        List<HeadlessChromium.SentRequest> sent = browser.requestsSent();
        List<HeadlessChromium.SentRequest> withCard = sent.stream()
                .filter(r -> (r.url() + r.body()).replaceAll("[\\s-]|%20|\\+", "").contains(CARD)).toList();
        assertThat(withCard).as("the three cards typed, each sent to the processor").hasSize(3)
                .allSatisfy(r -> assertThat(r.url()).isEqualTo(sandboxOrigin() + "/sandbox-processor/tokens"));
        assertThat(sent).as("the pages did post to the platform").anyMatch(r -> origin(r.url()).equals(origin(url("/")))
                && r.method().equals("POST") && r.body().contains("methodToken=tok_sbx_"));

        // Nor is it anywhere in the database, or in the application's log.
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                """).query().listOfRows();
        assertThat(columns).hasSizeGreaterThan(50);
        for (Map<String, Object> c : columns) {
            long found = jdbc.sql("select count(*) from \"" + c.get("table_name") + "\" where \"" + c.get("column_name")
                    + "\"::text like '%" + CARD + "%'").query(Long.class).single();
            assertThat(found).as(c.get("table_name") + "." + c.get("column_name")).isZero();
        }
        assertThat(Files.readString(Path.of("target/test-logs/platform-it.log"))).doesNotContain(CARD);
        assertThat(jdbc.sql("select last4 from payment where biller_id in (?, ?, ?) order by last4").params(b.bid(), p.bid(), w.bid())
                .query(String.class).list()).containsExactly("1881", "1881", "1881");
    }

    @Test
    void theStripePageLoadsStripeJsWithThePublishableKeyAndItsCspAllowsExactlyStripesOrigins() throws Exception {
        TestBiller b = partnerBiller();
        String base = "/api/v1/billers/" + b.bid();
        assertThat(operatorPut(base + "/settings/1017", "{\"value\":\"STRIPE\"}").status()).isEqualTo(200);

        // No publishable key yet: no fields can be shown, the page says so.
        HttpResponse<String> without = http.send(request(payNowPage(b, "5401-1", "ST-1", "")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(without.body()).contains("id=\"hosted-unavailable\"").doesNotContain("id=\"hosted-fields\"")
                .doesNotContain("id=\"cardNumber\"");
        assertThat(without.headers().firstValue("Content-Security-Policy")).contains(PAY_NOW_CSP);

        Reply secret = operatorPut(base + "/settings/1020", "{\"value\":\"sk_test_abcdefgh12345678\"}");
        assertThat(secret.status()).isEqualTo(422);
        assertThat(secret.body()).contains("setting 1020").contains("not a Stripe publishable key");
        assertThat(operatorPut(base + "/settings/1020", "{\"value\":\"pk_test_HostedFields12345\"}").status()).isEqualTo(200);

        HttpResponse<String> page = http.send(request(payNowPage(b, "5401-1", "ST-2", "")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String name = billerService.cachedBiller(b.bid()).name();
        String authorization = "If you pay from a bank account: I authorize " + name + " to debit the bank account I connect in the"
                + " secure bank form for the amount shown when I pay and, if I save the account, for the payments I make with it later,"
                + " through its payment processor Stripe. I can revoke the authorization of a saved account by removing it from my"
                + " wallet or by contacting " + name + ".";
        // cards in the Card Element; bank accounts in Stripe's own bank form on a SetupIntent of the platform's endpoint, with
        // the authorization the payer accepts shown on the page (docs/processors.md, "Bank accounts at Stripe")
        assertThat(page.body()).contains("id=\"hosted-fields\" data-processor=\"stripe\"")
                .contains("data-config=\"{&quot;achAuthorization&quot;:&quot;" + authorization.replace("'", "&#39;")
                        + "&quot;,&quot;methods&quot;:&quot;CARD,ACH&quot;,&quot;publishableKey&quot;:&quot;pk_test_HostedFields12345&quot;,"
                        + "&quot;setupIntentUrl&quot;:&quot;/hosted-fields/stripe/" + b.guid() + "/setup-intent&quot;}\"")
                .contains("data-script=\"https://js.stripe.com/v3/\"").contains("src=\"/js/hosted-fields.js\"")
                .contains("id=\"method-card\"").contains("id=\"method-ach\"")
                .contains("<p id=\"ach-authorization\">" + authorization.replace("'", "&#39;") + "</p>")
                .doesNotContain("id=\"cardNumber\"").doesNotContain("id=\"bankAccountNumber\"").doesNotContain("sk_test");
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(PAY_NOW_CSP.replace("script-src 'self'",
                "script-src 'self' https://js.stripe.com") + "; frame-src 'self' https://js.stripe.com https://hooks.stripe.com"
                + "; connect-src 'self' https://api.stripe.com");

        // DIRECT would post card numbers to Ratepayer, which Stripe refuses from servers.
        Reply direct = operatorPut(base + "/settings/1019", "{\"value\":\"DIRECT\"}");
        assertThat(direct.status()).isEqualTo(422);
        assertThat(direct.body()).contains("setting 1019").contains("DIRECT card entry needs a processor that takes card numbers");
        assertThat(billerService.cachedConfig(b.bid()).setting(1019)).isEmpty();
    }

    @Test
    void underHostedFieldsACardNumberOrSwipePostedToThePlatformIsRefusedWholeAndSwipeComesBackUnderDirect() throws Exception {
        TestBiller b = partnerBiller();
        String page = payNowPage(b, "5501-1", "HR-1", "\"AllowSwipe\": true,");
        String html = send(request(page).GET()).body();
        assertThat(html).contains("id=\"hosted-fields\" data-processor=\"sandbox\"").contains("id=\"methodToken\"")
                .contains("<noscript>").doesNotContain("id=\"swipe\"").doesNotContain("id=\"cardNumber\"")
                .doesNotContain("id=\"routingNumber\"");

        for (Map<String, String> posted : List.of(
                Map.of("method", "CARD", "cardNumber", "4111111111111111", "expMonth", "12", "expYear", "2099"),
                Map.of("method", "CARD", "methodToken", sandboxCardToken(b, "4111111111111111"), "cvv", "123"),
                Map.of("method", "CARD", "swipe", "%B4111111111111111^F/IRIS^9912101000000000000?"),
                Map.of("method", "ACH", "routingNumber", "011000015", "bankAccountNumber", "123456789"))) {
            Reply r = post(page + "/review", posted);
            assertThat(r.status()).as(posted.keySet().toString()).isEqualTo(400);
            assertThat(r.body()).contains("<h2>Card details not taken here</h2>")
                    .contains("taken only in the payment processor&#39;s secure fields").contains("Nothing was stored or charged");
        }
        assertThat(count("select count(*) from sandbox_token where biller_id = ?", b.bid())).as("only the one token made above")
                .isEqualTo(1);
        assertThat(jdbc.sql("select coalesce(pending::text, '') from paynow_session where biller_id = ?").param(b.bid())
                .query(String.class).single()).as("nothing held").isEmpty();

        // Tokens the page cannot use: none, another biller's, one of the other method.
        TestBiller other = partnerBiller();
        for (Map<String, String> posted : List.of(Map.of("method", "CARD"),
                Map.of("method", "CARD", "methodToken", sandboxCardToken(other, "4111111111111111")),
                Map.of("method", "CARD", "methodToken", sandboxBankToken(b, "011000015", "123456789")))) {
            Reply r = post(page + "/review", posted);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("The card or bank details could not be used. Enter them again in the secure fields.");
        }
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        // The right one: reviewed.
        Map<String, String> good = new LinkedHashMap<>(Map.of("method", "CARD", "methodToken", sandboxCardToken(b, "4111111111111111")));
        assertThat(post(page + "/review", good).body()).contains("id=\"review-total\">$30.00<");

        // DIRECT: the page's own card fields and the swipe are back, and no processor origin in the policy.
        billerService.setSetting(b.bid(), 1019, TextNode.valueOf("DIRECT"), "test");
        HttpResponse<String> direct = http.send(request(payNowPage(b, "5502-1", "HR-2", "\"AllowSwipe\": true,")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.body()).contains("id=\"swipe\"").contains("id=\"cardNumber\"").doesNotContain("id=\"hosted-fields\"");
        assertThat(direct.headers().allValues("Content-Security-Policy")).containsExactly(PAY_NOW_CSP);
        Reply toStripe = operatorPut("/api/v1/billers/" + b.bid() + "/settings/1017", "{\"value\":\"STRIPE\"}");
        assertThat(toStripe.status()).as("Stripe takes no card numbers from servers").isEqualTo(422);
        assertThat(toStripe.body()).contains("setting 1017").contains("card entry is DIRECT (setting 1019)");
    }

    @Test
    void theSandboxProcessorAnswersOnlyOnItsOwnOriginAndOnlyItsOwnFrames() throws Exception {
        TestBiller b = newBiller();
        String key = "pk_sandbox_" + b.bid() + "_" + b.guid().toString().replace("-", "");
        assertThat(send(request("/sandbox-processor/fields.js").GET()).status()).as("not on the platform's origin").isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(sandboxFields.base() + "/pay/" + b.bid())).GET()).status())
                .as("the platform's pages not on the processor's").isEqualTo(404);
        Reply script = send(HttpRequest.newBuilder(URI.create(sandboxFields.base() + "/sandbox-processor/fields.js")).GET());
        assertThat(script.status()).isEqualTo(200);

        HttpResponse<String> fields = http.send(HttpRequest.newBuilder(URI.create(sandboxFields.base()
                + "/sandbox-processor/fields?method=CARD&key=" + key)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fields.statusCode()).isEqualTo(200);
        assertThat(fields.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'; script-src 'self'; "
                + "style-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; object-src 'none'; frame-ancestors "
                + origin(url("/")) + " http://localhost:* http://127.0.0.1:* https://localhost:* https://127.0.0.1:*");
        assertThat(fields.headers().allValues("X-Frame-Options")).isEmpty();
        assertThat(fields.body()).contains("data-parent-origin=\"" + origin(url("/")) + "\"").contains("id=\"cardNumber\"");

        Reply noOrigin = send(HttpRequest.newBuilder(URI.create(sandboxFields.base() + "/sandbox-processor/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"key\":\"" + key + "\",\"cardNumber\":\"4111111111111111\",\"expMonth\":\"12\",\"expYear\":\"2099\"}")));
        assertThat(noOrigin.status()).as("only the processor's own frame makes tokens").isEqualTo(403);
        Reply unknownKey = send(HttpRequest.newBuilder(URI.create(sandboxFields.base() + "/sandbox-processor/tokens"))
                .header("Origin", sandboxFields.origin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"pk_sandbox_" + b.bid() + "_" + "0".repeat(32)
                        + "\",\"cardNumber\":\"4111111111111111\",\"expMonth\":\"12\",\"expYear\":\"2099\"}")));
        assertThat(unknownKey.status()).as("a key that names no biller").isEqualTo(400);
        assertThat(unknownKey.json().path("error").asText()).isEqualTo("This payment form is not set up correctly. Please contact the biller.");
        Reply expired = sandboxToken(b, Map.of("cardNumber", "4111111111111111", "expMonth", "1", "expYear", "2001"));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().path("error").asText()).startsWith("Check the card's expiry date");
        assertThat(count("select count(*) from sandbox_token where biller_id = ?", b.bid())).isZero();
    }
}
