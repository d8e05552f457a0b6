package org.ratepayer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ratepayer.runtime.RatepayerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
}
