package org.ratepayer.multispeak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ratepayer.multispeak.v3.GetPayableItemsList;
import org.xml.sax.InputSource;

/**
 * A reply declaring a DOCTYPE or external entities is refused, and nothing it points at is read:
 * neither a local file (a named pipe proves it was never opened) nor a local URL (a counting server
 * proves it was never fetched).
 */
class ExternalEntityReplyTest {

    @TempDir
    Path dir;

    private FakeCis cis;
    private HitCounter monitor;
    private MultiSpeakClientFactory factory;
    private CbClient client;

    @BeforeEach
    void start() throws Exception {
        cis = new FakeCis();
        monitor = new HitCounter();
        factory = new MultiSpeakClientFactory();
        client = factory.client(new CbEndpoint(cis.url(), "InvoiceCloud", "pw", Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        factory.close();
        cis.close();
        monitor.close();
    }

    private static String replyWith(String doctype, String description) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + doctype
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GetPayableItemsListResponse xmlns=\"http://www.multispeak.org/Version_3.0\">"
                + "<GetPayableItemsListResult><payableItem><currentAmount>1</currentAmount>"
                + "<description>" + description + "</description></payableItem></GetPayableItemsListResult>"
                + "</GetPayableItemsListResponse></soap:Body></soap:Envelope>";
    }

    @Test
    void entityPointingAtALocalFileIsNeverOpened() throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("secret.pipe"));
        Prerequisites.require(fifo != null, "mkfifo");
        try (fifo) {
            cis.answering(r -> FakeCis.Reply.xml(replyWith(
                    "<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"" + fifo.path().toUri() + "\">]>", "&xxe;")));

            assertThatThrownBy(() -> client.getPayableItemsList("1001"))
                    .isInstanceOf(MultiSpeakMalformedReplyException.class)
                    .hasMessageNotContaining("SECRET-FROM-DISK");
            assertThat(fifo.wasOpened(300)).as("the pipe was opened for reading").isFalse();
        }
    }

    @Test
    void controlThePipeDoesDetectAParserThatResolvesEntities() throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("control.pipe"));
        Prerequisites.require(fifo != null, "mkfifo");
        try (fifo) {
            String hostile = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + fifo.path().toUri() + "\">]><x>&xxe;</x>";
            Thread careless = new Thread(() -> {
                try {
                    // the JDK's default DOM parser resolves external entities
                    DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new InputSource(new StringReader(hostile)));
                } catch (Exception ignored) {
                    // only the opening matters
                }
            });
            careless.start();
            assertThat(fifo.wasOpened(5000)).isTrue();
            careless.join(5000);
        }
    }

    @Test
    void entityPointingAtARegularFileLeaksNothing() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-FROM-DISK", StandardCharsets.UTF_8);
        cis.answering(r -> FakeCis.Reply.xml(replyWith(
                "<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>", "&xxe;")));

        assertThatThrownBy(() -> client.getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class)
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("SECRET-FROM-DISK"));
    }

    @Test
    void entitiesPointingAtALocalUrlAreNeverFetched() {
        cis.answering(r -> FakeCis.Reply.xml(replyWith(
                "<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"" + monitor.url("/general") + "\">"
                        + "<!ENTITY % remote SYSTEM \"" + monitor.url("/parameter") + "\"> %remote;]>",
                "&xxe;")));

        assertThatThrownBy(() -> client.getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
        assertThat(monitor.hits()).isZero();
    }

    @Test
    void externalDtdIsNeverFetched() {
        cis.answering(r -> FakeCis.Reply.xml(replyWith(
                "<!DOCTYPE soap:Envelope SYSTEM \"" + monitor.url("/external.dtd") + "\">", "plain")));

        assertThatThrownBy(() -> client.getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
        assertThat(monitor.hits()).isZero();
    }

    @Test
    void aDoctypeWithoutEntitiesIsRefusedToo() {
        cis.answering(r -> FakeCis.Reply.xml(replyWith("<!DOCTYPE soap:Envelope>", "plain")));

        assertThatThrownBy(() -> client.getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
    }

    @Test
    void theSchemaValidatorAndUnmarshallerRefuseEntitiesToo() throws Exception {
        String hostile = "<!DOCTYPE GetPayableItemsList [<!ENTITY xxe SYSTEM \"" + monitor.url("/v") + "\">]>"
                + "<GetPayableItemsList xmlns=\"http://www.multispeak.org/Version_3.0\">"
                + "<accountNumber>&xxe;</accountNumber></GetPayableItemsList>";
        MultiSpeakXml xml = new MultiSpeakXml();

        assertThatThrownBy(() -> xml.unmarshal(hostile, GetPayableItemsList.class))
                .isInstanceOf(IllegalArgumentException.class);
        OfficialSchema.ifAvailable().ifPresent(schema -> assertThat(schema.problems(hostile)).isNotEmpty());
        assertThat(monitor.hits()).isZero();
    }

    private static String stackText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
