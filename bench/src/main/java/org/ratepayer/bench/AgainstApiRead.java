package org.ratepayer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the HTTP benchmarks of one platform operation share: their options, the generated bills, and a
 * run of the operation against the authenticated one-row API read ({@link ApiReadWorker}) in the same run
 * on the same server, with its report.
 */
final class AgainstApiRead {

    static final int CLIENT_TIMEOUT_MILLIS = 30_000;

    /** {@code [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N] [--json FILE]} */
    record Options(int threads, double seconds, double warmup, int accounts, Path json) {
        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                o.put(args[i], args[i + 1]);
            }
            return new Options(Integer.parseInt(o.getOrDefault("--threads", "8")),
                    Double.parseDouble(o.getOrDefault("--seconds", "20")),
                    Double.parseDouble(o.getOrDefault("--warmup-seconds", "10")),
                    Integer.parseInt(o.getOrDefault("--accounts", "2000")),
                    o.containsKey("--json") ? Path.of(o.get("--json")) : null);
        }
    }

    /** The measured operation: its name in the figures, what it is in words, its unit, and the targets. */
    record Operation(String name, String description, String unit, double targetPerSecond, double targetP99Millis) {
    }

    private AgainstApiRead() {
    }

    static String testKey(BillerService.CreatedBiller biller, KeyKind kind) {
        return biller.keys().stream().filter(k -> k.environment() == Environment.TEST && k.kind() == kind)
                .map(IssuedKey::key).findFirst().orElseThrow();
    }

    /** Generates and imports {@code accounts} bills for the bench biller. */
    static void importBills(ConfigurableApplicationContext ctx, BillerService.CreatedBiller biller, Path work, String name,
            int accounts) throws IOException {
        Path bif = work.resolve(name + ".bif");
        BenchPlatform.writeBif(bif, 2178, biller.biller().guid().toString(), accounts);
        ImportOutcome imported = ctx.getBean(InvoiceImportService.class).importFile(BenchPlatform.BID, bif, name + ".bif",
                ImportSource.CLI, BenchPlatform.ACTOR);
        if (imported.status() != ImportOutcome.Status.IMPORTED) {
            throw new IllegalStateException("import failed: " + imported.errors());
        }
    }

    /** An HTTP/1.1 POST of a JSON body, as bytes for {@link KeepAliveClient#exchange}. */
    static byte[] postJson(String path, String headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(bytes, 0, request, head.length, bytes.length);
        return request;
    }

    /** A short description of a wrong answer, for the error samples. */
    static String wrong(int status, KeepAliveClient client) {
        String text = client.bodyText();
        return "status " + status + ": " + (text.length() > 200 ? text.substring(0, 200) : text);
    }

    /**
     * Warms both sides up, measures the read then the operation, prints them and answers the figures
     * (the caller adds its own and writes them).
     */
    static Map<String, Object> measure(Operation op, Options o, int port, String apiKey, IntFunction<LoadRun.Worker> warmupWorkers,
            IntFunction<LoadRun.Worker> workers) throws InterruptedException {
        LoadRun.run(op.name() + "-warmup", o.threads(), o.warmup(), warmupWorkers);
        LoadRun.run("read-warmup", o.threads(), o.warmup() / 2, i -> new ApiReadWorker(port, apiKey, CLIENT_TIMEOUT_MILLIS));
        LoadRun.Result base = LoadRun.run("read", o.threads(), o.seconds(), i -> new ApiReadWorker(port, apiKey, CLIENT_TIMEOUT_MILLIS));
        LoadRun.Result r = LoadRun.run(op.name(), o.threads(), o.seconds(), workers);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("benchmark", op.name());
        figures.put("threads", o.threads());
        figures.put("seconds", o.seconds());
        figures.put(op.unit() + "_per_second", Report.round(r.perSecond(), 1));
        figures.put("p50_ms", Report.round(r.percentileMillis(50), 3));
        figures.put("p99_ms", Report.round(r.percentileMillis(99), 3));
        figures.put("baseline_per_second", Report.round(base.perSecond(), 1));
        figures.put("baseline_p50_ms", Report.round(base.percentileMillis(50), 3));
        figures.put("baseline_p99_ms", Report.round(base.percentileMillis(99), 3));
        figures.put("throughput_ratio", Report.round(r.perSecond() / base.perSecond(), 3));
        figures.put("errors", r.errorCount());
        figures.put("target_per_second", op.targetPerSecond());
        figures.put("target_p99_ms", op.targetP99Millis());
        figures.put(op.name(), r.figures());
        figures.put("baseline", base.figures());
        figures.put("machine", Machine.describe());
        System.out.println();
        System.out.println(op.description() + " against an authenticated one-row API read");
        System.out.printf("  %-10s %8.1f/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%n", op.unit(), r.perSecond(),
                r.percentileMillis(50), r.percentileMillis(99), r.errorCount());
        System.out.printf("  baseline   %8.1f/s  p50 %7.3f ms  p99 %7.3f ms%n", base.perSecond(),
                base.percentileMillis(50), base.percentileMillis(99));
        System.out.printf("  ratio      %.3f (%s/baseline); targets: >= %.0f/s %s, p99 < %.0f ms %s%n",
                r.perSecond() / base.perSecond(), op.unit(), op.targetPerSecond(), r.perSecond() >= op.targetPerSecond() ? "OK" : "UNDER",
                op.targetP99Millis(), r.percentileMillis(99) < op.targetP99Millis() ? "OK" : "OVER");
        return figures;
    }

    static void write(Path json, Map<String, Object> figures) throws IOException {
        if (json != null) {
            Report.writeJson(json, figures);
            System.out.println("wrote " + json);
        }
    }
}
