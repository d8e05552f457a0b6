package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.paynow.PayNowPartner;

/**
 * Absolute links come from the configured public URL ({@code ratepayer.public-url}; here its default,
 * http://localhost:PORT), never from the Host header a caller chose: otherwise a WSDL or a Pay Now link fetched with
 * {@code Host: evil.example} sends partners and payers, with their keys and cards, to evil.example.
 */
class HostHeaderIT extends PlatformIT {

    private static final Map<String, String> EVIL = Map.of("Host", "evil.example", "X-Forwarded-Host", "evil.example",
            "X-Forwarded-Proto", "https", "Forwarded", "host=evil.example;proto=https");

    @Test
    void theWsdlsSoapAddressIsThePublicUrl() {
        String address = "location=\"" + url("/portal/webservices/CloudInvoicing.asmx") + "\"";
        RawHttp.Answer evil = RawHttp.exchange(port, "GET", "/portal/webservices/CloudInvoicing.asmx?wsdl", EVIL, null);
        assertThat(evil.status()).isEqualTo(200);
        assertThat(evil.body()).contains(address).doesNotContain("evil.example");

        RawHttp.Answer after = RawHttp.exchange(port, "GET", "/portal/webservices/CloudInvoicing.asmx?wsdl", Map.of("Host", "127.0.0.1:" + port), null);
        assertThat(after.body()).as("nobody's Host sticks").contains(address).doesNotContain("127.0.0.1");
    }

    @Test
    void payNowLinksAreOnThePublicUrl() {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        RawHttp.Answer created = RawHttp.exchange(port, "POST", "/cloudpaymentsapi/v2", withEvil(Map.of(
                "Authorization", PayNowPartner.basic(b.cpv2Key()), "Content-Type", "application/json")), """
                {"CreateCustomerRecord": true, "Customers": [{"AccountNumber": "H-1", "Invoices": [
                  {"InvoiceNumber": "H-INV-1", "BalanceDue": 10.00, "DueDate": "08/20/2099"}]}]}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("\"CloudPaymentURL\":\"" + url("/paynow/")).doesNotContain("evil.example");

        String link = created.body().replaceAll("(?s).*\"CloudPaymentURL\":\"[^\"]*(/paynow/[^\"]+)\".*", "$1");
        RawHttp.Answer opened = RawHttp.exchange(port, "GET", link, EVIL, null);
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.header("Location")).startsWith("/paynow/p/");
    }

    @Test
    void redirectsAreRelative() {
        TestBiller b = newBiller();
        RawHttp.Answer toSearch = RawHttp.exchange(port, "GET", "/pay/" + b.bid() + "/account", EVIL, null);
        assertThat(toSearch.status()).isEqualTo(302);
        assertThat(toSearch.header("Location")).isEqualTo("/pay/" + b.bid());
    }

    @Test
    void theApiDocsServerIsThePublicUrl() {
        RawHttp.Answer docs = RawHttp.exchange(port, "GET", "/v3/api-docs", EVIL, null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("\"servers\":[{\"url\":\"" + url("") + "\"").doesNotContain("evil.example");
    }

    private static Map<String, String> withEvil(Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(EVIL);
        all.putAll(headers);
        return all;
    }
}
