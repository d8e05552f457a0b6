package org.ratepayer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.ratepayer.shared.config.RatepayerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** What `./ratepayer demo` promises: a Daffron biller, 1,000 invoices, a CIS behind it, and data/demo.json. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ratepayer.data-dir=target/test-data/demo-${random.uuid}",
        "ratepayer.environment=TEST",
        "db-scheduler.enabled=false"})
@ActiveProfiles("demo")
class DemoIT {

    @Autowired
    RatepayerProperties props;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode get(String url, String apiKey) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", apiKey).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void theDemoManifestLeadsToAWorkingBillerWithLiveBalances() throws Exception {
        Path manifestFile = props.dataDir().resolve("demo.json");
        assertThat(manifestFile).exists();
        JsonNode manifest = json.readTree(manifestFile.toFile());
        String baseUrl = manifest.get("baseUrl").asText();
        JsonNode biller = manifest.at("/billers/0");
        assertThat(biller.get("bid").asLong()).isEqualTo(2178);
        assertThat(manifest.get("operatorToken").asText()).startsWith("rp_op_");
        assertThat(manifest.at("/cisSimulator/cbUrl").asText()).endsWith("/tbx-daily/services/CB");
        assertThat(manifest.at("/cisSimulator/eprintUrl").asText()).endsWith("/eprint/");
        assertThat(manifest.at("/cisSimulator/adminUrl").asText()).contains("/admin");

        String apiKey = biller.get("apiKey").asText();
        JsonNode files = get(baseUrl + "/api/v1/billers/2178/invoice-files", apiKey);
        assertThat(files.at("/0/outcome").asText()).isEqualTo("IMPORTED");
        assertThat(files.at("/0/invoices").asLong()).isEqualTo(1000);

        JsonNode invoices = get(baseUrl + "/api/v1/billers/2178/invoices?account=1001-1", apiKey);
        JsonNode balance = get(baseUrl + "/api/v1/billers/2178/accounts/1001-1/balance", apiKey);
        assertThat(balance.get("source").asText()).isEqualTo("cis");
        assertThat(balance.get("balanceDue").decimalValue())
                .isEqualByComparingTo(invoices.at("/invoices/0/totalAmountDue").decimalValue());

        // README "Try Pay Now": a partner portal on this machine (plain http to 127.0.0.1) gets a payment link.
        assertThat(biller.get("postbackSecret").asText()).startsWith("whsec_");
        String basic = java.util.Base64.getEncoder().encodeToString(biller.get("cpv2Key").asText().getBytes());
        HttpResponse<String> payNow = http.send(HttpRequest.newBuilder(URI.create(biller.get("payNowUrl").asText()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"Customers": [{"AccountNumber": "1001-1", "Invoices": []}], "PostBackURL": "http://127.0.0.1:9099/postback",
                         "ReturnURL": "http://localhost:3000/done", "BillerReference": "demo-1"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(payNow.statusCode()).as(payNow.body()).isEqualTo(200);
        assertThat(json.readTree(payNow.body()).at("/Data/CloudPaymentURL").asText()).startsWith(baseUrl + "/paynow/");
    }

    /**
     * The demo's two payers were registered through the remote registration API, as a Daffron CIS registers them: one
     * with two accounts, the other a co-owner of the first; their passwords sign in, and the portal is in the manifest.
     */
    @Test
    void theDemoPayersAreRegisteredAndSignIn() throws Exception {
        JsonNode manifest = json.readTree(props.dataDir().resolve("demo.json").toFile());
        assertThat(manifest.get("portalUrl").asText()).isEqualTo(manifest.get("baseUrl").asText() + "/portal/2178");
        JsonNode member1 = manifest.at("/payers/0");
        JsonNode member2 = manifest.at("/payers/1");
        assertThat(member1.get("accounts")).hasSize(2);
        assertThat(member2.get("accounts")).hasSize(1);
        String shared = member2.at("/accounts/0").asText();
        assertThat(member1.at("/accounts/0").asText()).isEqualTo(shared);

        org.ratepayer.payers.PayerDirectory directory = context.getBean(org.ratepayer.payers.PayerDirectory.class);
        for (JsonNode p : List.of(member1, member2)) {
            assertThat(directory.authenticate(2178, p.get("username").asText(), p.get("password").asText()))
                    .as(p.get("username").asText()).isPresent();
        }
        assertThat(directory.registration(2178, shared).users()).containsExactly(member1.get("username").asText(),
                member2.get("username").asText());
    }

    /**
     * The demo's mailbox shows every receipt and demo.json holds the operator token: both stay on this machine. The
     * platform and the simulator listen on loopback only, demo.json is the user's alone, the simulator's admin API
     * wants its token, and a partner URL may not aim Pay Now's postbacks at the demo's own services.
     */
    @Test
    void theDemoIsForThisMachineOnly() throws Exception {
        Path manifestFile = props.dataDir().resolve("demo.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(manifestFile))).isEqualTo("rw-------");
        try (var files = Files.list(props.dataDir())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                    .noneMatch(n -> n.contains("demo.json") && !n.equals("demo.json"));
        }
        JsonNode manifest = json.readTree(manifestFile.toFile());
        URI base = URI.create(manifest.get("baseUrl").asText());
        URI cb = URI.create(manifest.at("/cisSimulator/cbUrl").asText());
        URI eprint = URI.create(manifest.at("/cisSimulator/eprintUrl").asText());
        URI admin = URI.create(manifest.at("/cisSimulator/adminUrl").asText());

        Connector connector = ((TomcatWebServer) ((WebServerApplicationContext) context).getWebServer()).getTomcat().getConnector();
        assertThat(((InetAddress) connector.getProperty("address")).isLoopbackAddress()).isTrue();
        for (URI simulator : List.of(cb, eprint, admin)) {
            assertThat(simulator.getHost()).isEqualTo("127.0.0.1");
        }
        List<InetAddress> outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> { try { return i.isUp(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
        for (InetAddress address : outside) {
            for (int port : List.of(base.getPort(), cb.getPort(), eprint.getPort(), admin.getPort())) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2000))
                            .as("%s:%d", address, port).isInstanceOf(java.net.ConnectException.class);
                }
            }
        }

        HttpRequest postings = HttpRequest.newBuilder(URI.create(admin + "/postings")).build();
        assertThat(http.send(postings, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        String token = manifest.at("/cisSimulator/adminToken").asText();
        assertThat(http.send(HttpRequest.newBuilder(postings.uri()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        JsonNode biller = manifest.at("/billers/0");
        String basic = java.util.Base64.getEncoder().encodeToString(biller.get("cpv2Key").asText().getBytes());
        Map<String, String> ownServices = Map.of(
                "PostBackURL", "http://127.0.0.1:" + admin.getPort() + "/admin/reset",
                "ReturnURL", "http://localhost:" + base.getPort() + "/demo/mailbox",
                "CssUrl", "http://localhost:" + eprint.getPort() + "/eprint/x.css");
        for (Map.Entry<String, String> url : ownServices.entrySet()) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(biller.get("payNowUrl").asText()))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"Customers": [{"AccountNumber": "1001-1", "Invoices": []}], "%s": "%s"}
                            """.formatted(url.getKey(), url.getValue()))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).get("field").asText()).isEqualTo(url.getKey());
        }
    }
}
