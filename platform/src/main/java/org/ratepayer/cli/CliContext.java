package org.ratepayer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ratepayer.RatepayerApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform's services without the web server, for command-line tools. It uses the database
 * the server uses: SPRING_DATASOURCE_URL when set; else the running demo's embedded PostgreSQL
 * (found through data/demo.json); else it starts the embedded one itself.
 */
final class CliContext {

    private CliContext() {
    }

    static ConfigurableApplicationContext open(String dataDir) {
        Path data = Path.of(dataDir != null ? dataDir
                : System.getenv().getOrDefault("RATEPAYER_DATA_DIR", "data"));
        List<String> args = new ArrayList<>(List.of(
                "--spring.main.web-application-type=none",
                "--db-scheduler.enabled=false",
                "--ratepayer.drop-folder.enabled=false",
                "--ratepayer.data-dir=" + data,
                "--logging.level.root=warn",
                "--logging.level.org.ratepayer=warn"));
        if (System.getenv("SPRING_DATASOURCE_URL") == null) {
            runningDemoDatabase(data).ifPresent(url -> args.add("--spring.datasource.url=" + url));
            if (args.stream().anyMatch(a -> a.startsWith("--spring.datasource.url"))) {
                args.add("--spring.datasource.username=postgres");
            }
        }
        if (Files.exists(data.resolve("demo.json"))) {
            args.add("--ratepayer.environment=TEST");
            // links a command prints (a sign-on link) point at the running demo, as its own pages do
            if (System.getenv("RATEPAYER_PUBLIC_URL") == null) {
                demoBaseUrl(data).ifPresent(url -> args.add("--ratepayer.public-url=" + url));
            }
        }
        SpringApplication app = new SpringApplication(RatepayerApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        return app.run(args.toArray(String[]::new));
    }

    private static java.util.Optional<String> demoBaseUrl(Path data) {
        try {
            JsonNode node = new ObjectMapper().readTree(data.resolve("demo.json").toFile()).path("baseUrl");
            return node.isTextual() && !node.asText().isBlank() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> runningDemoDatabase(Path data) {
        Path manifest = data.resolve("demo.json");
        if (!Files.exists(manifest)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(manifest.toFile()).path("jdbcUrl");
            if (node.isMissingNode() || node.asText().isBlank()) {
                return java.util.Optional.empty();
            }
            String url = node.asText();
            URI uri = URI.create(url.substring("jdbc:".length()));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
                return java.util.Optional.of(url);
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
