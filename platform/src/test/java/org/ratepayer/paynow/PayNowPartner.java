package org.ratepayer.paynow;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ratepayer.billers.BillerService;

/** What a partner portal does in the Pay Now tests: configure the biller as its operator would, and call the API. */
public final class PayNowPartner {

    public static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private PayNowPartner() {
    }

    /** Settings 1003 and 1004 as the biller's administrator sets them for a partner. */
    public static void configure(BillerService billers, long bid, String origins) {
        billers.setSetting(bid, 1003, TextNode.valueOf(origins), "test");
        billers.setSetting(bid, 1004, TextNode.valueOf(SECRET), "test");
    }

    public static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The one-time link opened like a browser would, without following the redirect: the page path, or the status. */
    public static String open(HttpClient http, String link) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            return "HTTP " + r.statusCode();
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow()).getRawPath();
    }
}
