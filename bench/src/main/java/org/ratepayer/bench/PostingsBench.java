package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ratepayer.billers.BillerService;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PaymentPosting;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data pump draining a queue of approved-payment postings into the Daffron simulator, with and
 * without 20% of the CIS calls failing, against a baseline measured in the same run: the same
 * payments POSTed straight to the simulator as CommitPaymentTransaction calls of the same size, by as
 * many threads as the platform has workers. Also counts what a pump must never do: lose a payment or
 * post one twice.
 *
 * <p>Usage: {@code PostingsBench [--postings N] [--accounts N] [--workers N] [--json FILE]}
 */
public final class PostingsBench {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-pw";
    private static final int ITEMS_PER_CALL = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostingsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int postings = Integer.parseInt(o.getOrDefault("--postings", "100000"));
        int accounts = Integer.parseInt(o.getOrDefault("--accounts", "10000"));
        int workers = Integer.parseInt(o.getOrDefault("--workers", "4"));
        int warmup = Integer.parseInt(o.getOrDefault("--warmup-postings", "30000"));
        Path json = o.containsKey("--json") ? Path.of(o.get("--json")) : null;
        BenchPlatform.runAndExit(null, false, 30, work -> run(work, postings, accounts, workers, warmup, json));
    }

    private static void run(Path work, int postings, int accounts, int workers, int warmup, Path json) throws Exception {
        try (CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials(USER, PASSWORD).build().start();
                ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), false, List.of(),
                        "--ratepayer.environment=TEST",
                        "--ratepayer.postings.workers=" + workers,
                        "--ratepayer.postings.claim-size=" + ITEMS_PER_CALL * 2,
                        "--ratepayer.postings.poll-interval=20ms",
                        "--ratepayer.postings.backoff-base=50ms",
                        "--ratepayer.postings.backoff-max=1s",
                        "--ratepayer.postings.max-attempts=1000",
                        // each failed CIS call is a warning in production; here 20% of them are failing on purpose
                        "--logging.level.org.ratepayer.postings=error")) {
            BillerService billers = ctx.getBean(BillerService.class);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            long bid = biller.biller().bid();
            billers.setSetting(bid, 11, TextNode.valueOf(cis.cbUrl()), "bench");
            billers.setSetting(bid, 12, TextNode.valueOf(USER), "bench");
            billers.setSetting(bid, 13, TextNode.valueOf(PASSWORD), "bench");
            billers.setSetting(bid, 131, JSON.readTree("{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}"),
                    "bench");
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            DataSource ds = ctx.getBean(DataSource.class);
            say("%,d payment postings over %,d accounts; platform: %d workers, %d items per CIS call", postings, accounts,
                    workers, ITEMS_PER_CALL);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("postings", postings);
            figures.put("accounts", accounts);
            figures.put("workers", workers);
            figures.put("itemsPerCall", ITEMS_PER_CALL);
            figures.put("machine", Machine.describe());

            say("baseline: the same payments POSTed straight to the simulator, %d threads", workers);
            cis.state().reset();
            double baseline = baseline(cis.cbUrl(), postings, accounts, workers);
            say("  %,.0f postings/s", baseline);
            figures.put("baselinePerSecond", Report.round(baseline, 0));

            say("warm-up: draining %,d postings, not measured", warmup);
            drain(jdbc, ds, bid, warmup, accounts);
            for (double failureRate : new double[] {0, 0.2}) {
                cis.state().reset();
                cis.state().setFaults(failureRate == 0 ? FaultPlan.NONE : FaultPlan.failing(failureRate));
                double secs = drain(jdbc, ds, bid, postings, accounts);
                cis.state().clearFaults();
                List<PaymentPosting> posted = cis.state().postings().payments();
                long distinct = posted.stream().map(PaymentPosting::transactionId).distinct().count();
                long redelivered = posted.stream().mapToLong(p -> p.arrivals() - 1).sum();
                long retried = jdbc.sql("select count(*) from posting where biller_id = ? and attempts > 1").param(bid)
                        .query(Long.class).single();
                String name = failureRate == 0 ? "quiet" : "failing20";
                figures.put("loadAverageAfter" + (failureRate == 0 ? "Quiet" : "Failing20"), Machine.loadAverage());
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("seconds", Report.round(secs, 2));
                r.put("perSecond", Report.round(postings / secs, 0));
                r.put("ratioToBaseline", Report.round(postings / secs / baseline, 2));
                r.put("lost", postings - distinct);
                r.put("doublePosted", posted.size() - distinct);
                r.put("redeliveredAndRefusedAsDuplicate", redelivered);
                r.put("postingsRetried", retried);
                figures.put(name, r);
                say("%s (%.0f%% of CIS calls failing): %,d postings in %.2f s = %,.0f/s (%.2f of baseline); lost %d, double-posted %d, "
                        + "retried %,d, redelivered %,d", name, failureRate * 100, postings, secs, postings / secs,
                        postings / secs / baseline, postings - distinct, posted.size() - distinct, retried, redelivered);
            }
            if (json != null) {
                Report.writeJson(json, figures);
            }
        }
    }

    /** Queues {@code postings}, makes them due at once, and waits until all are delivered. @return seconds from due to delivered */
    private static double drain(JdbcClient jdbc, DataSource ds, long bid, int postings, int accounts) throws Exception {
        jdbc.sql("delete from posting where biller_id = ?").param(bid).update();
        queue(ds, bid, postings, accounts);
        long start = System.nanoTime();
        jdbc.sql("update posting set next_attempt_at = now() where biller_id = ? and status = 'PENDING'").param(bid).update();
        while (jdbc.sql("select count(*) from posting where biller_id = ? and status <> 'DELIVERED'").param(bid)
                .query(Long.class).single() > 0) {
            Thread.sleep(50);
        }
        return Report.seconds(System.nanoTime() - start);
    }

    /** Queues the postings not yet due, as approvals would have (round-robin over accounts), so the drain is timed alone. */
    private static void queue(DataSource ds, long bid, int postings, int accounts) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into posting (posting_guid, biller_id, kind, order_key, payload, next_attempt_at)
                values (?, ?, 'CIS_PAYMENT', ?, ?::jsonb, 'infinity')""")) {
            for (int i = 0; i < postings; i++) {
                UUID id = UUID.randomUUID();
                String account = account(i % accounts);
                ps.setObject(1, id);
                ps.setLong(2, bid);
                ps.setString(3, account);
                ps.setString(4, JSON.writeValueAsString(Map.of("postingId", id, "accountNumber", account, "paymentGuid",
                        UUID.randomUUID(), "tender", "CARD", "amount", amount(i), "approvalCode", String.format("%06d", i % 1_000_000),
                        "paymentSourceId", 0, "donation", false)));
                ps.addBatch();
                if (i % 5_000 == 4_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static String account(int n) {
        return (100_000 + n) + "-1";
    }

    private static String amount(int i) {
        return (10 + i % 500) + "." + String.format("%02d", i % 100);
    }

    /** CommitPaymentTransaction calls of {@link #ITEMS_PER_CALL} payments, as the connector sends them, on {@code threads} threads. */
    private static double baseline(String cbUrl, int postings, int accounts, int threads) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int from;
                while ((from = next.getAndAdd(ITEMS_PER_CALL)) < postings) {
                    StringBuilder items = new StringBuilder();
                    for (int i = from; i < Math.min(postings, from + ITEMS_PER_CALL); i++) {
                        items.append("<paymentTransaction><accountNumber>").append(account(i % accounts))
                                .append("</accountNumber><creditCardPayment><tender><extensionsList><extensionsItem>")
                                .append("<extName>transactionId</extName><extValue>").append(UUID.randomUUID())
                                .append("</extValue><extType>string</extType></extensionsItem></extensionsList><amount>")
                                .append(amount(i)).append("</amount><authorizationCode>").append(String.format("%06d", i % 1_000_000))
                                .append("</authorizationCode><paymentMode>WEB</paymentMode></tender></creditCardPayment>")
                                .append("</paymentTransaction>");
                    }
                    String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
                            + "<MultiSpeakMsgHeader xmlns=\"http://www.multispeak.org/Version_3.0\" UserID=\"" + USER + "\" Pwd=\""
                            + PASSWORD + "\"/></soap:Header><soap:Body><CommitPaymentTransaction xmlns=\"http://www.multispeak.org/Version_3.0\">"
                            + "<transactions>" + items + "</transactions></CommitPaymentTransaction></soap:Body></soap:Envelope>";
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cbUrl)).header("Content-Type", "text/xml; charset=UTF-8")
                            .header("SOAPAction", "\"http://www.multispeak.org/Version_3.0/CommitPaymentTransaction\"")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains("Success")) {
                        throw new IllegalStateException("baseline call refused: " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double secs = Report.seconds(System.nanoTime() - start);
        pool.shutdown();
        return postings / secs;
    }
}
