package org.ratepayer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.apache.catalina.connector.Connector;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PaymentPosting;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
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
        // newest first: the day's one-invoice autopay bill, then the billing run of 1,000
        assertThat(files).hasSize(2);
        assertThat(files.at("/1/outcome").asText()).isEqualTo("IMPORTED");
        assertThat(files.at("/1/invoices").asLong()).isEqualTo(1000);

        JsonNode invoices = get(baseUrl + "/api/v1/billers/2178/invoices?account=1001-1", apiKey);
        JsonNode balance = get(baseUrl + "/api/v1/billers/2178/accounts/1001-1/balance", apiKey);
        assertThat(balance.get("source").asText()).isEqualTo("cis");
        assertThat(balance.get("balanceDue").decimalValue())
                .isEqualByComparingTo(invoices.at("/invoices/0/totalAmountDue").decimalValue());

        // README "Notices, prepaid alerts and a change of owner": the prepaid account's refresh sends one alert, once.
        String prepaid = biller.get("prepaidAccount").asText();
        assertThat(get(baseUrl + "/api/v1/billers/2178/accounts/" + prepaid + "/balance", apiKey).at("/prepaid/remainingBalance").decimalValue())
                .isLessThan(biller.get("prepaidAlertBelow").decimalValue());
        get(baseUrl + "/api/v1/billers/2178/accounts/" + prepaid + "/balance", apiKey);
        JsonNode alerts = get(baseUrl + "/api/v1/billers/2178/accounts/" + prepaid + "/emails", apiKey);
        assertThat(alerts.findValuesAsText("kind")).containsExactly("PREPAID_LOW_BALANCE");

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

    private JsonNode asOperator(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /**
     * Issue 15 item 6: one demo account has a bill collected today (a file of the day with AutoPayCollectionDate), is
     * enrolled through the API, and the demo's autopay run charged it once; the CIS got one posting for it. Starting
     * the demo again the same day imports nothing, charges nothing and still names the run that charged it.
     */
    @Test
    void todaysAutopayRunChargedTheDemoAccountOnce() throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        CisSimulator cis = context.getBean(CisSimulator.class);
        LocalDate today = context.getBean(AutopayRuns.class).today(2178);
        JsonNode manifest = json.readTree(props.dataDir().resolve("demo.json").toFile());
        String baseUrl = manifest.get("baseUrl").asText();
        JsonNode autopay = manifest.get("autopay");
        String account = autopay.get("account").asText();
        String invoice = autopay.get("invoice").asText();
        long runId = autopay.get("runId").asLong();
        assertThat(account).isEqualTo("1981-1");
        assertThat(manifest.at("/payers/0/accounts").toString()).doesNotContain(account);
        assertThat(invoice).isEqualTo("AP-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-1981-1");
        assertThat(autopay.get("runUrl").asText()).isEqualTo(baseUrl + "/api/v1/billers/2178/autopay/runs/" + runId);
        assertThat(props.dataDir().resolve("samples/autopay/2178_" + today.format(DateTimeFormatter.ofPattern("MMddyyyy")) + ".bif"))
                .exists();

        assertThat(jdbc.sql("""
                select invoice_number || ' ' || invoice_date || ' ' || autopay_collection_date from invoice
                where biller_id = 2178 and account_number = ? order by invoice_date desc, invoice_id desc limit 1
                """).param(account).query(String.class).single()).as("the account's newest bill, collected today")
                .isEqualTo(invoice + " " + today + " " + today);
        BigDecimal billed = jdbc.sql("select total_amount_due from invoice where biller_id = 2178 and invoice_number = ?").param(invoice)
                .query(BigDecimal.class).single();
        List<String> payments = jdbc.sql("""
                select channel || ':' || status || ':' || invoice_number || ':' || amount from payment
                where biller_id = 2178 and account_number = ? order by payment_id""").param(account).query(String.class).list();
        assertThat(payments).containsExactly("AUTOPAY:APPROVED:" + invoice + ":" + billed.toPlainString());

        JsonNode run = asOperator(autopay.get("runUrl").asText(), manifest.get("operatorToken").asText());
        assertThat(run.get("status").asText()).isEqualTo("DONE");
        assertThat(run.get("date").asText()).isEqualTo(today.toString());
        assertThat(run.get("charged").asInt()).isEqualTo(1);
        assertThat(run.get("amount").decimalValue()).isEqualByComparingTo(billed);
        assertThat(run.at("/charges/0/accountNumber").asText()).isEqualTo(account);
        assertThat(run.at("/charges/0/invoiceNumber").asText()).isEqualTo(invoice);

        await().atMost(Duration.ofSeconds(30)).until(() -> postedFor(cis, account).size() == 1);
        assertThat(postedFor(cis, account).get(0).amount()).isEqualByComparingTo(billed);

        // its autopay receipt went to the account's email (no portal user holds it), which the demo's mailbox catches
        String email = jdbc.sql("select email from account where biller_id = 2178 and account_number = ?").param(account)
                .query(String.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                select count(*) from email_message where biller_id = 2178 and account_number = ? and kind = 'AUTOPAY_RECEIPT'
                  and status = 'SENT' and recipients like ?""").params(account, "%" + email + "%").query(Long.class).single() >= 1);

        // The same day again: the file is known, the bill paid, nothing charged; demo.json still names the run that charged it.
        context.getBean(DemoSetup.class).onReady(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                (ConfigurableApplicationContext) context, Duration.ZERO));
        assertThat(jdbc.sql("select count(*) from payment where biller_id = 2178 and account_number = ?").param(account)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from invoice_file where biller_id = 2178").query(Long.class).single()).isEqualTo(2);
        JsonNode again = json.readTree(props.dataDir().resolve("demo.json").toFile()).get("autopay");
        assertThat(again.get("runId").asLong()).isEqualTo(runId);
        long second = jdbc.sql("select max(run_id) from autopay_run where biller_id = 2178").query(Long.class).single();
        assertThat(second).isGreaterThan(runId);
        JsonNode secondRun = asOperator(DemoAutopay.runUrl(baseUrl, 2178, second), manifest.get("operatorToken").asText());
        assertThat(secondRun.get("charged").asInt()).isZero();
        assertThat(secondRun.get("charges")).isEmpty();
        assertThat(postedFor(cis, account)).hasSize(1);
        assertThat(cis.state().account(account).orElseThrow().totalCurrent()).as("the CIS after the payment").isEqualByComparingTo("0");
    }

    private static List<PaymentPosting> postedFor(CisSimulator cis, String account) {
        return cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals(account)).toList();
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
