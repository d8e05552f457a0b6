package org.ratepayer.shared.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed look-ups and wrong keys are slowed down per client address (and look-ups also per account),
 * with 429 and Retry-After, while everyone else, and every correct attempt, goes through. The client
 * address comes from X-Forwarded-For here, as behind a proxy (docs/throttling.md), so that each test
 * speaks from addresses of its own; the throttle's clock only moves when a test moves it.
 */
@Import(ManualThrottleTime.Config.class)
@TestPropertySource(properties = {
        "ratepayer.trusted-proxies=127.0.0.1/32,::1/128",
        "ratepayer.throttle.lookup.per-address=5",
        "ratepayer.throttle.lookup.per-address-refill=30s",
        "ratepayer.throttle.lookup.per-account=8",
        "ratepayer.throttle.lookup.per-account-refill=15s",
        "ratepayer.throttle.keys.per-address=6",
        "ratepayer.throttle.keys.per-address-refill=10s"})
class ThrottlingIT extends PlatformIT {



    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    @Autowired
    ManualThrottleTime time;

    @Autowired
    Throttle throttle;

    @Autowired
    ThrottleProperties props;

    @Autowired
    DataSource db;

    @Autowired
    MeterRegistry meters;

    /** A documentation address (RFC 5737) no other test of this class uses. */
    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
    }

    private TestBiller billerWithAccount(String account) {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0000001", account, "10/01/2026", "88.10", null).text()).status())
                .isEqualTo(201);
        return b;
    }

    record Answer(int status, String retryAfter, String contentType, String location, String body) {
    }

    private Answer answer(HttpResponse<String> r) {
        return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Location").orElse(null), r.body());
    }

    private HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a browser at {@code address} does on the payment page: open the search form, then send it. */
    private Answer lookUp(String address, TestBiller b, String account, String zip) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> form = exchange(browser, request("/pay/" + b.bid()).header("X-Forwarded-For", address).GET().build());
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(form.body());
        assertThat(m.find()).as("the search form carries a CSRF token").isTrue();
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        String body = "_csrf=" + enc(token) + "&accountNumber=" + enc(account) + "&secondValue=" + enc(zip);
        return answer(exchange(browser, request("/pay/" + b.bid()).header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertFound(Answer a, TestBiller b) {
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        assertThat(a.location()).endsWith("/pay/" + b.bid() + "/account");
    }

    private static void assertNotFound(Answer a) {
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("We could not find an account");
    }

    private static void assertSlowedPage(Answer a, String seconds) {
        assertThat(a.status()).isEqualTo(429);
        assertThat(a.retryAfter()).isEqualTo(seconds);
        assertThat(a.contentType()).startsWith("text/html");
        assertThat(a.body()).contains("id=\"search-error\"").contains("Too many unsuccessful attempts")
                .contains("try again in " + seconds + " seconds").contains("id=\"find\"");
    }

    @Test
    void wrongZipCodesFromOneAddressAreSlowedDownWhileThePayerElsewhereGetsIn() {
        TestBiller b = billerWithAccount("7101-1");
        String stranger = newAddress();
        for (int i = 0; i < 5; i++) {
            assertNotFound(lookUp(stranger, b, "7101-1", "1000" + i));
        }
        assertSlowedPage(lookUp(stranger, b, "7101-1", "10009"), "30");
        // Refused unseen: even the right ZIP code from that address learns nothing until the delay is over.
        assertSlowedPage(lookUp(stranger, b, "7101-1", "49331"), "30");

        assertFound(lookUp(newAddress(), b, "7101-1", "49331"), b);

        time.advance(Duration.ofSeconds(30));
        assertNotFound(lookUp(stranger, b, "7101-1", "10010"));
        assertSlowedPage(lookUp(stranger, b, "7101-1", "10011"), "30");
        time.advance(Duration.ofSeconds(30));
        assertFound(lookUp(stranger, b, "7101-1", "49331"), b);
    }

    @Test
    void strangersFromManyAddressesDelayTheMemberOnlyBriefly() {
        TestBiller b = billerWithAccount("7201-1");
        String first = newAddress();
        String second = newAddress();
        for (int i = 0; i < 5; i++) {
            assertNotFound(lookUp(first, b, "7201-1", "2000" + i));
        }
        for (int i = 0; i < 3; i++) {
            assertNotFound(lookUp(second, b, "7201-1", "2100" + i));
        }
        String member = newAddress();
        assertSlowedPage(lookUp(member, b, "7201-1", "49331"), "15");
        // Only that account waits: the same strangers' attempts on other accounts are not held up by it.
        TestBiller other = billerWithAccount("7202-1");
        assertFound(lookUp(second, other, "7202-1", "49331"), other);

        time.advance(Duration.ofSeconds(15));
        assertFound(lookUp(member, b, "7201-1", "49331"), b);
    }

    @Test
    void successfulLookUpsAreNeverCounted() {
        TestBiller b = billerWithAccount("7301-1");
        String member = newAddress();
        for (int i = 0; i < 12; i++) {
            assertFound(lookUp(member, b, "7301-1", "49331"), b);
        }
        for (int i = 0; i < 5; i++) {
            assertNotFound(lookUp(member, b, "7301-1", "3000" + i));
        }
        assertSlowedPage(lookUp(member, b, "7301-1", "30009"), "30");
    }

    private Answer operator(String address, TestBiller b, String token) {
        return answer(exchange(http, request("/api/v1/billers/" + b.bid() + "/invoice-files")
                .header("X-Forwarded-For", address).header("Authorization", "Bearer " + token).GET().build()));
    }

    private Answer api(String address, TestBiller b, String key) {
        return answer(exchange(http, request("/api/v1/billers/" + b.bid() + "/invoice-files")
                .header("X-Forwarded-For", address).header("X-Api-Key", key).GET().build()));
    }

    private void assertSlowedProblem(Answer a, String seconds) {
        assertThat(a.status()).as(a.body()).isEqualTo(429);
        assertThat(a.retryAfter()).isEqualTo(seconds);
        assertThat(a.contentType()).isEqualTo("application/problem+json");
        try {
            var p = json.readTree(a.body());
            assertThat(p.path("status").asInt()).isEqualTo(429);
            assertThat(p.path("type").asText()).isEqualTo("https://ratepayer.org/problems/too-many-attempts");
            assertThat(p.path("title").asText()).isEqualTo("Too many failed attempts");
            assertThat(p.path("detail").asText()).contains("try again in " + seconds + " seconds");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wrongApiKeysAndOperatorTokensAreSlowedDownPerAddress() {
        TestBiller b = newBiller();
        String stranger = newAddress();
        for (int i = 0; i < 6; i++) {
            assertThat(api(stranger, b, "rp_test_api_guess" + i).status()).isEqualTo(401);
        }
        assertSlowedProblem(api(stranger, b, "rp_test_api_guess9"), "10");
        assertSlowedProblem(operator(stranger, b, "rp_op_guess-guess-guess"), "10");
        // An operator token may be one a person chose: from that address even the right one waits, unseen.
        assertSlowedProblem(operator(stranger, b, operatorToken.reveal()), "10");
        assertThat(operator(newAddress(), b, operatorToken.reveal()).status()).isEqualTo(200);
        // A biller key is 192 random bits: the right one is never held up, whoever else shares its address.
        assertThat(api(stranger, b, b.apiKey()).status()).isEqualTo(200);
        assertThat(api(newAddress(), b, b.apiKey()).status()).isEqualTo(200);
        assertThat(meters.get("ratepayer.throttle.refused").tags("kind", "api-key", "limit", "address").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("ratepayer.throttle.refused").tags("kind", "operator-token").counter().count())
                .isGreaterThanOrEqualTo(2);

        time.advance(Duration.ofSeconds(10));
        assertThat(api(stranger, b, "rp_test_api_guess10").status()).isEqualTo(401);
        assertSlowedProblem(api(stranger, b, "rp_test_api_guess11"), "10");
    }

    private Answer payNow(String address, String key) {
        return answer(exchange(http, request("/cloudpaymentsapi/v2").header("X-Forwarded-For", address)
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("")).build()));
    }

    @Test
    void wrongPayNowKeysAreSlowedDownPerAddress() {
        TestBiller b = newBiller();
        String stranger = newAddress();
        for (int i = 0; i < 6; i++) {
            assertThat(payNow(stranger, "rp_test_cp_guess" + i).status()).isEqualTo(401);
        }
        assertSlowedProblem(payNow(stranger, "rp_test_cp_guess9"), "10");
        // The right key is let in, from anywhere (and then refused only for its empty body).
        Answer partner = payNow(stranger, b.cpv2Key());
        assertThat(partner.status()).as(partner.body()).isEqualTo(400);
        assertThat(payNow(newAddress(), b.cpv2Key()).status()).isEqualTo(400);
    }

    /** A card typed into the sandbox processor's hosted fields, sent by its frame from {@code address}. */
    private Answer fieldsToken(String address, TestBiller b, String number) {
        String body = "{\"key\":\"pk_sandbox_" + b.bid() + "_" + b.guid().toString().replace("-", "") + "\",\"cardNumber\":\""
                + number + "\",\"expMonth\":\"12\",\"expYear\":\"2099\"}";
        return answer(exchange(http, HttpRequest.newBuilder(java.net.URI.create(sandboxFields.base() + "/sandbox-processor/tokens"))
                .header("X-Forwarded-For", address).header("Origin", sandboxFields.origin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    @Test
    void wrongCardsInTheSandboxsHostedFieldsAreSlowedDownPerAddress() {
        TestBiller b = newBiller();
        String stranger = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(fieldsToken(stranger, b, "411111111111111" + (2 + i % 7)).status()).as("try " + i).isEqualTo(400);
        }
        // out of budget: no answer, right or wrong, so that trying numbers tells nothing more for a while
        Answer slowed = fieldsToken(stranger, b, "4111111111111111");
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.retryAfter()).isEqualTo("30");
        assertThat(fieldsToken(newAddress(), b, "4111111111111111").status()).as("a payer elsewhere").isEqualTo(200);
        time.advance(java.time.Duration.ofSeconds(30));
        assertThat(fieldsToken(stranger, b, "4111111111111111").status()).as("one more after the refill").isEqualTo(200);
    }

    private Answer soap(String address, TestBiller b, String key) {
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
                <UploadInvoiceFile xmlns="http://ratepayer.org/portal/webservices/CloudInvoicing/">
                <BillerGUID>%s</BillerGUID><WebServiceKey>%s</WebServiceKey><FileName>x.bif</FileName>
                <FileContents></FileContents></UploadInvoiceFile></soap:Body></soap:Envelope>""".formatted(b.guidText(), key);
        return answer(exchange(http, request("/portal/webservices/CloudInvoicing.asmx").header("X-Forwarded-For", address)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"http://ratepayer.org/portal/webservices/CloudInvoicing/UploadInvoiceFile\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build()));
    }

    private Answer soapForm(String address, TestBiller b, String key) {
        return answer(exchange(http, request("/portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile")
                .header("X-Forwarded-For", address).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("BillerGUID=" + enc(b.guidText()) + "&WebServiceKey=" + enc(key)
                        + "&FileName=x.bif&FileContents=")).build()));
    }

    @Test
    void wrongWebServiceKeysAreSlowedDownOnBothSoapDoors() {
        TestBiller b = newBiller();
        String stranger = newAddress();
        for (int i = 0; i < 3; i++) {
            Answer denied = soap(stranger, b, "rp_test_ws_guess" + i);
            assertThat(denied.status()).isNotEqualTo(429);
            assertThat(denied.body()).contains("do not match a biller");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(soapForm(stranger, b, "rp_test_ws_guess" + i).status()).isEqualTo(401);
        }
        Answer slowed = soap(stranger, b, "rp_test_ws_guess9");
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.retryAfter()).isEqualTo("10");
        assertThat(slowed.contentType()).startsWith("text/xml");
        assertThat(slowed.body()).contains("soap:Client").contains("try again in 10 seconds");
        Answer slowedForm = soapForm(stranger, b, "rp_test_ws_guess9");
        assertThat(slowedForm.status()).isEqualTo(429);
        assertThat(slowedForm.retryAfter()).isEqualTo("10");
        assertThat(slowedForm.body()).contains("<Status>TOO_MANY_ATTEMPTS</Status>").contains("try again in 10 seconds");

        Answer partner = soap(stranger, b, b.webServiceKey());
        assertThat(partner.status()).isEqualTo(200);
        assertThat(partner.body()).contains("FileContents is empty");
    }

    @Test
    void budgetsLiveInTheDatabaseSoEveryNodeCountsAgainstTheSameOnes() {
        Throttle otherNode = new Throttle(db, props, time, new SimpleMeterRegistry());
        TestBiller b = billerWithAccount("7401-1");

        String stranger = newAddress();
        for (int i = 0; i < 6; i++) {
            assertThat(api(stranger, b, "rp_test_api_guess" + i).status()).isEqualTo(401);
        }
        Throttle.Outcome<String> there = otherNode.payNowKey(stranger, Optional::empty);
        assertThat(there.refused()).isTrue();
        assertThat(there.retryAfterSeconds()).isEqualTo(10);

        String another = newAddress();
        for (int i = 0; i < 6; i++) {
            assertThat(otherNode.webServiceKey(another, Optional::empty).refused()).isFalse();
        }
        assertSlowedProblem(api(another, b, "rp_test_api_guess9"), "10");

        String searcher = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(otherNode.lookup(searcher, b.bid(), "7401-1", Optional::empty).refused()).isFalse();
        }
        assertSlowedPage(lookUp(searcher, b, "7401-1", "49331"), "30");

        assertThat(count("select count(*) from throttle_bucket where id like 'key-address:%'")).isGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from throttle_bucket where id like 'lookup-account:" + b.bid() + ":%'")).isEqualTo(1);
        assertThat(count("select count(*) from throttle_bucket where id like '%203.0.%' or id like '%7401-1%'"))
                .as("neither addresses nor account numbers are kept readable").isZero();
    }

    @Test
    void budgetsThatFilledUpAgainArePurged() {
        TestBiller b = newBiller();
        assertThat(api(newAddress(), b, "rp_test_api_guess").status()).isEqualTo(401);
        long now = System.currentTimeMillis();
        assertThat(count("select count(*) from throttle_bucket where expires_at > ?", now + Duration.ofMinutes(9).toMillis()))
                .as("kept while it refills, then for keep-idle (10 minutes)").isPositive();
        // As if every bucket so far had filled up again and been left alone for keep-idle.
        int idle = jdbc.sql("update throttle_bucket set expires_at = ?").param(now - 1).update();
        assertThat(api(newAddress(), b, "rp_test_api_guess").status()).isEqualTo(401);

        assertThat(throttle.purgeExpired()).isEqualTo(idle);
        assertThat(count("select count(*) from throttle_bucket")).as("the bucket still refilling stays").isEqualTo(1);
    }
}
