package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The channel-payment benchmark through HAProxy, first with one platform node behind it and then with two sharing the
 * same PostgreSQL (docs/benchmarks.md, "Two nodes"). On one machine the nodes share its cores, so the second figure
 * shows what coordinating through the database costs, not a speed-up. Each phase is measured against the one-row API
 * read through the same proxy, like {@code PaymentsBench}.
 *
 * <p>Usage: {@code TwoNodesBench [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N] [--json FILE]}
 */
public final class TwoNodesBench {

    private TwoNodesBench() {
    }

    public static void main(String[] args) throws IOException {
        AgainstApiRead.Options o = AgainstApiRead.Options.parse(args);
        BenchPlatform.runAndExit(null, false, 30, work -> run(work, o));
    }

    private static void run(Path work, AgainstApiRead.Options o) throws Exception {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            throw new IllegalStateException("HAProxy is not installed (Debian: apt-get install haproxy)");
        }
        String[] common = {"--ratepayer.environment=TEST", "--logging.level.org.ratepayer.notifications=error",
            // the proxy forwards the client's address; the nodes believe it only from the proxy
            "--ratepayer.trusted-proxies=127.0.0.1/32"};
        try (ConfigurableApplicationContext first = BenchPlatform.start(work.resolve("data"), true, List.of(), common)) {
            HikariDataSource db = (HikariDataSource) first.getBean(DataSource.class);
            List<String> second = new ArrayList<>(List.of(common));
            // the second node: the first one's database (its embedded PostgreSQL) and data directory (its master key)
            second.addAll(List.of("--spring.datasource.url=" + db.getJdbcUrl(), "--spring.datasource.username=" + db.getUsername(),
                    "--spring.datasource.password=" + (db.getPassword() == null ? "" : db.getPassword())));
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(first);
            String apiKey = AgainstApiRead.testKey(biller, KeyKind.API);
            AgainstApiRead.importBills(first, biller, work, "two-nodes", o.accounts());
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            List<PaymentsBench.Account> accounts = PaymentsBench.payable(jdbc);

            Map<String, Object> figures = new LinkedHashMap<>();
            int nodeA = BenchPlatform.port(first);
            Map<String, Object> one;
            try (Proxy proxy = Proxy.start(haproxy, work.resolve("one-node.cfg"), List.of(nodeA))) {
                say("one node on port %d behind HAProxy on port %d; %,d accounts; %d threads", nodeA, proxy.port, accounts.size(),
                        o.threads());
                one = measure(o, proxy.port, apiKey, accounts, "one");
            }
            Map<String, Object> two;
            try (ConfigurableApplicationContext other = BenchPlatform.start(work.resolve("data"), true, List.of(),
                    second.toArray(String[]::new))) {
                int nodeB = BenchPlatform.port(other);
                try (Proxy proxy = Proxy.start(haproxy, work.resolve("two-nodes.cfg"), List.of(nodeA, nodeB))) {
                    say("two nodes on ports %d and %d behind HAProxy on port %d", nodeA, nodeB, proxy.port);
                    two = measure(o, proxy.port, apiKey, accounts, "two");
                }
            }
            double onePerSecond = (Double) one.get("payments_per_second");
            double twoPerSecond = (Double) two.get("payments_per_second");
            figures.put("benchmark", "two-nodes");
            figures.put("one_node_payments_per_second", onePerSecond);
            figures.put("two_nodes_payments_per_second", twoPerSecond);
            figures.put("two_to_one_ratio", Report.round(twoPerSecond / onePerSecond, 3));
            figures.put("one_node", one);
            figures.put("two_nodes", two);
            long approved = jdbc.sql("select count(*) from payment where biller_id = ? and status = 'APPROVED'")
                    .param(BenchPlatform.BID).query(Long.class).single();
            long doubled = jdbc.sql("""
                    select count(*) from (select idempotency_key from payment where biller_id = ? group by idempotency_key
                    having count(*) > 1) d""").param(BenchPlatform.BID).query(Long.class).single();
            figures.put("approved_payments_in_database", approved);
            figures.put("payments_with_a_repeated_key", doubled);
            System.out.println();
            System.out.printf("Two nodes against one, both behind HAProxy, on %d cores:%n", Runtime.getRuntime().availableProcessors());
            System.out.printf("  one node   %8.1f payments/s%n  two nodes  %8.1f payments/s%n  ratio      %.3f (two/one)%n",
                    onePerSecond, twoPerSecond, twoPerSecond / onePerSecond);
            if (doubled != 0) {
                throw new IllegalStateException(doubled + " idempotency keys hold more than one payment");
            }
            AgainstApiRead.write(o.json(), figures);
        }
    }

    private static Map<String, Object> measure(AgainstApiRead.Options o, int port, String apiKey, List<PaymentsBench.Account> accounts,
            String phase) throws InterruptedException {
        return AgainstApiRead.measure(PaymentsBench.PAYMENTS, o, port, apiKey,
                i -> new PaymentsBench.PaymentWorker(port, apiKey, accounts, i, o.threads(), phase + "w"),
                i -> new PaymentsBench.PaymentWorker(port, apiKey, accounts, i, o.threads(), phase + "m"));
    }

    /** HAProxy in front of the nodes: round robin without stickiness, as docs/ops/haproxy.cfg deploys it. */
    private static final class Proxy implements AutoCloseable {
        private final Process process;
        final int port;

        private Proxy(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Proxy start(Path haproxy, Path cfg, List<Integer> nodes) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            StringBuilder text = new StringBuilder("""
                    global
                        maxconn 4096
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 60s
                        timeout server 60s
                        option http-keep-alive
                        option forwardfor
                    frontend ratepayer
                        bind 127.0.0.1:%d
                        default_backend nodes
                    backend nodes
                        balance roundrobin
                        http-reuse safe
                    """.formatted(port));
            for (int i = 0; i < nodes.size(); i++) {
                text.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodes.get(i)).append('\n');
            }
            Files.writeString(cfg, text);
            Process p = new ProcessBuilder(haproxy.toString(), "-f", cfg.toString(), "-db").redirectErrorStream(true)
                    .redirectOutput(cfg.resolveSibling(cfg.getFileName() + ".log").toFile()).start();
            for (int tries = 0; tries < 100; tries++) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return new Proxy(p, probe.getPort());
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("HAProxy stopped: " + Files.readString(cfg.resolveSibling(cfg.getFileName() + ".log")));
                    }
                    Thread.sleep(100);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("HAProxy did not listen on port " + port);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
