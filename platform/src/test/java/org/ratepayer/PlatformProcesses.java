package org.ratepayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real platform processes (the packaged jar) sharing one PostgreSQL, for tests that kill one with SIGKILL and let
 * others take over. Each process logs to {@code work/NAME.log}; closing this kills whatever is still running.
 */
public final class PlatformProcesses implements AutoCloseable {

    public static final String TOKEN = "rp_test_op_multiprocess0000000000000000";

    private final EmbeddedPostgres pg;
    private final Path work;
    private final Map<String, String> env;
    private final String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** {@code env}: what these processes need besides the database, the keys and the operator token. */
    public PlatformProcesses(EmbeddedPostgres pg, Path work, Map<String, String> env) {
        this.pg = pg;
        this.work = work;
        this.env = new LinkedHashMap<>(env);
    }

    public Process start(String name, int port) throws IOException {
        Path jar = Path.of("target", "ratepayer-exec.jar").toAbsolutePath();
        assertThat(jar).as("the packaged platform (mvn package runs before the integration tests)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data-dir", work.resolve(name).toString());
        Map<String, String> e = pb.environment();
        e.put("SPRING_DATASOURCE_URL", pg.getJdbcUrl("postgres", "postgres"));
        e.put("SPRING_DATASOURCE_USERNAME", "postgres");
        e.put("RATEPAYER_MASTER_KEY", masterKey);
        e.put("RATEPAYER_OPERATOR_TOKEN", TOKEN);
        e.put("RATEPAYER_ENVIRONMENT", "TEST");
        e.put("RATEPAYER_DROP_FOLDER_ENABLED", "false");
        e.putAll(env);
        pb.redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    public void awaitHealthy(int port) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /** A call as the operator (or with {@code apiKey} when given) that must succeed; its JSON answer. */
    public JsonNode call(int port, String method, String path, String body) throws Exception {
        return call(port, method, path, body, null);
    }

    public JsonNode call(int port, String method, String path, String body, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        b = apiKey == null ? b.header("Authorization", "Bearer " + TOKEN) : b.header("X-Api-Key", apiKey);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
    }

    /** An invoice file uploaded as its CIS uploads it, with the biller's web-service key. */
    public void upload(int port, long bid, String webServiceKey, String fileName, String content) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/billers/" + bid
                + "/invoice-files?fileName=" + fileName)).header("X-Api-Key", webServiceKey)
                .POST(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("upload: " + r.body()).isEqualTo(201);
    }

    public long scalar(String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The query's rows, one line each with its columns joined by spaces: for a failure's message. */
    public String rows(String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
