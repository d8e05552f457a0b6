package org.ratepayer;

import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.shared.config.OperatorToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the tests that run the whole platform over HTTP against a real (embedded) PostgreSQL.
 * One application context is shared by every subclass; each test makes its own billers, so tests
 * never see each other's data (which is itself what tenant isolation promises).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ratepayer.data-dir=target/test-data/${random.uuid}",
        "ratepayer.environment=TEST",
        "db-scheduler.enabled=false",
        "ratepayer.drop-folder.enabled=false",
        "ratepayer.drop-folder.settle=0s",
        "ratepayer.cis.timeout=1s",
        // Pay Now tests act as a partner portal on this machine: postbacks to a local receiver over http
        "ratepayer.pay-now.loopback-http=true",
        // postings retry within a test's patience: parked after about 3 s of failures
        "ratepayer.postings.backoff-base=50ms",
        "ratepayer.postings.backoff-max=400ms",
        "ratepayer.postings.max-attempts=8",
        "ratepayer.postings.poll-interval=100ms",
        "ratepayer.postings.lease=10s",
        "logging.file.name=target/test-logs/platform-it.log"})
@Import(MutableClock.Config.class)
public abstract class PlatformIT {

    private static final AtomicLong NEXT_BID = new AtomicLong(100_000 + (System.nanoTime() % 1_000) * 1_000);

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected BillerService billerService;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected OperatorToken operatorToken;

    /** The application's clock; a test may stop it at a chosen moment, and it runs again after each test. */
    @Autowired
    protected MutableClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    public record TestBiller(long bid, UUID guid, String webServiceKey, String apiKey, String cpv2Key, String prodApiKey) {
        public String guidText() {
            return guid.toString().toUpperCase();
        }
    }

    protected TestBiller newBiller() {
        return newBiller("daffron");
    }

    protected TestBiller newBiller(String template) {
        long bid = NEXT_BID.incrementAndGet();
        var created = billerService.create(new BillerService.NewBiller(bid, "Test Co-op " + bid, template, null), "test");
        String ws = null, api = null, cp = null, prodApi = null;
        for (IssuedKey k : created.keys()) {
            if (k.environment() == Environment.TEST) {
                switch (k.kind()) {
                    case WEB_SERVICE -> ws = k.key();
                    case API -> api = k.key();
                    case CPV2 -> cp = k.key();
                }
            } else if (k.kind() == org.ratepayer.shared.web.KeyKind.API) {
                prodApi = k.key();
            }
        }
        return new TestBiller(bid, created.biller().guid(), ws, api, cp, prodApi);
    }

    /**
     * A started WireMock server (a processor's or a script host's stand-in) that has answered once: its first answer in a
     * JVM is slow on a busy machine, and only the stubs' own delays should count.
     */
    protected static com.github.tomakehurst.wiremock.WireMockServer startedWireMock() {
        com.github.tomakehurst.wiremock.WireMockServer server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
        server.start();
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/warm-up")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server;
    }

    /**
     * A fresh simulator's first PDF (PDFBox loading its fonts in this JVM) can take longer than the 1 s these tests
     * give the CIS; one bill fetched straight from it first keeps that out of what the tests time.
     */
    protected static org.ratepayer.cissim.CisSimulator warmedUp(org.ratepayer.cissim.CisSimulator cis) {
        cis.state().putAccount(org.ratepayer.cissim.CisAccount.of("999999999-9",
                org.ratepayer.cissim.PayableCharge.of("Warm-up", "1.00", "0")));
        try {
            HttpResponse<Void> bill = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cis.eprintUrl()
                    + "?PROCESSING_TYPE=HISTORY&ACCT=999999999&SUB=9")).timeout(java.time.Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (bill.statusCode() != 200) {
                throw new IllegalStateException("the simulator's warm-up bill answered " + bill.statusCode());
            }
            cis.state().removeAccount("999999999-9");
            return cis;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    public record Reply(int status, String body, JsonNode json) {
    }

    protected Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            if (r.body() != null && !r.body().isBlank() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                node = json.readTree(r.body());
            }
            return new Reply(r.statusCode(), r.body(), node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    protected HttpRequest.Builder asOperator(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + operatorToken.reveal());
    }

    protected Reply getJson(String path, String apiKey) {
        return send(request(path).header("X-Api-Key", apiKey).GET());
    }

    protected Reply operatorPut(String path, String body) {
        return send(asOperator(request(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected Reply upload(TestBiller b, String key, String fileName, String content) {
        return send(request("/api/v1/billers/" + b.bid() + "/invoice-files?fileName=" + fileName)
                .header("X-Api-Key", key).POST(HttpRequest.BodyPublishers.ofString(content)));
    }

    /** Points every Daffron endpoint of the biller (real-time refresh and the data pump, settings 8 to 19) at one CIS URL. */
    protected void connectCis(TestBiller b, String url, String user, String password) {
        for (int setting : new int[] {8, 11, 14, 17}) {
            billerService.setSetting(b.bid(), setting, TextNode.valueOf(url), "test");
            billerService.setSetting(b.bid(), setting + 1, TextNode.valueOf(user), "test");
            billerService.setSetting(b.bid(), setting + 2, TextNode.valueOf(password), "test");
        }
    }

    @Autowired
    protected org.ratepayer.payments.internal.sandbox.SandboxFieldsOrigin sandboxFields;

    /**
     * What the sandbox processor's hosted fields do in a payer's browser (docs/hosted-fields.md): the details go to the
     * processor's own origin, which answers with a token; the page then posts only that token (methodToken). For tests
     * that pay over plain HTTP. {@code details} are the fields page's: cardNumber, expMonth, expYear, cvv, postalCode,
     * or routingNumber, bankAccountNumber, accountType with method ACH.
     */
    protected Reply sandboxToken(TestBiller b, java.util.Map<String, String> details) {
        java.util.Map<String, String> body = new java.util.LinkedHashMap<>(details);
        body.put("key", "pk_sandbox_" + b.bid() + "_" + b.guid().toString().replace("-", ""));
        body.putIfAbsent("method", "CARD");
        try {
            return send(HttpRequest.newBuilder(URI.create(sandboxFields.base() + "/sandbox-processor/tokens"))
                    .header("Origin", sandboxFields.origin()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sandbox token for a card, made as the hosted fields make it (expiry 12/2099). */
    protected String sandboxCardToken(TestBiller b, String number) {
        Reply r = sandboxToken(b, java.util.Map.of("cardNumber", number, "expMonth", "12", "expYear", "2099", "cvv", "123",
                "postalCode", "49331"));
        if (r.status() != 200) {
            throw new AssertionError("the sandbox's fields refused " + number + ": " + r.body());
        }
        return r.json().path("token").asText();
    }

    /** A sandbox token for a bank account, made as the hosted fields make it. */
    protected String sandboxBankToken(TestBiller b, String routing, String account) {
        Reply r = sandboxToken(b, java.util.Map.of("method", "ACH", "routingNumber", routing, "bankAccountNumber", account,
                "accountType", "CHECKING"));
        if (r.status() != 200) {
            throw new AssertionError("the sandbox's fields refused " + routing + "/" + account + ": " + r.body());
        }
        return r.json().path("token").asText();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
