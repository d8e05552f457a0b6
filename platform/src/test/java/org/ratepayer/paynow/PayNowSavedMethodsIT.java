package org.ratepayer.paynow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pay Now with a RemoteAuthenticationToken offers the signed-on user's saved methods and pays with the one chosen
 * (docs/paynow.md); a session without a user shows none, and another user's method id posted by hand is refused with
 * nothing held or charged. Plain HTTP, like a payer who writes the form by hand.
 */
class PayNowSavedMethodsIT extends PlatformIT {

    @Autowired
    PayerDirectory directory;
    @Autowired
    Wallet wallet;
    @Autowired
    PaymentService payments;

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

    private SavedPaymentMethod saveCard(long bid, long userId, String number) {
        return wallet.save(bid, userId, payments.tokenize(bid, new CardDetails(number, 12, 2099, "123", "49331"), null), 12, 2099,
                null, false);
    }

    private String pending(TestBiller b, String account) {
        return jdbc.sql("""
                select coalesce(pending::text, '') from paynow_session where biller_id = ? and request::text like ?
                """).params(b.bid(), "%" + account + "%").query(String.class).single();
    }

    private static String body(String account, String invoice, String token) {
        return """
                {"PageLoadOverride": 1, %s"Customers": [{"AccountNumber": "%s", "Invoices": [{"InvoiceNumber": "%s"}]}]}
                """.formatted(token == null ? "" : "\"RemoteAuthenticationToken\": \"" + token + "\", ", account, invoice);
    }

    @Test
    void aSignedOnUsersSavedMethodIsOfferedAndChargedAndNoOtherUsersMethodIsEver() throws Exception {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        assertThat(upload(b, b.webServiceKey(), "s.bif", new BifText(b.guidText())
                .invoice("INV-SM-1", "8401-1", "10/01/2026", "30.00", null)
                .invoice("INV-SM-2", "8402-1", "10/01/2026", "40.00", null).text()).status()).isEqualTo(201);
        long rita = directory.register(b.bid(), "rita", "rita@example.org", List.of("8401-1"), null).payer().userId();
        long sam = directory.register(b.bid(), "sam", "sam@example.org", List.of("8402-1"), null).payer().userId();
        SavedPaymentMethod ritas = saveCard(b.bid(), rita, "4111111111111111");
        SavedPaymentMethod sams = saveCard(b.bid(), sam, "5555555555554444");

        String page = page(b, body("8401-1", "INV-SM-1", directory.mintSignOn(b.bid(), "rita", null).token()));
        String html = send(request(page).GET()).body();
        assertThat(html).contains("Pay with a saved payment method")
                .contains("value=\"" + ritas.id() + "\"").contains("VISA ending 1111, expires 12/2099 (default)")
                .doesNotContain(sams.id().toString()).doesNotContain("ending 4444")
                .as("a new card or bank account is still offered").contains("id=\"saved-new\"").contains("id=\"hosted-fields\"")
                .contains("id=\"method-ach\"");
        assertThat(html.indexOf("value=\"" + ritas.id() + "\" checked")).as("the default is chosen").isPositive();

        Reply stolen = form(page + "/review", Map.of("savedMethod", sams.id().toString(), "payerEmail", ""));
        assertThat(stolen.status()).isEqualTo(200);
        assertThat(stolen.body()).contains("That saved payment method is not available here.").doesNotContain("ending 4444");
        assertThat(form(page + "/review", Map.of("savedMethod", "not-an-id")).body())
                .contains("That saved payment method is not available here.");
        assertThat(pending(b, "8401-1")).as("nothing held").isEmpty();
        assertThat(form(page + "/confirm", Map.of()).status()).isEqualTo(302);
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).as("nothing charged").isZero();

        Reply review = form(page + "/review", Map.of("savedMethod", ritas.id().toString(), "payerEmail", "rita@example.org"));
        assertThat(review.body()).contains("id=\"review-total\">$30.00<").contains("1111");
        assertThat(form(page + "/confirm", Map.of()).status()).isEqualTo(302);
        String ritasToken = jdbc.sql("select token from payer_method where method_guid = ?").param(ritas.id()).query(String.class).single();
        assertThat(jdbc.sql("""
                select account_number || ' ' || invoice_number || ' ' || amount || ' ' || channel || ' ' || status || ' ' || last4
                from payment where biller_id = ? and method_token = ?
                """).params(b.bid(), ritasToken).query(String.class).list())
                .containsExactly("8401-1 INV-SM-1 30.00 CPV2 APPROVED 1111");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
        assertThat(send(request(page + "/receipt").GET()).body()).contains("Thank you, your payment was approved");

        // Without a token nobody is signed on: no saved method shown, and an id posted by hand pays nothing.
        String anonymous = page(b, body("8402-1", "INV-SM-2", null));
        assertThat(send(request(anonymous).GET()).body()).doesNotContain("savedMethod").doesNotContain("saved payment method")
                .contains("id=\"hosted-fields\"");
        assertThat(form(anonymous + "/review", Map.of("savedMethod", sams.id().toString())).body())
                .contains("That saved payment method is not available here.");
        assertThat(pending(b, "8402-1")).isEmpty();
        form(anonymous + "/confirm", Map.of());
        assertThat(count("select count(*) from payment where biller_id = ? and account_number = '8402-1'", b.bid())).isZero();
    }
}
