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
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * JSON logs (docs/operations.md, "Logs"): with Spring Boot's structured logging in the ECS format every line is one JSON
 * object a log shipper can take as it is, and a payment's line carries the event, not the card it was paid with.
 *
 * <p>The ECS encoder that {@code logging.structured.format.*=ecs} configures is attached here for the test's duration:
 * Logback is configured once per JVM, by whichever test's application starts first, so properties of this class's own
 * would be ignored whenever another test ran before it.
 */
class JsonLogsIT extends PlatformIT {

    private static final String TIMES_OUT = "4000000000000259";

    private Path log;
    private FileAppender<ILoggingEvent> appender;

    @BeforeEach
    void logAsEcsJsonToAFile() throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        log = Files.createTempDirectory(Path.of("target"), "json-logs").resolve("json-logs.log");
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        appender = new FileAppender<>();
        appender.setName("json-logs-it");
        appender.setFile(log.toString());
        appender.setEncoder(encoder);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @AfterEach
    void detach() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

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
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                lines.add(node);
            }
        }
        JsonNode imported = lines.stream().filter(l -> l.path("message").asText().startsWith("biller " + b.bid() + " imported"))
                .findFirst().orElseThrow(() -> new AssertionError("no line for the import in " + log));
        assertThat(imported.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(imported.path("@timestamp").asText()).isNotEmpty();
        assertThat(imported.path("log").path("logger").asText()).isEqualTo("org.ratepayer.billing.InvoiceImportService");

        JsonNode payment = lines.stream()
                .filter(l -> l.path("message").asText().contains("for biller " + b.bid() + ": processor timeout"))
                .findFirst().orElseThrow(() -> new AssertionError("no line for the payment in " + log));
        assertThat(payment.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(payment.toString()).doesNotContain(TIMES_OUT).doesNotContain("\"123\"");
        String whole = Files.readString(log);
        for (String secret : org.ratepayer.NoCardDataLeakedIT.SECRETS) {
            assertThat(whole).doesNotContain(secret);
        }
    }
}
