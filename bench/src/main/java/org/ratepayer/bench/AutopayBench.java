package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.autopay.RunReport;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.daffron.DaffronSettings;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An autopay run over N due accounts (docs/autopay.md) against the channel-API payment throughput measured in the
 * same run, on the same server, the same biller, the same sandbox gateway and the same CIS simulator (live balances,
 * option 64 on, so both sides ask the CIS once per payment). Afterwards the database is checked: no (account, invoice)
 * approved twice, and every due account charged exactly once.
 *
 * <p>Usage: {@code AutopayBench [--accounts N] [--workers W] [--threads T] [--seconds S] [--warmup-seconds S]
 * [--api-accounts M] [--json FILE]}
 */
public final class AutopayBench {

    private static final String CIS_USER = "InvoiceCloud";
    private static final String CIS_PASSWORD = "bench-pw";
    private static final double TARGET_RATIO = 0.8;

    private AutopayBench() {
    }

    record Options(int accounts, int workers, int threads, double seconds, double warmup, int apiAccounts, Path json) {
        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                o.put(args[i], BenchPlatform.optionValue(args, ++i));
            }
            for (String k : o.keySet()) {
                if (!List.of("--accounts", "--workers", "--threads", "--seconds", "--warmup-seconds", "--api-accounts", "--json").contains(k)) {
                    throw new IllegalArgumentException("unknown option " + k + "; use --accounts N, --workers W, --threads T, --seconds S,"
                            + " --warmup-seconds S, --api-accounts M, --json FILE");
                }
            }
            int threads = Integer.parseInt(o.getOrDefault("--threads", "8"));
            Options parsed = new Options(Integer.parseInt(o.getOrDefault("--accounts", "100000")),
                    Integer.parseInt(o.getOrDefault("--workers", String.valueOf(threads))), threads,
                    Double.parseDouble(o.getOrDefault("--seconds", "30")), Double.parseDouble(o.getOrDefault("--warmup-seconds", "15")),
                    Integer.parseInt(o.getOrDefault("--api-accounts", "2000")), o.containsKey("--json") ? Path.of(o.get("--json")) : null);
            if (parsed.accounts() < 1 || parsed.workers() < 1 || parsed.threads() < 1 || parsed.apiAccounts() < 1) {
                throw new IllegalArgumentException("--accounts, --workers, --threads and --api-accounts must be at least 1");
            }
            return parsed;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchPlatform.parseOrExit(args, Options::parse);
        // start-up and the import take a few minutes; then about a minute per 10,000 charges on two busy cores
        long timeout = 15 + o.accounts() / 5_000;
        BenchPlatform.runAndExit(null, false, timeout, work -> run(work, o));
    }

    private static void run(Path work, Options o) throws Exception {
        say("starting the CIS simulator on 127.0.0.1");
        try (CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials(CIS_USER, CIS_PASSWORD).build().start();
             ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), true, List.of(),
                     "--ratepayer.environment=TEST", "--ratepayer.autopay.enabled=false",
                     "--ratepayer.autopay.workers=" + o.workers(),
                     // receipts and autopay notices are recorded but not sent (no SMTP here)
                     "--logging.level.org.ratepayer.notifications=error")) {
            int port = BenchPlatform.port(ctx);
            BillerService billers = ctx.getBean(BillerService.class);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            long bid = BenchPlatform.BID;
            billers.setSetting(bid, DaffronSettings.RTDR_URL, TextNode.valueOf(cis.cbUrl()), BenchPlatform.ACTOR);
            billers.setSetting(bid, DaffronSettings.RTDR_USER, TextNode.valueOf(CIS_USER), BenchPlatform.ACTOR);
            billers.setSetting(bid, DaffronSettings.RTDR_PASSWORD, TextNode.valueOf(CIS_PASSWORD), BenchPlatform.ACTOR);
            billers.setOption(bid, ConfigCatalogue.OPT_RTDR_IGNORE_SIX_HOURS, null, BooleanNode.TRUE, BenchPlatform.ACTOR);
            String apiKey = AgainstApiRead.testKey(biller, KeyKind.API);

            say("generating and importing %,d invoices (not measured)", o.accounts() + o.apiAccounts());
            AgainstApiRead.importBills(ctx, biller, work, "autopay", o.accounts() + o.apiAccounts());
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            List<PaymentsBench.Account> all = jdbc.sql("""
                    select distinct on (i.account_number) i.account_number, i.total_amount_due from invoice i
                    where i.biller_id = ? and i.status = 'OPEN'
                    order by i.account_number, i.invoice_date desc, i.invoice_id desc""").param(bid)
                    .query((rs, n) -> new PaymentsBench.Account(rs.getString(1), rs.getBigDecimal(2).toPlainString())).list()
                    .stream().filter(a -> new java.math.BigDecimal(a.amount()).signum() > 0).toList();
            if (all.size() < o.accounts() + 1) {
                throw new IllegalStateException("only " + all.size() + " accounts with a balance; ask for fewer --accounts");
            }
            // the simulator answers each account's bill as its live balance, unblocked
            cis.state().putAccounts(all.stream().map(a -> CisAccount.of(a.number(), PayableCharge.of("Electric", a.amount(), "0.00"))).toList());
            List<PaymentsBench.Account> due = all.subList(0, o.accounts());
            List<PaymentsBench.Account> api = all.subList(o.accounts(), Math.min(all.size(), o.accounts() + o.apiAccounts()));
            LocalDate today = ctx.getBean(AutopayRuns.class).today(bid);
            // one saved card for every enrolment (option 128 is off: each account is its own charge)
            String token = ctx.getBean(PaymentService.class).tokenize(bid, new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null)
                    .token();
            jdbc.sql("update invoice set due_date = ?, autopay_collection_date = null where biller_id = ?").params(today, bid).update();
            jdbc.sql("""
                    insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, enrolled_at, changed_by)
                    select ?, unnest(?::text[]), 'CARD', ?, 'VISA', '1111', now() - interval '30 days', 'bench'""")
                    .params(bid, due.stream().map(PaymentsBench.Account::number).toArray(String[]::new), token).update();
            jdbc.sql("vacuum analyze").update();
            say("%,d accounts due today (%s) enrolled in autopay, %,d more paid through the API; platform on port %d, CIS at %s; "
                    + "%d API threads, %d autopay workers", due.size(), today, api.size(), port, cis.cbUrl(), o.threads(), o.workers());

            // 1. the channel API's payments, concurrent clients, after a warm-up
            LoadRun.run("payments-warmup", o.threads(), o.warmup(),
                    i -> new PaymentsBench.PaymentWorker(port, apiKey, api, i, o.threads(), "w"));
            double loadBeforeApi = Machine.loadAverage();
            LoadRun.Result apiRun = LoadRun.run("payments", o.threads(), o.seconds(),
                    i -> new PaymentsBench.PaymentWorker(port, apiKey, api, i, o.threads(), "m"));
            double loadBeforeRun = Machine.loadAverage();

            // 2. the autopay run over every due account
            AutopayRuns runs = ctx.getBean(AutopayRuns.class);
            long start = System.nanoTime();
            long runId = runs.runNow(bid, today, "bench");
            double wall = Report.seconds(System.nanoTime() - start);
            double loadAfterRun = Machine.loadAverage();
            RunReport report = runs.report(bid, runId).orElseThrow();

            // 3. the database's word: approved charges per (account, invoice) of the due accounts
            long doubles = jdbc.sql("""
                    select count(*) from (select pa.account_number, pa.invoice_number from payment_allocation pa
                      join payment p using (payment_id) where p.biller_id = ? and p.status = 'APPROVED' and p.channel = 'AUTOPAY'
                      group by 1, 2 having count(*) > 1) d""").param(bid).query(Long.class).single();
            // one pass over the approved allocations (a subquery per enrolment took minutes at 100,000)
            long missed = jdbc.sql("""
                    select count(*) from autopay_enrolment e
                    left join (select pa.account_number, count(*) as n from payment_allocation pa join payment p using (payment_id)
                               where p.biller_id = ? and p.status = 'APPROVED' and p.channel = 'AUTOPAY' group by 1) c
                      on c.account_number = e.account_number
                    where e.biller_id = ? and coalesce(c.n, 0) <> 1""").params(bid, bid).query(Long.class).single();
            long approved = jdbc.sql("select count(*) from payment where biller_id = ? and status = 'APPROVED' and channel = 'AUTOPAY'")
                    .param(bid).query(Long.class).single();

            double chargesPerSecond = approved / wall;
            double ratio = chargesPerSecond / apiRun.perSecond();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "autopay-run");
            figures.put("accounts", due.size());
            figures.put("workers", o.workers());
            figures.put("run_seconds", Report.round(wall, 1));
            figures.put("charges_per_second", Report.round(chargesPerSecond, 1));
            figures.put("api_payments_per_second", Report.round(apiRun.perSecond(), 1));
            figures.put("api_threads", o.threads());
            figures.put("api_seconds", o.seconds());
            figures.put("api_p50_ms", Report.round(apiRun.percentileMillis(50), 3));
            figures.put("api_p99_ms", Report.round(apiRun.percentileMillis(99), 3));
            figures.put("api_errors", apiRun.errorCount());
            figures.put("ratio", Report.round(ratio, 3));
            figures.put("target_ratio", TARGET_RATIO);
            figures.put("approved_autopay_payments", approved);
            figures.put("report_due", report.due());
            figures.put("report_charged", report.charged());
            figures.put("report_declined", report.declined());
            figures.put("report_skipped", report.skipped());
            figures.put("double_charges", doubles);
            figures.put("missed", missed);
            figures.put("load_average", List.of(loadBeforeApi, loadBeforeRun, loadAfterRun));
            figures.put("api", apiRun.figures());
            figures.put("machine", Machine.describe());
            System.out.println();
            System.out.printf("Autopay run over %,d due accounts (%d workers) against channel-API payments (%d threads)%n", due.size(),
                    o.workers(), o.threads());
            System.out.printf("  autopay    %,8.1f charges/s  (%,d approved in %.1f s)%n", chargesPerSecond, approved, wall);
            System.out.printf("  API        %,8.1f payments/s  p50 %.3f ms  p99 %.3f ms  errors %d%n", apiRun.perSecond(),
                    apiRun.percentileMillis(50), apiRun.percentileMillis(99), apiRun.errorCount());
            System.out.printf("  ratio      %.3f (target >= %.1f: %s)%n", ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "OK" : "UNDER");
            System.out.printf("  double charges %d, missed %d; load average %.2f / %.2f / %.2f%n", doubles, missed, loadBeforeApi,
                    loadBeforeRun, loadAfterRun);
            AgainstApiRead.write(o.json(), figures);
            if (doubles != 0 || missed != 0) {
                throw new IllegalStateException(doubles + " double charges, " + missed + " missed");
            }
        }
    }
}
