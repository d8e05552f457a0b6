package org.ratepayer.notifications.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.shared.config.RatepayerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A demo payment's receipt shows on the demo mailbox page named in data/demo.json. The annotations
 * match DemoIT's on purpose, so both share one demo context instead of starting a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ratepayer.data-dir=target/test-data/demo-${random.uuid}",
        "ratepayer.environment=TEST",
        "db-scheduler.enabled=false"})
@ActiveProfiles("demo")
class DemoMailboxIT {

    @Autowired
    RatepayerProperties props;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDemoPaymentsReceiptIsOnTheMailboxPage() throws Exception {
        JsonNode manifest = json.readTree(props.dataDir().resolve("demo.json").toFile());
        String baseUrl = manifest.get("baseUrl").asText();
        assertThat(manifest.get("mailbox").asText()).isEqualTo(baseUrl + "/demo/mailbox");
        String apiKey = manifest.at("/billers/0/apiKey").asText();
        String account = jdbc.sql("""
                select account_number from invoice where biller_id = 2178 and status = 'OPEN'
                order by account_number offset 100 limit 1""").query(String.class).single();

        HttpResponse<String> balance = send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/v1/billers/2178/accounts/" + account + "/balance")).header("X-Api-Key", apiKey));
        assertThat(balance.statusCode()).as(balance.body()).isEqualTo(200);
        BigDecimal due = json.readTree(balance.body()).get("balanceDue").decimalValue();
        BigDecimal amount = due.signum() > 0 ? due : new BigDecimal("10.00");
        String payer = "demo-payer-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/billers/2178/payments"))
                .header("X-Api-Key", apiKey).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"POS","accountNumber":"%s","amount":%s,"payerEmail":"%s",
                         "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"28570"}}"""
                        .formatted(account, amount.toPlainString(), payer))));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(json.readTree(paid.body()).get("status").asText()).isEqualTo("APPROVED");

        HttpRequest.Builder mailbox = HttpRequest.newBuilder(URI.create(manifest.get("mailbox").asText()));
        await().atMost(Duration.ofSeconds(20)).until(() -> send(mailbox).body().contains(payer));
        HttpResponse<String> page = send(mailbox);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Payment receipt — Carteret-Craven Electric Cooperative", account, "ending in 1111")
                .doesNotContain("4111111111111111");
    }
}
