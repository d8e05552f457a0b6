package org.ratepayer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.springframework.test.context.TestPropertySource;

/**
 * JSON logs (docs/operations.md, "Logs"): with Spring Boot's structured logging in the ECS format every line is one JSON
 * object a log shipper can take as it is, and a payment's line carries the event, not the card it was paid with.
 */
@TestPropertySource(properties = {
        "logging.structured.format.file=ecs",
        "logging.file.name=target/test-logs/json-logs.log"})
class JsonLogsIT extends PlatformIT {

    private static final Path LOG = Path.of("target/test-logs/json-logs.log");
    private static final String TIMES_OUT = "4000000000000259";

    @Test
    void eachLineIsAJsonObjectAndAPaymentsLineCarriesNoCardNumber() throws IOException {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice("9201100000001", "9201-1", "10/01/2026", "25.00", null).text()).status()).isEqualTo(201);
        // the sandbox's card that times out: the platform logs a warning about the payment, left for the repair job
        Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"9201-1","amount":25.00,
                         "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(TIMES_OUT))));
        assertThat(paid.status()).as(paid.body()).isIn(201, 202, 503);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LOG)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                lines.add(node);
            }
        }
        JsonNode imported = lines.stream().filter(l -> l.path("message").asText().startsWith("biller " + b.bid() + " imported"))
                .findFirst().orElseThrow(() -> new AssertionError("no line for the import in " + LOG));
        assertThat(imported.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(imported.path("@timestamp").asText()).isNotEmpty();
        assertThat(imported.path("log").path("logger").asText()).isEqualTo("org.ratepayer.billing.InvoiceImportService");

        JsonNode payment = lines.stream()
                .filter(l -> l.path("message").asText().contains("for biller " + b.bid() + ": processor timeout"))
                .findFirst().orElseThrow(() -> new AssertionError("no line for the payment in " + LOG));
        assertThat(payment.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(payment.toString()).doesNotContain(TIMES_OUT).doesNotContain("\"123\"");
        String whole = Files.readString(LOG);
        for (String secret : org.ratepayer.NoCardDataLeakedIT.SECRETS) {
            assertThat(whole).doesNotContain(secret);
        }
    }
}
