package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.multispeak.OfficialSchema;
import org.ratepayer.multispeak.Prerequisites;

/**
 * The simulator's WSDL is complete enough for another SOAP stack: Debian's python3-zeep reads
 * it, sends GetPayableItemsList with the header credentials and gets the amounts back.
 * Skipped where zeep is not installed, except on CI (CI=true), which installs it and must run this.
 */
class ZeepInteropTest {

    /** Debian's interpreter: the one on PATH may be another installation without zeep. */
    private static final String PYTHON = "/usr/bin/python3";

    private static CisSimulator cis;

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).build().start();
        cis.state().putAccount(Accounts.prepaid());
    }

    @AfterAll
    static void stop() {
        cis.close();
    }

    @Test
    void zeepCallsGetPayableItemsListThroughTheServedWsdl() throws Exception {
        requireZeep();

        Result run = python(script().toString(), cis.cbUrl() + "?wsdl", Accounts.USER, Accounts.PASSWORD, "1001-2");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode answer = new ObjectMapper().readTree(run.output());
        assertThat(answer.get("company").asText()).isEqualTo("Daffron and Associates, Inc.");
        assertThat(answer.at("/items/0/description").asText()).isEqualTo("Electric");
        // zeep reads xs:float into a Python float; its shortest repr shows the wire value was exact
        assertThat(answer.at("/items/0/currentAmount").asText()).isEqualTo("1234567.89");
        assertThat(answer.at("/items/0/pastDueAmount").asText()).isEqualTo("0.07");
        assertThat(answer.at("/items/1/currentAmount").asText()).isEqualTo("-15.5");
        assertThat(answer.at("/items/0/extensions/0/1").asText()).isEqualTo("4.93");
        assertThat(answer.at("/items/0/extensions/2/0").asText()).isEqualTo("preventCreditCard");
        assertThat(answer.at("/transactionTypes/0").asText()).isEqualTo("Cash Only");
        String raw = answer.get("raw").asText();
        assertThat(raw).contains("<currentAmount>1234567.89</currentAmount>", "<pastDueAmount>0.07</pastDueAmount>");
        OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(raw));
    }

    @Test
    void zeepWithWrongCredentialsGetsAFault() throws Exception {
        requireZeep();

        Result run = python(script().toString(), cis.cbUrl() + "?wsdl", Accounts.USER, "wrong", "1001-2");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Authentication failed");
    }

    private static void requireZeep() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON)) && python("-c", "import zeep").exitCode() == 0;
        Prerequisites.require(available, "python3-zeep (apt-get install -y python3-zeep) for " + PYTHON);
    }

    private static Path script() throws URISyntaxException {
        return Path.of(ZeepInteropTest.class.getResource("zeep_client.py").toURI());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python did not finish: " + output);
        }
        return new Result(process.exitValue(), output.strip());
    }
}
