package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The simulator run alone: options, printed URLs, and a clean stop on SIGINT. */
class StandaloneTest {

    private final Http http = new Http();

    @Test
    void parsesOptionsWithDefaults() {
        CommandLine defaults = CommandLine.parse(new String[0]);
        assertThat(defaults).isEqualTo(new CommandLine("127.0.0.1", 8083, 8086, 8087, "InvoiceCloud", "simulator",
                null, false));

        CommandLine given = CommandLine.parse(new String[] {"--cb-port", "0", "--eprint-port=1", "--admin-port", "2",
                "--host", "0.0.0.0", "--user", "u", "--password", "p", "--admin-token", "t0123456789abcdef"});
        assertThat(given).isEqualTo(new CommandLine("0.0.0.0", 0, 1, 2, "u", "p", "t0123456789abcdef", false));
        assertThat(given.toString()).doesNotContain("password=p").doesNotContain("t0123456789abcdef");
        assertThat(CommandLine.parse(new String[] {"--help"}).help()).isTrue();
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--cb-port", "x"}))
                .hasMessageContaining("--cb-port");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--cb-port", "70000"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--user"}))
                .hasMessageContaining("missing value");
    }

    @Test
    void aPortInUseFailsTheStartClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CisSimulator simulator = CisSimulator.builder().cbPort(0).eprintPort(taken.getLocalPort()).adminPort(0)
                    .build();

            assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot start the CIS simulator");
            assertThatThrownBy(simulator::cbUrl).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void mainPrintsItsUrlsServesAndStopsOnSigint() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CisSimulator.class.getName(), "--cb-port", "0", "--eprint-port", "0", "--admin-port", "0",
                "--password", "pw").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> lines = readUntilAdminToken(process);
            String admin = find(lines, "admin \\(JSON\\):\\s+(\\S+)");
            String token = find(lines, "admin token:\\s+(\\S+)");
            String cb = find(lines, "CB \\(MultiSpeak 3.0\\):\\s+(\\S+)");
            assertThat(cb).matches("http://127\\.0\\.0\\.1:\\d+/tbx-daily/services/CB");
            assertThat(find(lines, "eprint \\(PDF bills\\):\\s+(\\S+)")).matches("http://127\\.0\\.0\\.1:\\d+/eprint/");
            assertThat(http.get(admin + "/faults").statusCode()).as("no token").isEqualTo(401);
            assertThat(new Http(token).get(admin + "/faults").statusCode()).isEqualTo(200);
            assertThat(http.get(cb + "?wsdl").body()).contains("CB_Server");

            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGINT").isTrue();
            assertThat(process.exitValue()).isEqualTo(130);
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> readUntilAdminToken(Process process) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("admin token")) {
                return lines;
            }
        }
        throw new AssertionError("the simulator did not print its URLs: " + lines);
    }

    private static String find(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no line matching " + regex + " in " + lines);
    }
}
