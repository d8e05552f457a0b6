package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.billers.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pay Now session creations ({@code POST /cloudpaymentsapi/v2}, SPEC C7) per second and their latency,
 * against the authenticated API read as the baseline in the same run on the same server. Each request is
 * the seed's shape: CreateCustomerRecord true for one customer with one invoice (an account and invoice
 * the biller already has, so the request updates them, as a partner re-sending its customer does), a
 * PostBackURL and ReturnURL on the partner's allowed origin, and answers with a one-time URL.
 *
 * <p>Usage: {@code PayNowBench [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N] [--json FILE]}
 */
public final class PayNowBench {

    private static final int CLIENT_TIMEOUT_MILLIS = 30_000;

    private PayNowBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int threads = Integer.parseInt(o.getOrDefault("--threads", "8"));
        double seconds = Double.parseDouble(o.getOrDefault("--seconds", "20"));
        double warmup = Double.parseDouble(o.getOrDefault("--warmup-seconds", "10"));
        int accounts = Integer.parseInt(o.getOrDefault("--accounts", "2000"));
        Path json = o.containsKey("--json") ? Path.of(o.get("--json")) : null;
        BenchPlatform.runAndExit(null, false, 20, work -> run(work, threads, seconds, warmup, accounts, json));
    }

    private record Invoice(String account, String number, String amount) {
    }

    private static void run(Path work, int threads, double seconds, double warmup, int accountCount, Path json) throws Exception {
        try (ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), true, List.of(),
                "--ratepayer.environment=TEST")) {
            int port = BenchPlatform.port(ctx);
            BillerService billers = ctx.getBean(BillerService.class);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            String apiKey = key(biller, KeyKind.API);
            String cpv2Key = key(biller, KeyKind.CPV2);
            billers.setSetting(BenchPlatform.BID, ConfigCatalogue.SET_PAYNOW_ORIGINS, TextNode.valueOf("https://portal.example"),
                    BenchPlatform.ACTOR);
            billers.setSetting(BenchPlatform.BID, ConfigCatalogue.SET_PAYNOW_POSTBACK_SECRET,
                    TextNode.valueOf("whsec_" + Base64.getEncoder().encodeToString(new byte[32])), BenchPlatform.ACTOR);
            Path bif = work.resolve("paynow.bif");
            BenchPlatform.writeBif(bif, 2178, biller.biller().guid().toString(), accountCount);
            ImportOutcome imported = ctx.getBean(InvoiceImportService.class).importFile(BenchPlatform.BID, bif, "paynow.bif",
                    ImportSource.CLI, BenchPlatform.ACTOR);
            if (imported.status() != ImportOutcome.Status.IMPORTED) {
                throw new IllegalStateException("import failed: " + imported.errors());
            }
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            List<Invoice> invoices = jdbc.sql("""
                    select account_number, invoice_number, total_amount_due from invoice
                    where biller_id = ? and status = 'OPEN' order by account_number""").param(BenchPlatform.BID)
                    .query((rs, n) -> new Invoice(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString())).list();
            say("%,d invoices; platform on port %d; %d threads", invoices.size(), port, threads);

            LoadRun.run("paynow-warmup", threads, warmup, i -> new SessionWorker(port, cpv2Key, invoices, i, threads));
            LoadRun.run("read-warmup", threads, warmup / 2, i -> new ApiReadWorker(port, apiKey, CLIENT_TIMEOUT_MILLIS));
            LoadRun.Result base = LoadRun.run("read", threads, seconds, i -> new ApiReadWorker(port, apiKey, CLIENT_TIMEOUT_MILLIS));
            LoadRun.Result create = LoadRun.run("paynow", threads, seconds, i -> new SessionWorker(port, cpv2Key, invoices, i, threads));

            long sessions = jdbc.sql("select count(*) from paynow_session where biller_id = ?").param(BenchPlatform.BID)
                    .query(Long.class).single();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "paynow");
            figures.put("threads", threads);
            figures.put("seconds", seconds);
            figures.put("sessions_per_second", Report.round(create.perSecond(), 1));
            figures.put("p50_ms", Report.round(create.percentileMillis(50), 3));
            figures.put("p99_ms", Report.round(create.percentileMillis(99), 3));
            figures.put("baseline_per_second", Report.round(base.perSecond(), 1));
            figures.put("baseline_p50_ms", Report.round(base.percentileMillis(50), 3));
            figures.put("baseline_p99_ms", Report.round(base.percentileMillis(99), 3));
            figures.put("throughput_ratio", Report.round(create.perSecond() / base.perSecond(), 3));
            figures.put("errors", create.errorCount());
            figures.put("sessions_in_database", sessions);
            figures.put("target_per_second", 1000);
            figures.put("target_p99_ms", 50);
            figures.put("paynow", create.figures());
            figures.put("baseline", base.figures());
            figures.put("machine", Machine.describe());
            System.out.println();
            System.out.println("Pay Now session creations (POST /cloudpaymentsapi/v2, seed-shaped) against an authenticated one-row API read");
            System.out.printf("  sessions   %8.1f/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%n", create.perSecond(),
                    create.percentileMillis(50), create.percentileMillis(99), create.errorCount());
            System.out.printf("  baseline   %8.1f/s  p50 %7.3f ms  p99 %7.3f ms%n", base.perSecond(),
                    base.percentileMillis(50), base.percentileMillis(99));
            System.out.printf("  ratio      %.3f (sessions/baseline); targets: >= 1000/s %s, p99 < 50 ms %s%n",
                    create.perSecond() / base.perSecond(), create.perSecond() >= 1000 ? "OK" : "UNDER",
                    create.percentileMillis(99) < 50 ? "OK" : "OVER");
            if (json != null) {
                Report.writeJson(json, figures);
                System.out.println("wrote " + json);
            }
        }
    }

    private static String key(BillerService.CreatedBiller biller, KeyKind kind) {
        return biller.keys().stream().filter(k -> k.environment() == Environment.TEST && k.kind() == kind)
                .map(IssuedKey::key).findFirst().orElseThrow();
    }

    /** POSTs one seed-shaped Cloud Payments request; right when the answer is 200 with a CloudPaymentURL. */
    private static final class SessionWorker implements LoadRun.Worker {
        private static final byte[] URL = "\"CloudPaymentURL\":\"http".getBytes(StandardCharsets.UTF_8);
        private final KeepAliveClient client;
        private final String authorization;
        private final List<Invoice> invoices;
        private final int index;
        private final int stride;

        SessionWorker(int port, String cpv2Key, List<Invoice> invoices, int index, int stride) {
            this.client = new KeepAliveClient("127.0.0.1", port, CLIENT_TIMEOUT_MILLIS);
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(cpv2Key.getBytes(StandardCharsets.UTF_8));
            this.invoices = invoices;
            this.index = index;
            this.stride = stride;
        }

        @Override
        public String call(long n) throws Exception {
            Invoice i = invoices.get((int) ((index + n * stride) % invoices.size()));
            String body = """
                    {"CreateCustomerRecord": true, "Customers": [{"AccountNumber": "%s", "Name": "John S",
                     "Address": "123 Main Street", "City": "Tampa", "State": "FL", "Zip": "12345", "EmailAddress": "none@none.com",
                     "Invoices": [{"InvoiceNumber": "%s", "TypeID": 42, "DueDate": "08/20/2099", "InvoiceDate": "2025-06-01",
                     "BalanceDue": "%s", "CCServiceFee": 1.00, "AchServiceFee": null}]}],
                     "AllowSwipe": false, "AllowCCPayment": true, "AllowACHPayment": true, "AllowEMV": false,
                     "ReturnURL": "https://portal.example/done", "PostBackURL": "https://portal.example/postback.aspx",
                     "BillerReference": "bench-%d-%d", "ViewMode": 0, "PageLoadOverride": 1,
                     "PageResultOptions": {"AllowRegisterAccount": false, "InvoiceOptions": {"AllowRemove": true}}}"""
                    .formatted(i.account(), i.number(), i.amount(), index, n);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /cloudpaymentsapi/v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headBytes.length + bytes.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
            int status = client.exchange(request);
            if (status != 200 || !client.bodyContains(URL)) {
                String text = client.bodyText();
                return "status " + status + ": " + (text.length() > 200 ? text.substring(0, 200) : text);
            }
            return null;
        }

        @Override
        public int connects() {
            return client.connects();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
