package org.ratepayer.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.math.BigDecimal;
import javax.sql.DataSource;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.autopay.RunReport;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.billing.DropFolderScanner;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.shared.config.OperatorToken;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.config.RatepayerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes {@code ./ratepayer demo} show everything on a fresh machine: a Daffron biller, this month's
 * billing run of 1,000 accounts imported, and data/demo.json telling scripts and people where
 * everything is. Safe to run again: the biller is reused and the same file is a no-op.
 */
@Component
@Profile("demo")
public class DemoSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);
    static final long DEMO_BID = 2178;
    static final String DEMO_NAME = "Carteret-Craven Electric Cooperative";
    static final int DEMO_INVOICES = 1000;
    /** Setting 1012 of the demo biller: prepaid accounts below this remaining balance get one alert per fall below it. */
    static final BigDecimal DEMO_PREPAID_ALERT = new BigDecimal("20.00");

    private final BillerService billers;
    private final InvoiceImportService imports;
    private final DropFolderScanner dropFolder;
    private final OperatorToken operatorToken;
    private final RatepayerProperties props;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final CisSimulator cis;
    private final JdbcClient jdbc;
    private final PublicUrl publicUrl;
    private final DemoAutopay autopay;

    public DemoSetup(BillerService billers, InvoiceImportService imports, DropFolderScanner dropFolder,
            OperatorToken operatorToken, RatepayerProperties props, DataSource dataSource, ObjectMapper json,
            CisSimulator cis, JdbcClient jdbc, PublicUrl publicUrl, AutopayRuns runs) {
        this.billers = billers;
        this.imports = imports;
        this.dropFolder = dropFolder;
        this.operatorToken = operatorToken;
        this.props = props;
        this.dataSource = dataSource;
        this.json = json;
        this.cis = cis;
        this.jdbc = jdbc;
        this.publicUrl = publicUrl;
        this.autopay = new DemoAutopay(imports, runs, cis, jdbc, json);
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) throws IOException {
        String baseUrl = publicUrl.base();
        Biller biller = billers.find(DEMO_BID).orElseGet(() -> billers.require(
                billers.create(new BillerService.NewBiller(DEMO_BID, DEMO_NAME, "daffron", null), "demo").biller().bid()));
        if (!biller.fileSpec().format().equals(DemoAutopay.fileSpec().format())) {
            billers.setFileSpec(biller.bid(), DemoAutopay.fileSpec().format(), "demo");
            biller = billers.require(biller.bid());
        }
        Path sample = sampleFile(biller);
        ImportOutcome outcome = imports.importFile(biller.bid(), sample, sample.getFileName().toString(),
                ImportSource.CLI, "demo");
        autopay.importTodaysBill(biller, props.dataDir().resolve("samples"));
        Files.createDirectories(dropFolder.landingDirectory(biller.bid()));
        pointAtSimulator(biller);
        String postbackSecret = payNowSecret(biller);
        Showcase showcase = loadSimulator(biller);
        autopay.tellTheCis(biller);
        List<DemoPayers.DemoPayer> payers = DemoPayers.wanted(jdbc.sql(
                "select account_number from account where biller_id = ? order by account_number limit 2").param(biller.bid())
                .query(String.class).list());
        try {
            new DemoPayers(json).register(baseUrl, biller.bid(), webServiceKey(biller), payers);
            autopay.enrol(baseUrl, biller, apiKey(biller));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering the demo payers", e);
        }
        DemoAutopay.Outcome autopayRun = autopay.run(biller);
        writeManifest(baseUrl, biller, postbackSecret, payers, autopayRun, showcase.prepaidAccount());
        printBanner(baseUrl, biller, outcome, showcase.lines(), payers, autopayRun);
    }

    /** Settings 8–20: every Daffron endpoint of the demo biller is the simulator (its ports change per start). */
    private void pointAtSimulator(Biller biller) {
        long bid = biller.bid();
        for (int url : new int[] {8, 11, 14, 17}) {
            billers.setSetting(bid, url, TextNode.valueOf(cis.cbUrl()), "demo");
            billers.setSetting(bid, url + 1, TextNode.valueOf(cis.userId()), "demo");
            billers.setSetting(bid, url + 2, TextNode.valueOf(cis.password()), "demo");
        }
        billers.setSetting(bid, 20, TextNode.valueOf(cis.eprintUrl()), "demo");
        // The prepaid showcase account (4.93 left) is below this: its first balance refresh emails one low-balance alert
        // (docs/prepaid-alerts.md), and later refreshes send nothing until it has risen above 20.00 and fallen again.
        billers.setSetting(bid, ConfigCatalogue.SET_PREPAID_ALERT_AMOUNT, DecimalNode.valueOf(DEMO_PREPAID_ALERT), "demo");
    }

    /** What the banner lists of the simulator's accounts, and the prepaid one, which data/demo.json names. */
    record Showcase(List<String> lines, String prepaidAccount) {
    }

    /**
     * The CIS knows every account of the imported file with the same amounts, split into two services.
     * A few accounts show what real-time refresh can say: a prepaid account, a cash-only account
     * (ACH blocked), a card-blocked account and one that has paid ahead (credit balance).
     */
    private Showcase loadSimulator(Biller biller) {
        List<CisAccount> accounts = jdbc.sql("""
                select a.account_number, a.customer_name, i.total_amount_due, coalesce(i.past_due, 0), i.due_date
                from account a join invoice i on i.biller_id = a.biller_id and i.account_number = a.account_number
                where a.biller_id = ? and i.status = 'OPEN'
                order by a.account_number
                """).param(biller.bid()).query((rs, n) -> {
                    String number = rs.getString(1);
                    BigDecimal total = rs.getBigDecimal(3);
                    BigDecimal pastDue = rs.getBigDecimal(4);
                    BigDecimal water = total.compareTo(new BigDecimal("20")) > 0 ? new BigDecimal("18.40") : BigDecimal.ZERO;
                    CisAccount a = CisAccount.of(number,
                            PayableCharge.of("Electric service", total.subtract(water).toPlainString(), pastDue.toPlainString())
                                    .withDueDate(rs.getObject(5, LocalDate.class)),
                            PayableCharge.of("Water service", water.toPlainString(), "0")
                                    .withDueDate(rs.getObject(5, LocalDate.class)))
                            .withCustomerName(rs.getString(2));
                    return switch (n) {
                        case 6 -> a.withPrepaid(new BigDecimal("4.93"), new BigDecimal("1"));
                        case 12 -> a.withAllowableTransactionTypes("Cash Only");
                        case 20 -> a.withPreventCreditCard(true);
                        case 30 -> CisAccount.of(number, PayableCharge.of("Electric service", "-25.00", "0")).withCustomerName(rs.getString(2));
                        default -> a;
                    };
                }).list();
        cis.state().putAccounts(accounts);
        List<String> showcase = new java.util.ArrayList<>();
        String[] labels = {"prepaid", "cash only (ACH blocked)", "card blocked", "credit balance"};
        int[] rows = {6, 12, 20, 30};
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < accounts.size()) {
                showcase.add(accounts.get(rows[i]).accountNumber() + " " + labels[i]);
            }
        }
        showcase.add(0, accounts.size() + " accounts");
        return new Showcase(showcase, rows[0] < accounts.size() ? accounts.get(rows[0]).accountNumber() : null);
    }

    /** This month's billing run: a new month gives new invoices that supersede last month's (balance forward). */
    private Path sampleFile(Biller biller) throws IOException {
        LocalDate invoiceDate = LocalDate.now().withDayOfMonth(1);
        Path dir = props.dataDir().resolve("samples");
        Files.createDirectories(dir);
        Path file = dir.resolve(biller.bid() + "_" + invoiceDate.format(DateTimeFormatter.ofPattern("MMddyyyy")) + ".bif");
        if (Files.notExists(file)) {
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                new BifGenerator(biller.bid()).write(out, biller.fileSpec(), biller.guid().toString().toUpperCase(),
                        DEMO_INVOICES, invoiceDate);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }

    /**
     * Pay Now (docs/paynow.md): the demo biller signs postbacks with its own secret (setting 1004, made once and
     * kept), so a partner portal trying the flow can verify them; it is written to demo.json for that.
     */
    private String payNowSecret(Biller biller) {
        return billers.config(biller.bid()).setting(ConfigCatalogue.SET_PAYNOW_POSTBACK_SECRET).orElseGet(() -> {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
            billers.setSetting(biller.bid(), ConfigCatalogue.SET_PAYNOW_POSTBACK_SECRET, TextNode.valueOf(secret), "demo");
            return secret;
        });
    }

    private String webServiceKey(Biller biller) {
        return billers.revealKeys(biller.bid(), Environment.TEST).stream().filter(k -> k.kind().name().equals("WEB_SERVICE"))
                .findFirst().orElseThrow().key();
    }

    private String apiKey(Biller biller) {
        return billers.revealKeys(biller.bid(), Environment.TEST).stream().filter(k -> k.kind().name().equals("API"))
                .findFirst().orElseThrow().key();
    }

    private void writeManifest(String baseUrl, Biller biller, String postbackSecret, List<DemoPayers.DemoPayer> payers,
            DemoAutopay.Outcome autopayRun, String prepaidAccount) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (IssuedKey k : billers.revealKeys(biller.bid(), Environment.TEST)) {
            keys.put(k.kind().name(), k.key());
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("bid", biller.bid());
        b.put("guid", biller.guid().toString().toUpperCase());
        b.put("name", biller.name());
        b.put("webServiceKey", keys.get("WEB_SERVICE"));
        b.put("apiKey", keys.get("API"));
        b.put("cpv2Key", keys.get("CPV2"));
        b.put("payNowUrl", baseUrl + "/cloudpaymentsapi/v2");
        b.put("postbackSecret", postbackSecret);
        b.put("dropFolder", dropFolder.landingDirectory(biller.bid()).toAbsolutePath().toString());
        b.put("fileSpec", biller.fileSpec().format());
        b.put("prepaidAccount", prepaidAccount);
        b.put("prepaidAlertBelow", DEMO_PREPAID_ALERT);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("baseUrl", baseUrl);
        manifest.put("operatorToken", operatorToken.reveal());
        manifest.put("billers", List.of(b));
        manifest.put("jdbcUrl", jdbcUrl());
        manifest.put("apiDocs", baseUrl + "/swagger-ui.html");
        manifest.put("mailbox", baseUrl + "/demo/mailbox");
        manifest.put("paymentPage", baseUrl + "/pay/" + biller.bid());
        manifest.put("portalUrl", baseUrl + "/portal/" + biller.bid());
        manifest.put("payers", payers.stream().map(p -> {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("username", p.username());
            u.put("password", p.password());
            u.put("email", p.email());
            u.put("accounts", p.accounts());
            return u;
        }).toList());
        Map<String, Object> sim = new LinkedHashMap<>();
        sim.put("cbUrl", cis.cbUrl());
        sim.put("eprintUrl", cis.eprintUrl());
        sim.put("adminUrl", cis.adminUrl());
        sim.put("adminToken", cis.adminToken());
        sim.put("userId", cis.userId());
        manifest.put("cisSimulator", sim);
        // the run that charged the account's bill of the day (this start's, or an earlier one's the same day)
        Map<String, Object> ap = new LinkedHashMap<>();
        ap.put("account", autopayRun.account());
        ap.put("invoice", autopayRun.invoice());
        ap.put("runId", autopayRun.shownRun());
        ap.put("runUrl", DemoAutopay.runUrl(baseUrl, biller.bid(), autopayRun.shownRun()));
        manifest.put("autopay", ap);
        // It holds the operator token and every key: readable by the user alone, from the first byte (a new file made
        // owner-only, then moved over the old one, which may have been readable by others).
        try {
            Path tmp = Files.createTempFile(props.dataDir(), ".demo.json.", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(manifest));
                Files.move(tmp, props.dataDir().resolve("demo.json"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write data/demo.json", e);
        }
    }

    private String jdbcUrl() {
        try (var c = dataSource.getConnection()) {
            return c.getMetaData().getURL();
        } catch (java.sql.SQLException e) {
            return null;
        }
    }

    private String demoZip(Biller biller) {
        return jdbc.sql("select coalesce(zip, '') from account where biller_id = ? and account_number = '1001-1'")
                .param(biller.bid()).query(String.class).optional().orElse("");
    }

    /** The banner's autopay lines: what this start's run did, and where to see the run, its posting and its receipt. */
    static String autopayLines(String baseUrl, long bid, DemoAutopay.Outcome run) {
        String did;
        if (run.chargedNow()) {
            did = "run " + run.runId() + " charged " + run.amount().toPlainString() + " to card " + DemoAutopay.CARD.substring(12);
        } else if (run.chargedBy() != null) {
            did = "already paid today (" + run.amount().toPlainString() + ") by run " + run.chargedBy() + "; this start's run "
                    + run.runId() + " charged nothing";
        } else {
            RunReport r = run.report();
            did = "run " + run.runId() + " charged nothing" + (r == null ? "" : " (due " + r.due() + ", declined " + r.declined()
                    + ", skipped " + r.skipped() + ")");
        }
        return String.join(System.lineSeparator(),
                " Autopay, due today:             account " + run.account() + ", bill " + run.invoice() + " of "
                        + (run.billed() == null ? "?" : run.billed().toPlainString()) + " (AutoPayCollectionDate today)",
                "   today's autopay run:          " + did,
                "   the run's report:             GET " + DemoAutopay.runUrl(baseUrl, bid, run.shownRun()) + "  (operator token)",
                "   its CIS posting and receipt:  the postings line above; the mailbox below");
    }

    private void printBanner(String baseUrl, Biller biller, ImportOutcome outcome, List<String> cisAccounts,
            List<DemoPayers.DemoPayer> payers, DemoAutopay.Outcome autopayRun) {
        String imported = outcome.status() == ImportOutcome.Status.IMPORTED
                ? outcome.invoices() + " invoices imported from " + outcome.fileName()
                : outcome.fileName() + " already imported (" + outcome.invoices() + " invoices)";
        log.info("""

                ==================================================================
                 Ratepayer demo is running at {}
                 Biller {} "{}" (GUID {})
                 {}
                 Manifest with keys and tokens:  {}
                 API docs:                       {}/swagger-ui.html
                 Invoices of an account:         GET {}/api/v1/billers/{}/invoices?account=1001-1  (X-Api-Key)
                 Live balance (from the CIS):    GET {}/api/v1/billers/{}/accounts/1001-1/balance  (X-Api-Key)
                 Daffron CIS simulator:          {}  (admin {}, token in the manifest)
                 Postings sent to the CIS:       GET {}/api/v1/billers/{}/postings?status=delivered  (X-Api-Key)
                 Pay a bill (one-time payment):  {}/pay/{}  (try account 1001-1, ZIP {})
                 Pay Now API for partner portals: POST {}/cloudpaymentsapi/v2  (Basic base64(cpv2Key); README "Try Pay Now")
                 Customer portal:                {}/portal/{}
                   sign in as {} / {} ({}) or {} / {} ({})
                   single sign-on link:          ./ratepayer payers sso-link --biller {} --user {}
                {}
                 Email caught by the demo:       {}/demo/mailbox
                 Accounts in the CIS:            {}
                 Drop folder for BIF files:      {}
                 Ctrl-C stops it; data stays in {}
                ==================================================================
                """, baseUrl, biller.bid(), biller.name(), biller.guid().toString().toUpperCase(), imported,
                props.dataDir().resolve("demo.json").toAbsolutePath(), baseUrl, baseUrl, biller.bid(), baseUrl, biller.bid(),
                cis.cbUrl(), cis.adminUrl(), baseUrl, biller.bid(), baseUrl, biller.bid(), demoZip(biller), baseUrl,
                baseUrl, biller.bid(), payers.get(0).username(), payers.get(0).password(), String.join(" and ", payers.get(0).accounts()),
                payers.get(1).username(), payers.get(1).password(), String.join(" and ", payers.get(1).accounts()),
                biller.bid(), payers.get(0).username(), autopayLines(baseUrl, biller.bid(), autopayRun), baseUrl,
                String.join(", ", cisAccounts),
                dropFolder.landingDirectory(biller.bid()).toAbsolutePath(), props.dataDir().toAbsolutePath());
    }
}
