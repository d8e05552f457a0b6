package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One payer's browser over plain HTTP: its own cookies, redirects not followed so that tests can check them. */
public final class PortalHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final UnaryOperator<String> url;

    /** @param url turns a path into the test server's URL */
    public PortalHttp(UnaryOperator<String> url) {
        this.url = url;
    }

    /** Signed on with a single-use token, as a CIS's portal hands a payer over. */
    public static PortalHttp signedOn(UnaryOperator<String> url, long bid, String token) {
        PortalHttp http = new PortalHttp(url);
        HttpResponse<String> landed = http.get("/portal/" + bid + "/sso?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location").orElseThrow()).endsWith("/portal/" + bid);
        return http;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url.apply(path))).GET().build());
    }

    public HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(url.apply(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return exchange(client, request);
    }

    /** One exchange through any client, the body read as UTF-8; failures as unchecked exceptions. */
    public static HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code _csrf=…}, the form token of a page this payer sees (the header's sign-out form carries one), encoded. */
    public String csrfField(String path) {
        Matcher m = CSRF.matcher(get(path).body());
        assertThat(m.find()).as("a form token on " + path).isTrue();
        return "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }
}
