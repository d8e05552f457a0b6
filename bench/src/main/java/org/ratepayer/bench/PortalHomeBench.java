package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer portal's home ({@code GET /portal/{bid}}, docs/payers-portal.md) for a signed-in payer holding three
 * accounts, each balance asked live of the CIS simulator (option 64 on), against the authenticated balance API read
 * ({@code GET /api/v1/billers/{bid}/accounts/{account}/balance}, one live refresh) in the same run on the same server.
 * A home does three refreshes, its bills and a page; the target is a third of the API read's throughput.
 *
 * <p>Usage: {@code PortalHomeBench [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N] [--json FILE]}
 */
public final class PortalHomeBench {

    private static final String CIS_USER = "InvoiceCloud";
    private static final String CIS_PASSWORD = "bench-password";
    private static final double TARGET_RATIO = 0.3;
    private static final double TARGET_P99_MILLIS = 250;
    private static final int ACCOUNTS_PER_PAYER = 3;

    private PortalHomeBench() {
    }

    public static void main(String[] args) throws Exception {
        AgainstApiRead.Options o = AgainstApiRead.Options.parse(args);
        BenchPlatform.runAndExit(null, false, 20, work -> run(work, o));
    }

    private static void run(Path work, AgainstApiRead.Options o) throws Exception {
        say("starting the CIS simulator on 127.0.0.1");
        try (CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials(CIS_USER, CIS_PASSWORD).build().start();
                ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), true, List.of(),
                        "--ratepayer.environment=TEST", "--logging.level.org.ratepayer.balances=error")) {
            int port = BenchPlatform.port(ctx);
            BillerService billers = ctx.getBean(BillerService.class);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            String apiKey = AgainstApiRead.testKey(biller, KeyKind.API);
            long bid = BenchPlatform.BID;
            billers.setSetting(bid, ConfigCatalogue.SET_RTDR_URL, TextNode.valueOf(cis.cbUrl()), BenchPlatform.ACTOR);
            billers.setSetting(bid, ConfigCatalogue.SET_RTDR_USER, TextNode.valueOf(CIS_USER), BenchPlatform.ACTOR);
            billers.setSetting(bid, ConfigCatalogue.SET_RTDR_PASSWORD, TextNode.valueOf(CIS_PASSWORD), BenchPlatform.ACTOR);
            billers.setSetting(bid, ConfigCatalogue.SET_REMOTE_PDF_URL, TextNode.valueOf(cis.eprintUrl()), BenchPlatform.ACTOR);
            billers.setOption(bid, ConfigCatalogue.OPT_RTDR_IGNORE_SIX_HOURS, null, BooleanNode.TRUE, BenchPlatform.ACTOR);
            AgainstApiRead.importBills(ctx, biller, work, "portal", o.accounts());
            List<String> accounts = ctx.getBean(JdbcClient.class).sql("select account_number from account where biller_id = ? "
                    + "order by account_number").param(bid).query(String.class).list();
            cis.state().putAccounts(accounts.stream().map(a -> CisAccount.of(a, PayableCharge.of("Electric", "12.34", "0.00"))).toList());

            // One payer per thread, each with three accounts of its own and its own signed-in session.
            PayerDirectory directory = ctx.getBean(PayerDirectory.class);
            List<String> cookies = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            for (int t = 0; t < o.threads(); t++) {
                List<String> held = accounts.subList(t * ACCOUNTS_PER_PAYER, (t + 1) * ACCOUNTS_PER_PAYER);
                directory.register(bid, "bench-payer-" + t, "payer" + t + "@example.com", held, "correct horse battery staple");
                String token = directory.mintSignOn(bid, "bench-payer-" + t, null).token();
                HttpResponse<Void> landed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/portal/" + bid
                        + "/sso?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
                String cookie = landed.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                        .orElseThrow(() -> new IllegalStateException("sign-on set no session cookie: " + landed.statusCode()));
                cookies.add(cookie);
            }
            List<String> balanceAccounts = accounts.subList(0, o.threads() * ACCOUNTS_PER_PAYER);
            say("%,d accounts; %d payers of %d accounts each; platform on port %d, CIS at %s", accounts.size(), o.threads(),
                    ACCOUNTS_PER_PAYER, port, cis.cbUrl());

            LoadRun.run("home-warmup", o.threads(), o.warmup(), i -> new HomeWorker(port, cookies.get(i)));
            LoadRun.run("balance-warmup", o.threads(), o.warmup() / 2, i -> new BalanceWorker(port, apiKey, balanceAccounts, i, o.threads()));
            // The baseline runs before and after the home, each for half the time, and counts as one run: on a machine
            // whose load drifts (other builds sharing its cores) the ratio then compares like with like.
            LoadRun.Result before = LoadRun.run("balance", o.threads(), o.seconds() / 2, i -> new BalanceWorker(port, apiKey,
                    balanceAccounts, i, o.threads()));
            LoadRun.Result r = LoadRun.run("home", o.threads(), o.seconds(), i -> new HomeWorker(port, cookies.get(i)));
            LoadRun.Result after = LoadRun.run("balance", o.threads(), o.seconds() / 2, i -> new BalanceWorker(port, apiKey,
                    balanceAccounts, i, o.threads()));
            LoadRun.Result base = before.perSecond() <= after.perSecond() ? before : after;
            double basePerSecond = (before.perSecond() + after.perSecond()) / 2;

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "portal-home");
            figures.put("threads", o.threads());
            figures.put("seconds", o.seconds());
            figures.put("accounts_per_payer", ACCOUNTS_PER_PAYER);
            figures.put("homes_per_second", Report.round(r.perSecond(), 1));
            figures.put("p50_ms", Report.round(r.percentileMillis(50), 3));
            figures.put("p99_ms", Report.round(r.percentileMillis(99), 3));
            figures.put("baseline_per_second", Report.round(basePerSecond, 1));
            figures.put("baseline_before_per_second", Report.round(before.perSecond(), 1));
            figures.put("baseline_after_per_second", Report.round(after.perSecond(), 1));
            figures.put("baseline_p50_ms", Report.round(base.percentileMillis(50), 3));
            figures.put("baseline_p99_ms", Report.round(base.percentileMillis(99), 3));
            figures.put("throughput_ratio", Report.round(r.perSecond() / basePerSecond, 3));
            figures.put("errors", r.errorCount());
            figures.put("baseline_errors", before.errorCount() + after.errorCount());
            figures.put("target_ratio", TARGET_RATIO);
            figures.put("target_p99_ms", TARGET_P99_MILLIS);
            figures.put("home", r.figures());
            figures.put("baseline_before", before.figures());
            figures.put("baseline_after", after.figures());
            figures.put("machine", Machine.describe());
            double ratio = r.perSecond() / basePerSecond;
            System.out.println();
            System.out.println("Portal home (3 accounts, 3 live balances) against the authenticated balance API read (1 live balance)");
            System.out.printf("  homes      %8.1f/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%n", r.perSecond(), r.percentileMillis(50),
                    r.percentileMillis(99), r.errorCount());
            System.out.printf("  baseline   %8.1f/s  (before %.1f/s, after %.1f/s); the slower half: p50 %7.3f ms  p99 %7.3f ms  errors %d%n",
                    basePerSecond, before.perSecond(), after.perSecond(), base.percentileMillis(50), base.percentileMillis(99),
                    before.errorCount() + after.errorCount());
            System.out.printf("  ratio      %.3f (homes/balance reads); targets: >= %.1f %s, p99 < %.0f ms %s%n", ratio, TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "OK" : "UNDER", TARGET_P99_MILLIS,
                    r.percentileMillis(99) < TARGET_P99_MILLIS ? "OK" : "OVER");
            AgainstApiRead.write(o.json(), figures);
        }
    }

    /** GET /portal/{bid} in one payer's session; right when the page shows all three accounts, each balance live. */
    private static final class HomeWorker extends KeptAliveWorker {
        private static final byte[] THIRD = "id=\"balance-2\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] FALLBACK = "fallback-notice".getBytes(StandardCharsets.US_ASCII);
        private final byte[] request;

        HomeWorker(int port, String cookie) {
            super(port, AgainstApiRead.CLIENT_TIMEOUT_MILLIS);
            this.request = ("GET /portal/" + BenchPlatform.BID + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nCookie: " + cookie
                    + "\r\nAccept: text/html\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String call(long n) throws Exception {
            int status = client.exchange(request);
            if (status != 200 || !client.bodyContains(THIRD)) {
                return AgainstApiRead.wrong(status, client);
            }
            return client.bodyContains(FALLBACK) ? "a balance fell back (the CIS call failed)" : null;
        }
    }

    /** GET /api/v1/billers/{bid}/accounts/{account}/balance with the biller's API key; right when it came from the CIS. */
    private static final class BalanceWorker extends KeptAliveWorker {
        private static final byte[] FROM_CIS = "\"source\":\"cis\"".getBytes(StandardCharsets.US_ASCII);
        private final String head;
        private final String tail;
        private final List<String> accounts;
        private final int index;
        private final int stride;

        BalanceWorker(int port, String apiKey, List<String> accounts, int index, int stride) {
            super(port, AgainstApiRead.CLIENT_TIMEOUT_MILLIS);
            this.head = "GET /api/v1/billers/" + BenchPlatform.BID + "/accounts/";
            this.tail = "/balance HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Api-Key: " + apiKey + "\r\nAccept: application/json\r\n\r\n";
            this.accounts = accounts;
            this.index = index;
            this.stride = stride;
        }

        @Override
        public String call(long n) throws Exception {
            String account = accounts.get((int) ((index + n * stride) % accounts.size()));
            int status = client.exchange((head + URLEncoder.encode(account, StandardCharsets.UTF_8) + tail).getBytes(StandardCharsets.UTF_8));
            return status == 200 && client.bodyContains(FROM_CIS) ? null : AgainstApiRead.wrong(status, client);
        }
    }
}
