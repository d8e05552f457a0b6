package org.ratepayer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The Grafana dashboard in docs/grafana/ratepayer.json charts only metrics the platform really exposes: every metric
 * name in every panel's PromQL is a sample of a live /actuator/prometheus scrape, taken after a payment, so that a
 * renamed meter breaks this test instead of leaving an empty chart in a utility's monitoring.
 *
 * <p>Spring Boot's tests leave the Prometheus registry out unless asked: this one asks, so it runs in a context of its own.
 */
@AutoConfigureObservability(tracing = false)
class PrometheusDashboardIT extends PlatformIT {

    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "ratepayer.json");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    /** The metric names a PromQL expression reads: what is left once strings, matchers, ranges, groupings and functions are gone. */
    static Set<String> metricNames(String expr) {
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(rest);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theParserFindsMetricsAndNothingElse() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job=~\"$job\"}[5m])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("sum(rate(a_sum[5m])) / sum(rate(a_count{x=\"y\"}[5m])) or max(b) * 100"))
                .containsExactly("a_count", "a_sum", "b");
    }

    @Test
    void everyMetricTheDashboardChartsIsInTheScrape() throws IOException {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice("9101100000001", "9101-1", "10/01/2026", "25.00", null).text()).status()).isEqualTo(201);
        Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"9101-1","amount":25.00,
                         "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""")));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);

        Reply scrape = send(asOperator(request("/actuator/prometheus")).GET());
        assertThat(scrape.status()).isEqualTo(200);
        Set<String> exposed = new TreeSet<>();
        for (String line : scrape.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                exposed.add(line.split("[{ ]", 2)[0]);
            }
        }

        // what the scrape had, to pick a metric from when a chart is added
        Files.write(Path.of("target", "prometheus-metric-names.txt"), exposed);

        JsonNode dashboard = json.readTree(Files.readString(DASHBOARD));
        Map<String, Set<String>> chartedBy = new TreeMap<>();
        List<String> panelsWithoutMetrics = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            Set<String> names = new TreeSet<>();
            for (JsonNode target : panel.get("targets")) {
                names.addAll(metricNames(target.get("expr").asText()));
            }
            if (names.isEmpty()) {
                panelsWithoutMetrics.add(panel.get("title").asText());
            }
            names.forEach(n -> chartedBy.computeIfAbsent(n, k -> new TreeSet<>()).add(panel.get("title").asText()));
        }
        assertThat(panelsWithoutMetrics).isEmpty();
        assertThat(chartedBy).containsKeys("ratepayer_payments_total", "ratepayer_postings_pending",
                "ratepayer_cis_balance_seconds_bucket", "http_server_requests_seconds_bucket", "hikaricp_connections_active",
                "ratepayer_settlement_mismatches_total");
        Map<String, Set<String>> missing = new TreeMap<>(chartedBy);
        missing.keySet().removeAll(exposed);
        assertThat(missing).as("metrics charted (with their panels) but absent from /actuator/prometheus").isEmpty();
    }
}
