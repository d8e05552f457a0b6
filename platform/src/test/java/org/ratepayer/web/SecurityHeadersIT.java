package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.paynow.PayNowPartner;

/**
 * What browsers are told about the payment pages (docs/security.md): never framed by others (one answer, not two that
 * contradict each other), forms post only to the platform, no base-URL tricks, no Referer leaving the site, and a
 * session cookie scripts cannot read that other sites' forms do not carry. Pay Now's iframe mode is framed by the
 * biller's partner origins only, and keeps no session at all.
 */
class SecurityHeadersIT extends PlatformIT {

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void thePaymentPage() throws Exception {
        TestBiller b = newBiller();
        HttpResponse<String> page = get("/pay/" + b.bid());
        assertThat(page.statusCode()).isEqualTo(200);
        HttpHeaders h = page.headers();
        assertThat(h.allValues("Content-Security-Policy")).hasSize(1);
        assertThat(header(page, "Content-Security-Policy")).isEqualTo("default-src 'self'; img-src 'self' data:; "
                + "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; "
                + "base-uri 'none'");
        assertThat(h.allValues("X-Frame-Options")).as("agrees with frame-ancestors 'none'").containsExactly("DENY");
        assertThat(h.allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(h.allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("SESSION=").contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax")
                .as("plain http here: the public URL is http").doesNotContain("Secure"));

        HttpResponse<String> found = http.send(request("/pay/" + b.bid())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", h.firstValue("Set-Cookie").orElseThrow().split(";")[0])
                .POST(HttpRequest.BodyPublishers.ofString("accountNumber=nope&secondValue=1&_csrf="
                        + page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).as("the form posts to the page itself").isEqualTo(200);
        assertThat(header(found, "Content-Security-Policy")).contains("form-action 'self'");
    }

    @Test
    void payNowFullPageIframePageAndExpiredLink() throws Exception {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");

        HttpResponse<String> full = get(open(b, 0));
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(header(full, "Content-Security-Policy")).contains("frame-ancestors 'none'").contains("form-action 'self'")
                .contains("base-uri 'none'").contains("object-src 'none'");
        assertThat(full.headers().allValues("X-Frame-Options")).isEmpty();
        assertThat(full.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(full.headers().allValues("Set-Cookie")).as("no session").isEmpty();
        assertThat(header(full, "Cache-Control")).isEqualTo("no-store");

        HttpResponse<String> framed = get(open(b, 1));
        assertThat(framed.statusCode()).isEqualTo(200);
        assertThat(framed.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("frame-ancestors https://portal.example").contains("form-action 'self'").contains("base-uri 'none'");
        assertThat(framed.headers().allValues("X-Frame-Options")).as("frame-ancestors alone decides").isEmpty();
        assertThat(framed.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(framed.headers().allValues("Set-Cookie")).as("a cross-site iframe gets no cookie to lose").isEmpty();

        HttpResponse<String> gone = get("/paynow/" + "x".repeat(43));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(header(gone, "Content-Security-Policy")).contains("form-action 'none'").contains("base-uri 'none'");
        assertThat(gone.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(gone.headers().allValues("Set-Cookie")).isEmpty();

        HttpResponse<String> missing = get("/paynow/p/" + "x".repeat(43) + "/bill/0");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "Content-Security-Policy")).as("error pages too").contains("frame-ancestors 'none'")
                .contains("form-action 'self'").contains("base-uri 'none'");
        assertThat(missing.headers().allValues("Set-Cookie")).isEmpty();
    }

    /** A Pay Now session made as a partner does, opened once: the hosted page's path. */
    private String open(TestBiller b, int viewMode) throws Exception {
        Reply created = send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"CreateCustomerRecord": true, "ViewMode": %d, "Customers": [{"AccountNumber": "S-1", "Invoices": [
                          {"InvoiceNumber": "S-INV-%d", "BalanceDue": 10.00, "DueDate": "08/20/2099"}]}]}
                        """.formatted(viewMode, viewMode))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return PayNowPartner.open(http, created.json().at("/Data/CloudPaymentURL").asText());
    }
}
