package org.ratepayer.bench;

import static org.ratepayer.bench.Report.round;
import static org.ratepayer.bench.Report.row;
import static org.ratepayer.bench.Report.say;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.daffron.DaffronSettings;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real-time balance refresh under load: the balance API of a running platform (Tomcat, Spring
 * Security, the Daffron connector over MultiSpeak, PostgreSQL) asking the Daffron CIS simulator for
 * every call (option 64 on), against the same GetPayableItemsList SOAP request POSTed straight to
 * the simulator, at the same concurrency, in the same JVM and on the same machine. The difference
 * between the two is what the platform adds to a refresh.
 *
 * <p>Usage: {@code BalanceRefreshBench [--threads N] [--warmup-seconds S] [--seconds S] [--accounts N]
 * [--seed S] [--breakdown] [--profile] [--set NAME=VALUE]... [--json FILE] [--work-dir DIR] [--keep]
 * [--timeout-minutes M]};
 * see bench/README.md.
 */
public final class BalanceRefreshBench {

    static final double TARGET_PER_SECOND = 1000;
    static final double TARGET_P50_OVERHEAD_MS = 1.0;
    private static final String CIS_USER = "InvoiceCloud";
    private static final String CIS_PASSWORD = "bench-toolbox-pw";
    private static final String MULTISPEAK_NS = "http://www.multispeak.org/Version_3.0";
    private static final String SOAP_ACTION = MULTISPEAK_NS + "/GetPayableItemsList";
    /** A request the platform or the simulator has not answered in this time is an error (the CIS timeout is 5 s). */
    private static final int CLIENT_TIMEOUT_MILLIS = 15_000;
    private static final Duration PROFILE_PERIOD = Duration.ofMillis(2);
    /** More than this many cores busy outside the bench's own processes marks a side's figures as disturbed. */
    private static final double BUSY_MACHINE_CORES = 0.15;
    /** Warm-up goes on in rounds of this length until the JIT is nearly done, for at least the minimum. */
    private static final double WARMUP_ROUND_SECONDS = 5;
    private static final double WARMUP_MIN_SECONDS = 10;
    /** The JIT is taken as done when its threads used less than this share of one core over a round. */
    private static final double WARM_JIT_CORES = 0.05;

    record Options(int threads, double warmupSeconds, double seconds, int accounts, long seed, boolean breakdown,
            boolean profile, Map<String, String> springSettings, Path json, Path workDir, boolean keep,
            long timeoutMinutes) {

        static Options parse(String[] args) {
            int threads = 8;
            double warmup = 90;
            double seconds = 20;
            int accounts = 10_000;
            long seed = 42;
            boolean breakdown = false;
            boolean profile = false;
            Map<String, String> springSettings = new LinkedHashMap<>();
            Path json = null;
            Path workDir = null;
            boolean keep = false;
            long timeoutMinutes = -1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--threads" -> threads = Integer.parseInt(BenchPlatform.optionValue(args, ++i));
                    case "--warmup-seconds" -> warmup = Double.parseDouble(BenchPlatform.optionValue(args, ++i));
                    case "--seconds" -> seconds = Double.parseDouble(BenchPlatform.optionValue(args, ++i));
                    case "--accounts" -> accounts = Integer.parseInt(BenchPlatform.optionValue(args, ++i).replace("_", "").replace(",", ""));
                    case "--seed" -> seed = Long.parseLong(BenchPlatform.optionValue(args, ++i));
                    case "--breakdown" -> breakdown = true;
                    case "--profile" -> profile = true;
                    case "--set" -> {
                        String setting = BenchPlatform.optionValue(args, ++i);
                        int eq = setting.indexOf('=');
                        if (eq <= 0 || !setting.substring(0, eq).matches("[A-Za-z0-9_.\\[\\]-]+")) {
                            throw new IllegalArgumentException("--set takes name=value, e.g. server.tomcat.threads.max=16: "
                                    + setting);
                        }
                        springSettings.put(setting.substring(0, eq), setting.substring(eq + 1));
                    }
                    case "--json" -> json = Path.of(BenchPlatform.optionValue(args, ++i));
                    case "--work-dir" -> workDir = Path.of(BenchPlatform.optionValue(args, ++i));
                    case "--keep" -> keep = true;
                    case "--timeout-minutes" -> timeoutMinutes = Long.parseLong(BenchPlatform.optionValue(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --threads N, --warmup-seconds S, --seconds S, --accounts N, --seed S, --breakdown,"
                            + " --profile, --set NAME=VALUE, --json FILE, --work-dir DIR, --keep, --timeout-minutes M");
                }
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("--threads must be 1..256");
            }
            if (seconds <= 0 || seconds > 3600 || warmup < 0 || warmup > 3600) {
                throw new IllegalArgumentException("--seconds must be in (0, 3600], --warmup-seconds in [0, 3600]");
            }
            if (accounts < 1 || accounts > 1_000_000) {
                throw new IllegalArgumentException("--accounts must be 1..1000000");
            }
            if (timeoutMinutes < 0) {
                // start-up and the import take a minute or two; each side runs warm-up + measurement
                timeoutMinutes = 10 + (long) Math.ceil(2 * (warmup + seconds) / 60) + accounts / 100_000;
            }
            return new Options(threads, warmup, seconds, accounts, seed, breakdown, profile, springSettings, json,
                    workDir, keep, timeoutMinutes);
        }
    }

    private BalanceRefreshBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = BenchPlatform.parseOrExit(args, Options::parse);
        BenchPlatform.runAndExit(options.workDir(), options.keep(), options.timeoutMinutes(), work -> run(options, work));
    }

    private static void run(Options options, Path work) throws Exception {
        // Before anything is compiled: started later, the recording sets the JIT recompiling (see JfrProfile).
        JfrProfile profile = options.profile() ? JfrProfile.start(PROFILE_PERIOD) : null;
        say("starting the CIS simulator on 127.0.0.1");
        try (CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials(CIS_USER, CIS_PASSWORD).build().start()) {
            RefreshTimers timers = options.breakdown() ? new RefreshTimers() : null;
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers =
                    timers == null ? List.of() : List.of(timers.initializer());
            Path dataDir = work.resolve("data");
            say("starting the platform (web server on 127.0.0.1) on a fresh embedded PostgreSQL in %s", work);
            List<String> args = new ArrayList<>(List.of("--ratepayer.environment=TEST",
                    // a failed refresh is counted and sampled by the bench; a log line each would flood the output
                    "--logging.level.org.ratepayer.balances=error"));
            options.springSettings().forEach((k, v) -> args.add("--" + k + "=" + v));
            if (!options.springSettings().isEmpty()) {
                say("platform settings tried: %s", options.springSettings());
            }
            try (ConfigurableApplicationContext ctx = BenchPlatform.start(dataDir, true, initializers,
                    args.toArray(String[]::new))) {
                int port = BenchPlatform.port(ctx);
                String apiKey = setUpBiller(ctx, cis);
                List<String> accounts = importAccounts(ctx, options, work);
                cis.state().putAccounts(accounts.stream()
                        .map(a -> CisAccount.of(a, PayableCharge.of("Electric", "12.34", "0.00"))).toList());
                say("%,d accounts in the platform and in the simulator; platform on port %d, CIS at %s",
                        accounts.size(), port, cis.cbUrl());

                Target platform = new Target("platform", i -> new BalanceWorker(port, apiKey, accounts, i,
                        options.threads()));
                Target baseline = new Target("baseline", i -> new SoapWorker(cis.cbUrl(), accounts, i,
                        options.threads()));
                smokeTest(platform);
                smokeTest(baseline);

                CpuMeter cpu = new CpuMeter(dataDir.resolve("pg"));
                Map<String, Object> warmups = new LinkedHashMap<>();
                // The platform's warm-up also warms the simulator, which both sides go through.
                for (Target t : List.of(platform, baseline)) {
                    warmups.put(t.name, warmUp(t, options, cpu));
                }

                double loadBefore = Machine.loadAverage();
                int cisPort = URI.create(cis.cbUrl()).getPort();
                Measured base = measure(baseline, options, cpu, cisPort, null, null, null);
                double loadAfterBaseline = Machine.loadAverage();
                Path jfrFile = options.profile() ? (options.json() != null
                        ? options.json().toAbsolutePath().resolveSibling("balance-refresh.jfr")
                        : work.resolve("balance-refresh.jfr")) : null;
                Measured plat = measure(platform, options, cpu, cisPort, timers, profile, jfrFile);
                double loadAfterPlatform = Machine.loadAverage();

                long refreshed = ctx.getBean(JdbcClient.class)
                        .sql("select count(*) from account_balance where biller_id = ?").param(BenchPlatform.BID)
                        .query(Long.class).single();
                Map<String, Object> figures = figures(options, accounts.size(), refreshed, base, plat,
                        new double[] {loadBefore, loadAfterBaseline, loadAfterPlatform}, ctx);
                figures.put("warmup", warmups);
                print(figures);
                if (options.json() != null) {
                    Report.writeJson(options.json(), figures);
                    System.out.println("wrote " + options.json());
                }
            }
        }
    }

    /** A side of the comparison: a name and how to make its per-thread workers. */
    private record Target(String name, IntFunction<LoadRun.Worker> workers) {
    }

    /** One measured side: its load figures, where the CPU went, and the instrumentation's findings. */
    private record Measured(LoadRun.Result result, Map<String, Object> cpu, List<Map<String, Object>> breakdown,
            Map<String, Object> profile) {
    }

    /**
     * Unmeasured load in rounds until the JIT compiler threads are nearly idle (and at least
     * {@link #WARMUP_MIN_SECONDS}), at most {@code --warmup-seconds}. On two cores a fixed short warm-up
     * left the compiler busy in the measured run, and the figures moved by a factor of two between runs.
     */
    private static Map<String, Object> warmUp(Target t, Options options, CpuMeter cpu) throws InterruptedException {
        double spent = 0;
        double jit = Double.NaN;
        long requests = 0;
        double lastRate = 0;
        while (spent < options.warmupSeconds()) {
            double round = Math.min(WARMUP_ROUND_SECONDS, options.warmupSeconds() - spent);
            CpuMeter.Snapshot a = cpu.snapshot();
            LoadRun.Result r = LoadRun.run(t.name + "-warmup", options.threads(), round, t.workers);
            CpuMeter.Snapshot b = cpu.snapshot();
            spent += round;
            jit = CpuMeter.jitCores(a, b);
            requests += r.ok() + r.errorCount();
            lastRate = r.perSecond();
            say("warm-up %s: %3.0f s, %,6.0f/s, %d errors, JIT compiler %.2f cores", t.name, spent, r.perSecond(),
                    r.errorCount(), jit);
            if (spent >= WARMUP_MIN_SECONDS && jit < WARM_JIT_CORES) {
                break;
            }
        }
        if (!(jit < WARM_JIT_CORES) && options.warmupSeconds() > 0) {
            say("  WARNING: the JIT was still compiling after %.0f s of warm-up; the %s figures include some of it",
                    spent, t.name);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", spent);
        m.put("requests", requests);
        m.put("last_round_per_second", round(lastRate, 1));
        m.put("last_round_jit_cores", round(jit, 3));
        return m;
    }

    private static Measured measure(Target t, Options options, CpuMeter cpu, int cisPort, RefreshTimers timers,
            JfrProfile profile, Path jfrFile) throws Exception {
        System.gc();
        Thread.sleep(500);
        say("measuring: %s, %d threads, %.0f s", t.name, options.threads(), options.seconds());
        if (timers != null) {
            timers.startRecording();
        }
        ClosedConnections closed = ClosedConnections.watch(cisPort);
        CpuMeter.Snapshot before = cpu.snapshot();
        Instant from = Instant.now();
        LoadRun.Result r = LoadRun.run(t.name, options.threads(), options.seconds(), t.workers);
        Instant to = Instant.now();
        CpuMeter.Snapshot after = cpu.snapshot();
        List<Map<String, Object>> breakdown = timers != null ? timers.stopRecording(r.ok() + r.errorCount()) : List.of();
        Map<String, Object> prof = profile != null ? profile.stop(jfrFile, from, to) : null;
        say("  %,.0f/s, p50 %.3f ms, p99 %.3f ms, %d errors", r.perSecond(), r.percentileMillis(50),
                r.percentileMillis(99), r.errorCount());
        Map<String, Object> cpuUse = new LinkedHashMap<>();
        // HttpURLConnection keeps at most http.maxConnections (default 5) idle connections per host.
        cpuUse.put("cis_connections_closed", closed.count());
        cpuUse.putAll(cpu.perRequest(before, after, r.ok() + r.errorCount(), r.clientCpuNanos()));
        double others = ((Number) cpuUse.get("others_busy_cores")).doubleValue();
        if (others > BUSY_MACHINE_CORES) {
            say("  WARNING: other processes kept %.2f cores busy during this side: its figures are not this code's", others);
        }
        return new Measured(r, cpuUse, breakdown, prof);
    }

    /** Creates the Daffron biller, points its real-time refresh at the simulator; returns its TEST API key. */
    private static String setUpBiller(ConfigurableApplicationContext ctx, CisSimulator cis) {
        BillerService billers = ctx.getBean(BillerService.class);
        BillerService.CreatedBiller created = BenchPlatform.createBiller(ctx);
        String apiKey = created.keys().stream()
                .filter(k -> k.kind() == KeyKind.API && k.environment() == Environment.TEST).map(IssuedKey::key)
                .findFirst().orElseThrow(() -> new IllegalStateException("the biller was issued no TEST API key"));
        long bid = BenchPlatform.BID;
        billers.setSetting(bid, DaffronSettings.RTDR_URL, TextNode.valueOf(cis.cbUrl()), BenchPlatform.ACTOR);
        billers.setSetting(bid, DaffronSettings.RTDR_USER, TextNode.valueOf(CIS_USER), BenchPlatform.ACTOR);
        billers.setSetting(bid, DaffronSettings.RTDR_PASSWORD, TextNode.valueOf(CIS_PASSWORD), BenchPlatform.ACTOR);
        // On by default for Daffron billers; set anyway, since without it a refresh is reused for six hours.
        billers.setOption(bid, ConfigCatalogue.OPT_RTDR_IGNORE_SIX_HOURS, null, BooleanNode.TRUE, BenchPlatform.ACTOR);
        if (!billers.config(bid).enabled(ConfigCatalogue.OPT_RTDR_IGNORE_SIX_HOURS)) {
            throw new IllegalStateException("option 64 did not take; every call would not ask the CIS");
        }
        return apiKey;
    }

    /** Imports a generated BIF file so the accounts exist in the platform; returns their numbers. */
    private static List<String> importAccounts(ConfigurableApplicationContext ctx, Options options, Path work)
            throws Exception {
        String guid = ctx.getBean(BillerService.class).require(BenchPlatform.BID).guid().toString();
        Path bif = work.resolve("bench-" + options.accounts() + ".bif");
        say("generating and importing %,d invoices (not measured)", options.accounts());
        BenchPlatform.writeBif(bif, options.seed(), guid, options.accounts());
        ImportOutcome outcome = ctx.getBean(InvoiceImportService.class).importFile(BenchPlatform.BID, bif,
                bif.getFileName().toString(), ImportSource.CLI, BenchPlatform.ACTOR);
        if (outcome.status() != ImportOutcome.Status.IMPORTED) {
            throw new IllegalStateException("import did not store the file: " + outcome.status() + ", "
                    + outcome.errorCount() + " errors " + outcome.errors());
        }
        List<String> accounts = ctx.getBean(JdbcClient.class)
                .sql("select account_number from account where biller_id = ? order by account_number")
                .param(BenchPlatform.BID).query(String.class).list();
        if (accounts.isEmpty()) {
            throw new IllegalStateException("the import stored no accounts");
        }
        return accounts;
    }

    /** One request through each side before anything is measured: a set-up mistake shows here, not as errors. */
    private static void smokeTest(Target t) throws Exception {
        try (LoadRun.Worker w = t.workers.apply(0)) {
            String wrong = w.call(0);
            if (wrong != null) {
                throw new IllegalStateException(t.name + ": the first request was answered wrongly: " + wrong);
            }
            if (w instanceof HttpWorker h) {
                String body = h.client.bodyText().replaceAll("\\s+", " ");
                say("%s answers: %s", t.name, body.length() > 220 ? body.substring(0, 220) + "..." : body);
            }
        }
    }

    /** A worker on one keep-alive connection, walking its own stride of the accounts. */
    private abstract static class HttpWorker implements LoadRun.Worker {
        final KeepAliveClient client;
        private final List<String> accounts;
        private final int index;
        private final int stride;

        HttpWorker(int port, List<String> accounts, int index, int stride) {
            this.client = new KeepAliveClient("127.0.0.1", port, CLIENT_TIMEOUT_MILLIS);
            this.accounts = accounts;
            this.index = index;
            this.stride = stride;
        }

        /** Threads take accounts index, index + stride, ...: no two threads refresh the same account at once. */
        String account(long n) {
            return accounts.get((int) ((index + n * stride) % accounts.size()));
        }

        String wrong(String what) {
            String body = client.bodyText().replaceAll("\\s+", " ");
            return what + ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
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

    /** GET /api/v1/billers/{bid}/accounts/{account}/balance with the biller's API key; right when source is cis. */
    private static final class BalanceWorker extends HttpWorker {
        private static final byte[] FROM_CIS = "\"source\":\"cis\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] FALLBACK = "\"source\":\"fallback\"".getBytes(StandardCharsets.US_ASCII);
        private final String head;
        private final String tail;

        BalanceWorker(int port, String apiKey, List<String> accounts, int index, int stride) {
            super(port, accounts, index, stride);
            this.head = "GET /api/v1/billers/" + BenchPlatform.BID + "/accounts/";
            this.tail = "/balance HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Api-Key: " + apiKey
                    + "\r\nAccept: application/json\r\n\r\n";
        }

        @Override
        public String call(long n) throws Exception {
            String request = head + pathSegment(account(n)) + tail;
            int status = client.exchange(request.getBytes(StandardCharsets.UTF_8));
            if (status != 200) {
                return wrong("HTTP " + status);
            }
            if (client.bodyContains(FROM_CIS)) {
                return null;
            }
            return wrong(client.bodyContains(FALLBACK) ? "source fallback (the CIS call failed)" : "source not cis");
        }

        private static String pathSegment(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                    out.append(c);
                } else {
                    out.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
                }
            }
            return out.toString();
        }
    }

    /**
     * POSTs the GetPayableItemsList request the platform sends (SOAP 1.1, MultiSpeakMsgHeader with
     * UserID/Pwd, AppName, a fresh MessageID and TimeStamp), straight to the simulator's CB URL; right
     * when the answer is a 200 with a GetPayableItemsListResponse. Envelope and headers are those the
     * platform's CXF client was seen to send, byte for byte but for the User-Agent and the values.
     */
    private static final class SoapWorker extends HttpWorker {
        private static final byte[] RESPONSE = "GetPayableItemsListResponse".getBytes(StandardCharsets.US_ASCII);
        private static final DateTimeFormatter STAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        private final String path;
        private final String hostHeader;

        SoapWorker(String cbUrl, List<String> accounts, int index, int stride) {
            super(URI.create(cbUrl).getPort(), accounts, index, stride);
            URI uri = URI.create(cbUrl);
            this.path = uri.getRawPath();
            this.hostHeader = uri.getHost() + ":" + uri.getPort();
        }

        @Override
        public String call(long n) throws Exception {
            String stamp = STAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
            byte[] body = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
                    + "<MultiSpeakMsgHeader xmlns=\"" + MULTISPEAK_NS + "\" Version=\"3.0\" UserID=\"" + xml(CIS_USER)
                    + "\" Pwd=\"" + xml(CIS_PASSWORD) + "\" AppName=\"Ratepayer\" MessageID=\"" + UUID.randomUUID()
                    + "\" TimeStamp=\"" + stamp + "\"/></soap:Header><soap:Body><GetPayableItemsList xmlns=\""
                    + MULTISPEAK_NS + "\"><accountNumber>" + xml(account(n)) + "</accountNumber></GetPayableItemsList>"
                    + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
                    + "\r\nContent-Type: text/xml; charset=UTF-8\r\nAccept: */*\r\nSOAPAction: \"" + SOAP_ACTION
                    + "\"\r\nUser-Agent: ratepayer-bench\r\nCache-Control: no-cache\r\nPragma: no-cache"
                    + "\r\nConnection: keep-alive\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            int status = client.exchange(request);
            if (status != 200) {
                return wrong("HTTP " + status);
            }
            return client.bodyContains(RESPONSE) ? null : wrong("no GetPayableItemsListResponse");
        }

        private static String xml(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    private static Map<String, Object> figures(Options options, int accounts, long refreshed, Measured base,
            Measured plat, double[] load, ConfigurableApplicationContext ctx) {
        LoadRun.Result b = base.result();
        LoadRun.Result p = plat.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "balance-refresh");
        m.put("timestamp", Instant.now().toString());
        m.put("threads", options.threads());
        m.put("warmup_seconds", options.warmupSeconds());
        m.put("seconds", options.seconds());
        m.put("accounts", accounts);
        m.put("accounts_refreshed", refreshed);
        m.put("refreshes_per_second", round(p.perSecond(), 1));
        m.put("p50_ms", round(p.percentileMillis(50), 3));
        m.put("p99_ms", round(p.percentileMillis(99), 3));
        m.put("baseline_per_second", round(b.perSecond(), 1));
        m.put("baseline_p50_ms", round(b.percentileMillis(50), 3));
        double overhead = p.percentileMillis(50) - b.percentileMillis(50);
        m.put("p50_overhead_ms", round(overhead, 3));
        m.put("p99_overhead_ms", round(p.percentileMillis(99) - b.percentileMillis(99), 3));
        m.put("throughput_ratio", round(p.perSecond() / b.perSecond(), 3));
        m.put("errors", p.errorCount() + b.errorCount());
        m.put("target_per_second", TARGET_PER_SECOND);
        m.put("target_p50_overhead_ms", TARGET_P50_OVERHEAD_MS);
        m.put("per_second_ok", p.perSecond() >= TARGET_PER_SECOND);
        m.put("p50_overhead_ok", overhead < TARGET_P50_OVERHEAD_MS);
        Map<String, Object> platform = new LinkedHashMap<>(p.figures());
        platform.putAll(plat.cpu());
        m.put("platform", platform);
        Map<String, Object> baseline = new LinkedHashMap<>(b.figures());
        baseline.putAll(base.cpu());
        m.put("baseline", baseline);
        m.putAll(Machine.describe());
        m.put("load_average", List.of(round(load[0], 2), round(load[1], 2), round(load[2], 2)));
        m.put("max_heap_mb", Math.round(Runtime.getRuntime().maxMemory() / 1048576.0));
        m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList());
        m.put("postgresql", ctx.getBean(JdbcClient.class).sql("show server_version").query(String.class).single());
        m.put("instrumented", options.breakdown() || options.profile());
        m.put("settings_tried", options.springSettings());
        m.put("java_options", ManagementFactory.getRuntimeMXBean().getInputArguments());
        double others = Math.max(((Number) base.cpu().get("others_busy_cores")).doubleValue(),
                ((Number) plat.cpu().get("others_busy_cores")).doubleValue());
        m.put("disturbed", others > BUSY_MACHINE_CORES);
        if (!plat.breakdown().isEmpty()) {
            m.put("breakdown", plat.breakdown());
        }
        if (plat.profile() != null) {
            m.put("profile", plat.profile());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> f) {
        System.out.println();
        System.out.println("Balance refresh benchmark" + (Boolean.TRUE.equals(f.get("instrumented"))
                ? " (instrumented: the figures include the timers' or the profiler's cost)" : ""));
        row("machine", "%s", Machine.summary(f));
        row("load average", "%s (before the baseline, after it, after the platform)", f.get("load_average"));
        row("java", "%s (%s), max heap %s MB, %s", f.get("java_version"), f.get("java_vm"), f.get("max_heap_mb"),
                f.get("gc"));
        if (!((Map<String, Object>) f.get("settings_tried")).isEmpty()) {
            row("settings", "%s (platform settings tried)", f.get("settings_tried"));
        }
        Map<String, Object> w = (Map<String, Object>) f.get("warmup");
        row("load", "%s threads, closed loop, %s s each; %,d accounts (%,d refreshed)", f.get("threads"),
                f.get("seconds"), f.get("accounts"), f.get("accounts_refreshed"));
        row("warm-up", "platform %s s, baseline %s s (until the JIT compiler used < %.2f cores, at most %s s)",
                ((Map<String, Object>) w.get("platform")).get("seconds"),
                ((Map<String, Object>) w.get("baseline")).get("seconds"), WARM_JIT_CORES, f.get("warmup_seconds"));
        System.out.println();
        System.out.printf(Locale.ROOT, "  %-10s %10s %9s %9s %9s %9s %8s %7s%n", "", "per second", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "errors", "conns");
        for (String side : List.of("platform", "baseline")) {
            Map<String, Object> s = (Map<String, Object>) f.get(side);
            System.out.printf(Locale.ROOT, "  %-10s %10.1f %9.3f %9.3f %9.3f %9.3f %8d %7d%n", side, s.get("per_second"),
                    s.get("p50_ms"), s.get("p90_ms"), s.get("p99_ms"), s.get("max_ms"), s.get("errors"),
                    s.get("connections_opened"));
        }
        System.out.println("  (platform: GET .../balance through Tomcat, security, BalanceService, MultiSpeak, PostgreSQL;");
        System.out.println("   baseline: the same GetPayableItemsList POSTed straight to the simulator)");
        System.out.println();
        double perSecond = ((Number) f.get("refreshes_per_second")).doubleValue();
        double overhead = ((Number) f.get("p50_overhead_ms")).doubleValue();
        row("refreshes/s", "%.1f (target >= %.0f) %s", perSecond, TARGET_PER_SECOND,
                Boolean.TRUE.equals(f.get("per_second_ok")) ? "OK" : "UNDER");
        row("p50 overhead", "%.3f ms platform - baseline (target < %.1f ms) %s; p99 overhead %.3f ms", overhead,
                TARGET_P50_OVERHEAD_MS, Boolean.TRUE.equals(f.get("p50_overhead_ok")) ? "OK" : "OVER",
                ((Number) f.get("p99_overhead_ms")).doubleValue());
        row("throughput", "platform/baseline %.3f", ((Number) f.get("throughput_ratio")).doubleValue());
        row("CIS sockets", "connections to the simulator closed during the run: platform %s, baseline %s",
                ((Map<String, Object>) f.get("platform")).get("cis_connections_closed"),
                ((Map<String, Object>) f.get("baseline")).get("cis_connections_closed"));
        for (String side : List.of("platform", "baseline")) {
            Map<String, Object> s = (Map<String, Object>) f.get(side);
            if (s.get("errors_by_kind") != null) {
                row(side + " errors", "%s; e.g. %s", s.get("errors_by_kind"), s.get("error_samples"));
            }
        }

        System.out.println();
        System.out.println("CPU per request (ms), all processes of the machine, and cores busy:");
        Map<String, Object> pc = (Map<String, Object>) ((Map<String, Object>) f.get("platform")).get("cpu_ms_per_request");
        Map<String, Object> bc = (Map<String, Object>) ((Map<String, Object>) f.get("baseline")).get("cpu_ms_per_request");
        System.out.printf(Locale.ROOT, "  %-34s %9s %9s%n", "", "platform", "baseline");
        for (String group : CpuMeter.groupNames()) {
            // a JIT share that is not small means the warm-up was too short for that side
            if (pc.containsKey(group) || bc.containsKey(group)) {
                System.out.printf(Locale.ROOT, "  %-34s %9.3f %9.3f%n", group, number(pc.get(group)), number(bc.get(group)));
            }
        }
        Map<String, Object> ps = (Map<String, Object>) f.get("platform");
        Map<String, Object> bs = (Map<String, Object>) f.get("baseline");
        System.out.printf(Locale.ROOT, "  %-34s %9.3f %9.3f%n", "total", number(ps.get("cpu_ms_per_request_total")),
                number(bs.get("cpu_ms_per_request_total")));
        System.out.printf(Locale.ROOT, "  %-34s %9.2f %9.2f  (of %s)%n", "machine cores busy",
                number(ps.get("machine_busy_cores")), number(bs.get("machine_busy_cores")), f.get("cores"));
        System.out.printf(Locale.ROOT, "  %-34s %9.2f %9.2f%n", "... of which by other processes",
                number(ps.get("others_busy_cores")), number(bs.get("others_busy_cores")));
        System.out.printf(Locale.ROOT, "  %-34s %9s %9s%n", "GCs (pause ms)", ps.get("gc_count") + " (" + ps.get("gc_pause_ms")
                + ")", bs.get("gc_count") + " (" + bs.get("gc_pause_ms") + ")");
        if (Boolean.TRUE.equals(f.get("disturbed"))) {
            System.out.println("  WARNING: other processes took CPU during the run (a build?); rerun on an idle machine.");
        }

        if (f.get("breakdown") instanceof List<?> rows) {
            System.out.println();
            System.out.println("where a platform request's time goes (wall time, mean per request, recorded at the server):");
            System.out.printf(Locale.ROOT, "  %-5s %10s %8s %9s  %s%n", "", "ms/request", "times", "ms each", "what");
            for (Object o : rows) {
                Map<String, Object> r = (Map<String, Object>) o;
                System.out.printf(Locale.ROOT, "  %-5s %10.4f %8.2f %9.4f  %s%n", r.get("kind"), number(r.get("ms_per_request")),
                        number(r.get("per_request")), number(r.get("ms_each")), r.get("what"));
            }
            System.out.printf(Locale.ROOT, "  %-5s %10.4f %8s %9s  %s%n", "", number(ps.get("mean_ms")), "", "",
                    "client-side mean latency, for comparison");
        }
        if (f.get("profile") instanceof Map<?, ?> prof) {
            System.out.println();
            System.out.printf(Locale.ROOT, "CPU samples of the platform run (JFR, every %d ms per running thread; %s):%n",
                    PROFILE_PERIOD.toMillis(), prof.get("file"));
            printShares("by thread group", prof.get("samples_by_thread_group"));
            printShares("platform threads by stage (innermost platform method on the stack)", prof.get("platform_stages"));
            printShares("platform threads by library (self time)", prof.get("platform_self_by_library"));
            printShares("platform threads, hottest methods (self time)", prof.get("platform_top_methods"));
            printShares("simulator threads by library (self time)", prof.get("simulator_self_by_library"));
        }
        System.out.println();
    }

    @SuppressWarnings("unchecked")
    private static void printShares(String title, Object rows) {
        System.out.println("  " + title + ":");
        for (Object o : (List<Object>) rows) {
            Map<String, Object> r = (Map<String, Object>) o;
            System.out.printf(Locale.ROOT, "    %5.1f%% %7d  %s%n", number(r.get("percent")), r.get("samples"), r.get("what"));
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
