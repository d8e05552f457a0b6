package org.ratepayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (the Debian package) in front of platform nodes on this machine, configured as docs/ops/haproxy.cfg
 * recommends: round robin with no sticky sessions (so one browser's consecutive requests land on different nodes),
 * a health check on {@code /actuator/health} that takes a killed node out of the rotation within about two seconds,
 * connection failures retried on another node, and {@code X-Forwarded-For} set by the proxy. Each answer carries the
 * serving node's name in {@code X-Served-By}, for the test to see the requests alternate. The configuration and the
 * proxy's log are written to the test's work directory; closing stops the proxy.
 */
public final class Haproxy implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final int port;

    private Haproxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts HAProxy on a free port of 127.0.0.1 with {@code nodes} (name to port) as its backends, and waits until it
     * answers. Fails, never skips, when HAProxy is not installed: CI installs it (.ci/run).
     */
    public static Haproxy start(Path work, Map<String, Integer> nodes) throws IOException {
        return start(work, nodes, PlatformProcesses.freePort());
    }

    /** On a port chosen before, for nodes that must know their public address (ratepayer.public-url) when they start. */
    public static Haproxy start(Path work, Map<String, Integer> nodes, int port) throws IOException {
        assertThat(Files.isExecutable(EXECUTABLE)).as("HAProxy is needed for the multi-node test and is not installed at " + EXECUTABLE
                + ": apt-get install haproxy (the Debian package; .ci/run installs it)").isTrue();
        Path cfg = work.resolve("haproxy.cfg");
        Files.writeString(cfg, config(port, nodes), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(EXECUTABLE.toString(), "-f", cfg.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(work.resolve("haproxy.log").toFile());
        Haproxy proxy = new Haproxy(pb.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            assertThat(proxy.process.isAlive()).as("HAProxy exited at once; see " + work.resolve("haproxy.log")).isTrue();
            return http.send(HttpRequest.newBuilder(URI.create(proxy.url("/actuator/health"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
        return proxy;
    }

    /** The configuration: the same shape as docs/ops/haproxy.cfg, with this test's ports and shorter timeouts. */
    static String config(int port, Map<String, Integer> nodes) {
        StringBuilder servers = new StringBuilder();
        new LinkedHashMap<>(nodes).forEach((name, nodePort) -> servers.append("    server ").append(name).append(" 127.0.0.1:")
                .append(nodePort).append(" check\n"));
        return """
                global
                    log stdout format raw local0 info
                    maxconn 2000

                defaults
                    mode http
                    log global
                    option httplog
                    option dontlognull
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    timeout http-request 10s
                    # a connection refused by a node that just died is tried again, on another node; a request a node has
                    # begun to answer is never replayed (a payment must not be sent twice by the proxy)
                    retries 3
                    retry-on conn-failure
                    option redispatch 1

                frontend payers
                    bind 127.0.0.1:%d
                    option forwardfor
                    default_backend nodes

                backend nodes
                    # no stickiness: sessions, throttles and every other state live in PostgreSQL
                    balance roundrobin
                    option httpchk GET /actuator/health
                    http-check expect status 200
                    # a node that stops answering is out within about a second (two checks, 500 ms apart), and back
                    # after two good ones
                    default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2
                    http-response set-header X-Served-By %%s
                %s""".formatted(port, servers);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
