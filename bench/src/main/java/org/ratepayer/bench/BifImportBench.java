package org.ratepayer.bench;

import static org.ratepayer.bench.Machine.loadAverage;
import static org.ratepayer.bench.Report.round;
import static org.ratepayer.bench.Report.row;
import static org.ratepayer.bench.Report.say;
import static org.ratepayer.bench.Report.seconds;
import static org.ratepayer.bench.Report.writeJson;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.bif.BifOptions;
import org.ratepayer.bif.BifReader;
import org.ratepayer.bif.BifResult;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportProbes;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bulk-load benchmark of {@link InvoiceImportService}: one synthetic BIF file of N invoices
 * imported into a fresh embedded PostgreSQL, against a plain COPY of the same rows into tables of
 * the same shape in the same database. A one-shot load, not JMH: the interesting number is the
 * wall time of one big file, not the steady state of a hot loop.
 *
 * <p>Usage: {@code BifImportBench [--invoices N] [--seed S] [--breakdown] [--plans] [--pg NAME=VALUE]...
 * [--json FILE] [--work-dir DIR] [--keep] [--timeout-minutes M]}; see bench/README.md.
 */
public final class BifImportBench {

    private static final long BID = BenchPlatform.BID;
    private static final double TARGET_RATIO = 1.5;
    private static final long TARGET_HEAP_MB = 512;
    private static final String ACTOR = BenchPlatform.ACTOR;
    // Shorter stretches between statements are the JDBC and Spring plumbing, not work worth listing.
    private static final long SHORTEST_GAP_NANOS = 5_000_000;

    record Options(int invoices, long seed, boolean breakdown, boolean plans, Map<String, String> pgSettings, Path json,
            Path workDir, boolean keep, long timeoutMinutes) {

        static Options parse(String[] args) {
            int invoices = 1_000_000;
            long seed = 42;
            boolean breakdown = false;
            boolean plans = false;
            Map<String, String> pgSettings = new LinkedHashMap<>();
            Path json = null;
            Path workDir = null;
            boolean keep = false;
            long timeoutMinutes = -1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--invoices" -> invoices = Integer.parseInt(BenchPlatform.optionValue(args, ++i).replace("_", "").replace(",", ""));
                    case "--seed" -> seed = Long.parseLong(BenchPlatform.optionValue(args, ++i));
                    case "--breakdown" -> breakdown = true;
                    case "--plans" -> {
                        breakdown = true;
                        plans = true;
                    }
                    case "--json" -> json = Path.of(BenchPlatform.optionValue(args, ++i));
                    case "--work-dir" -> workDir = Path.of(BenchPlatform.optionValue(args, ++i));
                    case "--keep" -> keep = true;
                    case "--timeout-minutes" -> timeoutMinutes = Long.parseLong(BenchPlatform.optionValue(args, ++i));
                    case "--pg" -> {
                        String setting = BenchPlatform.optionValue(args, ++i);
                        int eq = setting.indexOf('=');
                        if (eq <= 0 || !setting.substring(0, eq).matches("[a-z_.]+")) {
                            throw new IllegalArgumentException("--pg takes name=value, e.g. work_mem=256MB: " + setting);
                        }
                        pgSettings.put(setting.substring(0, eq), setting.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --invoices N, --seed S, --breakdown, --plans, --pg NAME=VALUE, --json FILE,"
                            + " --work-dir DIR, --keep, --timeout-minutes M");
                }
            }
            if (invoices < 1 || invoices > BifGenerator.MAX_INVOICES) {
                throw new IllegalArgumentException("--invoices must be 1.." + BifGenerator.MAX_INVOICES);
            }
            if (timeoutMinutes < 0) {
                // Generous: ten minutes of setup and at least ten times the slowest rate seen on a small VM.
                timeoutMinutes = 10 + invoices / 200_000L;
            }
            return new Options(invoices, seed, breakdown, plans, pgSettings, json, workDir, keep, timeoutMinutes);
        }
    }

    private BifImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = BenchPlatform.parseOrExit(args, Options::parse);
        BenchPlatform.runAndExit(options.workDir(), options.keep(), options.timeoutMinutes(), work -> run(options, work));
    }

    private static void run(Options options, Path work) throws Exception {
        StatementClock clock = options.breakdown() ? new StatementClock(options.plans()) : null;
        say("starting the platform on a fresh embedded PostgreSQL in %s", work);
        List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers = clock == null ? List.of()
                : List.of(BenchPlatform.postProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof DataSource ds && name.equals("dataSource") ? clock.wrap(ds) : bean;
                    }
                }));
        try (ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), false, initializers)) {
            BillerService billers = ctx.getBean(BillerService.class);
            InvoiceImportService importer = ctx.getBean(InvoiceImportService.class);
            DataSource dataSource = ctx.getBean(DataSource.class);

            BenchPlatform.createBiller(ctx);
            Biller biller = billers.require(BID);
            String guid = biller.guid().toString();

            Path bif = work.resolve("bench-" + options.invoices() + ".bif");
            say("generating %,d invoices into %s (not measured)", options.invoices(), bif);
            long genStart = System.nanoTime();
            BenchPlatform.writeBif(bif, options.seed(), guid, options.invoices());
            double genSeconds = seconds(System.nanoTime() - genStart);
            long fileBytes = Files.size(bif);
            say("generated %s in %.1f s", megabytes(fileBytes), genSeconds);

            applySettings(dataSource, options.pgSettings());
            try (Connection c = dataSource.getConnection()) {
                // Neither side should pay for the other's (or the setup's) dirty pages.
                checkpoint(c);
            }

            say("importing through InvoiceImportService");
            double loadBefore = loadAverage();
            HeapWatch heap = HeapWatch.start();
            if (clock != null) {
                clock.startRecording();
            }
            long importStart = System.nanoTime();
            ImportOutcome outcome = importer.importFile(BID, bif, bif.getFileName().toString(), ImportSource.CLI, ACTOR);
            long importNanos = System.nanoTime() - importStart;
            List<StatementClock.Event> statements = clock != null ? clock.stopRecording() : List.of();
            HeapWatch.Figures heapFigures = heap.stop();
            if (outcome.status() != ImportOutcome.Status.IMPORTED || outcome.invoices() != options.invoices()) {
                throw new IllegalStateException("import did not store the file: " + outcome.status() + ", "
                        + outcome.invoices() + " invoices, " + outcome.errorCount() + " errors " + outcome.errors());
            }
            double loadAfterImport = loadAverage();
            say("imported in %.1f s", seconds(importNanos));

            say("baseline: COPY of the same rows into baseline_account, baseline_invoice, baseline_invoice_line");
            CopyBaseline.Result baseline = CopyBaseline.run(dataSource, BID, work);
            if (baseline.invoices() != outcome.invoices()) {
                throw new IllegalStateException("baseline copied " + baseline.invoices() + " invoices, the import stored "
                        + outcome.invoices());
            }
            say("baseline COPY in %.1f s", seconds(baseline.nanos()));
            double[] load = {loadBefore, loadAfterImport, loadAverage()};

            List<Map<String, Object>> breakdown = new ArrayList<>();
            if (clock != null) {
                breakdown.addAll(timeline(statements, importNanos));
                for (int i = 0; i < CopyBaseline.TABLES.size(); i++) {
                    breakdown.add(step("baseline", "COPY into baseline_" + CopyBaseline.TABLES.get(i),
                            baseline.tableNanos()[i], baseline.tableRows()[i]));
                }
                breakdown.add(step("baseline", "commit", baseline.commitNanos(), -1));
                breakdown.addAll(probes(dataSource, bif, biller, work));
            }

            Map<String, Object> figures = figures(options, fileBytes, genSeconds, importNanos, outcome, baseline,
                    heapFigures, load, dataSource, breakdown);
            print(figures, breakdown);
            if (options.json() != null) {
                writeJson(options.json(), figures);
                System.out.println("wrote " + options.json());
            }
        }
    }

    /**
     * Server settings to try without touching the platform. Set on the database, they reach every
     * session opened afterwards, so the pool is emptied: settings such as temp_buffers cannot change
     * in a session that has already used a temporary table. Both sides of the ratio run with them.
     */
    private static void applySettings(DataSource dataSource, Map<String, String> settings) throws SQLException {
        if (settings.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                s.execute("alter database postgres set " + e.getKey() + " = '" + e.getValue().replace("'", "''") + "'");
            }
        }
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        say("database settings for new sessions: %s", settings);
    }

    /**
     * The import's wall time cut into its SQL statements and the stretches between them. The longest
     * stretch, after the stage table is created, is the file being read, validated, rendered and
     * streamed into the stage by COPY, all at once.
     */
    private static List<Map<String, Object>> timeline(List<StatementClock.Event> events, long importNanos) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long previousEnd = 0;
        String previous = "start";
        for (StatementClock.Event e : events) {
            long gap = e.start() - previousEnd;
            if (gap > SHORTEST_GAP_NANOS) {
                rows.add(step("import", outsideSql(previous), gap, -1));
            }
            Map<String, Object> step = step("import", e.what(), e.nanos(), e.rows());
            if (e.plan() != null) {
                step.put("plan", e.plan());
            }
            rows.add(step);
            previousEnd = e.start() + e.nanos();
            previous = e.what();
        }
        if (importNanos - previousEnd > SHORTEST_GAP_NANOS) {
            rows.add(step("import", outsideSql(previous), importNanos - previousEnd, -1));
        }
        return rows;
    }

    private static String outsideSql(String after) {
        if (after.startsWith("create temp table bif_stage")) {
            return "[java] read + validate + render + COPY into bif_stage (streamed, not a statement)";
        }
        if (after.startsWith("select") && after.contains("invoice_file")) {
            return "[java] after the already-imported check";
        }
        return "[java] outside SQL, after: " + (after.length() > 40 ? after.substring(0, 40) + "..." : after);
    }

    /** The import's pieces one by one, after the measured run, so each can be weighed on its own. */
    private static List<Map<String, Object>> probes(DataSource dataSource, Path bif, Biller biller, Path work)
            throws IOException, SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        String guid = biller.guid().toString();

        long start = System.nanoTime();
        ImportProbes.sha256(bif);
        rows.add(step("probe", "sha256 of the file (its own pass)", System.nanoTime() - start, -1));

        start = System.nanoTime();
        try (InputStream in = Files.newInputStream(bif)) {
            BifResult r = new BifReader(biller.fileSpec()).read(in,
                    BifOptions.defaults().withExpectedBillerGuid(guid), invoice -> { });
            rows.add(step("probe", "BifReader alone, no-op handler", System.nanoTime() - start, r.invoices()));
        }

        CountingSink sink = new CountingSink(OutputStream.nullOutputStream());
        start = System.nanoTime();
        ImportProbes.renderStage(bif, biller.fileSpec(), guid, sink);
        rows.add(step("probe", "BifReader + stage COPY text, discarded (" + megabytes(sink.bytes) + ")",
                System.nanoTime() - start, -1));

        Path stageText = work.resolve("stage.copy");
        try (OutputStream out = Files.newOutputStream(stageText)) {
            ImportProbes.renderStage(bif, biller.fileSpec(), guid, out);
        }
        try (Connection c = dataSource.getConnection()) {
            checkpoint(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(ImportProbes.createStage());
                start = System.nanoTime();
                long copied;
                try (InputStream in = Files.newInputStream(stageText)) {
                    copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(ImportProbes.copyIntoStage(), in, 1 << 16);
                }
                rows.add(step("probe", "COPY of the stage text alone into bif_stage (server side)",
                        System.nanoTime() - start, copied));
                try (ResultSet rs = s.executeQuery("select pg_total_relation_size('bif_stage')")) {
                    rs.next();
                    rows.add(step("probe", "bif_stage size " + megabytes(rs.getLong(1)) + " (temp_buffers "
                            + setting(s, "temp_buffers") + ")", 0, -1));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } finally {
            Files.deleteIfExists(stageText);
        }
        return rows;
    }

    private static Map<String, Object> step(String kind, String what, long nanos, long rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("what", what);
        m.put("seconds", round(seconds(nanos), 3));
        if (rows >= 0) {
            m.put("rows", rows);
        }
        return m;
    }

    private static Map<String, Object> figures(Options options, long fileBytes, double genSeconds, long importNanos,
            ImportOutcome outcome, CopyBaseline.Result baseline, HeapWatch.Figures heap, double[] load,
            DataSource dataSource,
            List<Map<String, Object>> breakdown) throws SQLException {
        double importSeconds = seconds(importNanos);
        double baselineSeconds = seconds(baseline.nanos());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "bif-import");
        m.put("timestamp", Instant.now().toString());
        m.put("invoices", outcome.invoices());
        m.put("accounts", baseline.accounts());
        m.put("invoice_lines", baseline.lines());
        m.put("total_amount_due", outcome.totalAmountDue().toPlainString());
        m.put("file_bytes", fileBytes);
        m.put("file_mb", round(fileBytes / 1048576.0, 1));
        m.put("generation_seconds", round(genSeconds, 2));
        m.put("import_seconds", round(importSeconds, 2));
        m.put("invoices_per_second", Math.round(outcome.invoices() / importSeconds));
        m.put("baseline_copy_seconds", round(baselineSeconds, 2));
        m.put("baseline_rows", baseline.rows());
        m.put("baseline_copy_mb", round(baseline.bytes() / 1048576.0, 1));
        m.put("ratio", round(importSeconds / baselineSeconds, 2));
        m.put("target_ratio", TARGET_RATIO);
        m.put("peak_heap_mb", mb(heap.peakPoolsSum()));
        m.put("peak_heap_sampled_mb", mb(heap.peakSampled()));
        m.put("heap_after_gc_max_mb", mb(heap.maxAfterGc()));
        m.put("target_heap_mb", TARGET_HEAP_MB);
        m.put("gc_count", heap.collections());
        m.put("gc_seconds", round(heap.collectionMillis() / 1000.0, 2));
        m.put("max_heap_mb", mb(Runtime.getRuntime().maxMemory()));
        m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        m.putAll(Machine.describe());
        // Other work on the machine skews one side of the ratio more than the other; this shows when.
        m.put("load_average", List.of(round(load[0], 2), round(load[1], 2), round(load[2], 2)));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                m.put("postgresql", rs.getString(1));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(List.of("shared_buffers", "work_mem", "maintenance_work_mem",
                    "temp_buffers", "max_wal_size", "synchronous_commit", "fsync", "wal_level"));
            options.pgSettings().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
            for (String name : names) {
                settings.put(name, setting(s, name));
            }
            m.put("postgresql_settings", settings);
        }
        m.put("instrumented", options.breakdown());
        m.put("plans", options.plans());
        m.put("settings_tried", options.pgSettings());
        if (!breakdown.isEmpty()) {
            m.put("breakdown", breakdown);
        }
        return m;
    }

    private static void print(Map<String, Object> f, List<Map<String, Object>> breakdown) {
        System.out.println();
        System.out.println("BIF import benchmark" + (Boolean.TRUE.equals(f.get("instrumented"))
                ? " (statement timing on)" : ""));
        row("machine", "%s", Machine.summary(f));
        row("load average", "%s (before the import, after it, after the baseline)", f.get("load_average"));
        row("java", "%s (%s), max heap %s MB, %s", f.get("java_version"), f.get("java_vm"), f.get("max_heap_mb"),
                f.get("gc"));
        row("database", "PostgreSQL %s (embedded) %s", f.get("postgresql"), f.get("postgresql_settings"));
        row("invoices", "%,d (%,d accounts, %,d lines, total due %s)", f.get("invoices"), f.get("accounts"),
                f.get("invoice_lines"), f.get("total_amount_due"));
        row("file size", "%s MB (%,d bytes; generated in %s s, not measured)", f.get("file_mb"), f.get("file_bytes"),
                f.get("generation_seconds"));
        row("import", "%s s, %,d invoices/s", f.get("import_seconds"), f.get("invoices_per_second"));
        row("baseline COPY", "%s s (%,d rows, %s MB of COPY text, one transaction)", f.get("baseline_copy_seconds"),
                f.get("baseline_rows"), f.get("baseline_copy_mb"));
        double ratio = (Double) f.get("ratio");
        row("ratio", "%.2f import/baseline (target <= %s) %s", ratio, f.get("target_ratio"),
                ratio <= TARGET_RATIO ? "OK" : "OVER");
        long peak = (Long) f.get("peak_heap_mb");
        row("peak heap", "%s MB (pool peaks summed; sampled %s MB; after GC at most %s MB; %s GCs, %s s) "
                + "target <= %s MB %s", peak, f.get("peak_heap_sampled_mb"), f.get("heap_after_gc_max_mb"),
                f.get("gc_count"), f.get("gc_seconds"), f.get("target_heap_mb"), peak <= TARGET_HEAP_MB ? "OK" : "OVER");
        if (!breakdown.isEmpty()) {
            System.out.println();
            System.out.println("where the import's time goes (statements as timed at the JDBC driver):");
            for (Map<String, Object> step : breakdown) {
                Object rows = step.get("rows");
                System.out.printf(Locale.ROOT, "  %-8s %9.3f s  %s%s%n", step.get("kind"), step.get("seconds"),
                        step.get("what"), rows == null ? "" : String.format(Locale.ROOT, "  [%,d rows]", rows));
                if (step.get("plan") instanceof String plan) {
                    plan.lines().forEach(l -> System.out.println("                          | " + l));
                }
            }
        }
        System.out.println();
    }

    static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("checkpoint");
        }
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long mb(long bytes) {
        return Math.round(bytes / 1048576.0);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** Counts what passes through, to report the size of the stage's COPY text. */
    private static final class CountingSink extends OutputStream {
        private final OutputStream out;
        private long bytes;

        CountingSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }
}
