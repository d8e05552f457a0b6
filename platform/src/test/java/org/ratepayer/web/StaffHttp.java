package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ratepayer.staff.internal.Totp;

/**
 * A staff member's browser over plain HTTP (docs/staff-portal.md): its own cookies, no redirects followed, speaking
 * from an address of its own through X-Forwarded-For (the test server trusts it, as behind a proxy), every form
 * posted with the CSRF token of the page it is on.
 */
public final class StaffHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern SECRET = Pattern.compile("secret=([A-Z2-7]+)");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final UnaryOperator<String> url;
    private final String address;

    public StaffHttp(UnaryOperator<String> url, String address) {
        this.url = url;
        this.address = address;
    }

    public HttpResponse<String> get(String path) {
        return PortalHttp.exchange(client, HttpRequest.newBuilder(URI.create(url.apply(path))).header("X-Forwarded-For", address)
                .GET().build());
    }

    /** Posts a form from {@code page} (for its CSRF token); {@code form} already encoded. */
    public HttpResponse<String> post(String page, String path, String form) {
        String token = csrf(get(page).body());
        return postRaw(path, form + "&_csrf=" + enc(token));
    }

    public HttpResponse<String> postRaw(String path, String form) {
        return PortalHttp.exchange(client, HttpRequest.newBuilder(URI.create(url.apply(path))).header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> password(long bid, String username, String password) {
        return post("/staff/" + bid + "/sign-in", "/staff/" + bid + "/sign-in", "username=" + enc(username) + "&password=" + enc(password));
    }

    public HttpResponse<String> code(long bid, String code) {
        return post("/staff/" + bid + "/sign-in/code", "/staff/" + bid + "/sign-in/code", "code=" + enc(code));
    }

    /** The enrolment page's secret, from its otpauth:// URI. */
    public String enrolSecret(long bid) {
        HttpResponse<String> page = get("/staff/" + bid + "/sign-in/enrol");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as("the enrolment page shows the secret").isTrue();
        return m.group(1);
    }

    public HttpResponse<String> enrol(long bid, String code) {
        return post("/staff/" + bid + "/sign-in/enrol", "/staff/" + bid + "/sign-in/enrol", "code=" + enc(code));
    }

    /** Signs in all the way: password, the code (enrolling when asked), a password of one's own when asked; answers the TOTP secret. */
    public String signIn(long bid, String username, String password, String secret, String newPassword, Clock clock) {
        HttpResponse<String> r = password(bid, username, password);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        String known = secret;
        if (location.contains("/sign-in/enrol")) {
            known = enrolSecret(bid);
            r = enrol(bid, Totp.code(known, clock.instant().getEpochSecond()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        } else if (location.contains("/sign-in/code")) {
            r = code(bid, Totp.code(known, clock.instant().getEpochSecond()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        }
        HttpResponse<String> home = get("/staff/" + bid);
        if (home.statusCode() == 302 && home.headers().firstValue("Location").orElseThrow().endsWith("/password")) {
            r = post("/staff/" + bid + "/password", "/staff/" + bid + "/password",
                    "password=" + enc(newPassword) + "&again=" + enc(newPassword));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
            home = get("/staff/" + bid);
        }
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return known;
    }

    static String csrf(String body) {
        Matcher m = CSRF.matcher(body);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
