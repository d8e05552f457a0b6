package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.billers.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Channel-API payments (IVR, by card, sandbox gateway) per second and their latency, against a
 * baseline measured in the same run on the same server: an authenticated API read of one row,
 * which is what every request pays for Tomcat, security and a database round trip.
 *
 * <p>Usage: {@code PaymentsBench [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N] [--json FILE]}
 */
public final class PaymentsBench {

    private static final int CLIENT_TIMEOUT_MILLIS = 30_000;

    private PaymentsBench() {
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

    private record Account(String number, String amount) {
    }

    private static void run(Path work, int threads, double seconds, double warmup, int accountCount, Path json) throws Exception {
        try (ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), true, List.of(),
                "--ratepayer.environment=TEST",
                // receipts are recorded but not sent (no SMTP here); one warning per payment would flood the output
                "--logging.level.org.ratepayer.notifications=error")) {
            int port = BenchPlatform.port(ctx);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            String apiKey = biller.keys().stream().filter(k -> k.environment() == Environment.TEST && k.kind() == KeyKind.API)
                    .map(IssuedKey::key).findFirst().orElseThrow();
            Path bif = work.resolve("payments.bif");
            BenchPlatform.writeBif(bif, 2178, biller.biller().guid().toString(), accountCount);
            ImportOutcome imported = ctx.getBean(InvoiceImportService.class).importFile(BenchPlatform.BID, bif, "payments.bif",
                    ImportSource.CLI, BenchPlatform.ACTOR);
            if (imported.status() != ImportOutcome.Status.IMPORTED) {
                throw new IllegalStateException("import failed: " + imported.errors());
            }
            List<Account> accounts = ctx.getBean(JdbcClient.class).sql("""
                    select i.account_number, i.total_amount_due from invoice i
                    join account a on a.biller_id = i.biller_id and a.account_number = i.account_number
                    where i.biller_id = ? and i.status = 'OPEN' and not a.block_cc
                    order by i.account_number""").param(BenchPlatform.BID)
                    .query((rs, n) -> new Account(rs.getString(1), rs.getBigDecimal(2).toPlainString())).list();
            say("%,d accounts; platform on port %d; %d threads", accounts.size(), port, threads);

            LoadRun.run("payments-warmup", threads, warmup, i -> new PaymentWorker(port, apiKey, accounts, i, threads, "w"));
            LoadRun.run("read-warmup", threads, warmup / 2, i -> new ApiReadWorker(port, apiKey, CLIENT_TIMEOUT_MILLIS));
            LoadRun.Result base = LoadRun.run("read", threads, seconds, i -> new ApiReadWorker(port, apiKey, CLIENT_TIMEOUT_MILLIS));
            LoadRun.Result pay = LoadRun.run("payments", threads, seconds, i -> new PaymentWorker(port, apiKey, accounts, i, threads, "m"));

            long approved = ctx.getBean(JdbcClient.class).sql("select count(*) from payment where biller_id = ? and status = 'APPROVED'")
                    .param(BenchPlatform.BID).query(Long.class).single();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "payments");
            figures.put("threads", threads);
            figures.put("seconds", seconds);
            figures.put("payments_per_second", Report.round(pay.perSecond(), 1));
            figures.put("p50_ms", Report.round(pay.percentileMillis(50), 3));
            figures.put("p99_ms", Report.round(pay.percentileMillis(99), 3));
            figures.put("baseline_per_second", Report.round(base.perSecond(), 1));
            figures.put("baseline_p50_ms", Report.round(base.percentileMillis(50), 3));
            figures.put("baseline_p99_ms", Report.round(base.percentileMillis(99), 3));
            figures.put("throughput_ratio", Report.round(pay.perSecond() / base.perSecond(), 3));
            figures.put("errors", pay.errorCount());
            figures.put("approved_payments_in_database", approved);
            figures.put("target_per_second", 300);
            figures.put("target_p99_ms", 100);
            figures.put("payments", pay.figures());
            figures.put("baseline", base.figures());
            figures.put("machine", Machine.describe());
            System.out.println();
            System.out.println("Channel-API payments (sandbox card, IVR) against an authenticated one-row API read");
            System.out.printf("  payments   %8.1f/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%n", pay.perSecond(),
                    pay.percentileMillis(50), pay.percentileMillis(99), pay.errorCount());
            System.out.printf("  baseline   %8.1f/s  p50 %7.3f ms  p99 %7.3f ms%n", base.perSecond(),
                    base.percentileMillis(50), base.percentileMillis(99));
            System.out.printf("  ratio      %.3f (payments/baseline); targets: >= 300/s %s, p99 < 100 ms %s%n",
                    pay.perSecond() / base.perSecond(), pay.perSecond() >= 300 ? "OK" : "UNDER",
                    pay.percentileMillis(99) < 100 ? "OK" : "OVER");
            if (json != null) {
                Report.writeJson(json, figures);
                System.out.println("wrote " + json);
            }
        }
    }

    /** POSTs one card payment per request, each with its own Idempotency-Key; right when the answer is APPROVED. */
    private static final class PaymentWorker implements LoadRun.Worker {
        private final KeepAliveClient client;
        private final String apiKey;
        private final List<Account> accounts;
        private final int index;
        private final int stride;
        private final String prefix;
        private static final byte[] APPROVED = "\"status\":\"APPROVED\"".getBytes(StandardCharsets.UTF_8);

        PaymentWorker(int port, String apiKey, List<Account> accounts, int index, int stride, String prefix) {
            this.client = new KeepAliveClient("127.0.0.1", port, CLIENT_TIMEOUT_MILLIS);
            this.apiKey = apiKey;
            this.accounts = accounts;
            this.index = index;
            this.stride = stride;
            this.prefix = prefix;
        }

        @Override
        public String call(long n) throws Exception {
            Account a = accounts.get((int) ((index + n * stride) % accounts.size()));
            String body = """
                    {"channel":"IVR","accountNumber":"%s","amount":%s,\
                    "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                    .formatted(a.number(), a.amount());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /api/v1/billers/" + BenchPlatform.BID + "/payments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Api-Key: " + apiKey + "\r\nIdempotency-Key: bench-" + prefix + "-" + index + "-" + n + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headBytes.length + bytes.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
            int status = client.exchange(request);
            if (status != 201 || !client.bodyContains(APPROVED)) {
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
