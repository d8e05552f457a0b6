package org.ratepayer.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.autopay.RunReport;
import org.ratepayer.bif.BifFileHeader;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.bif.BifInvoice;
import org.ratepayer.bif.BifRow;
import org.ratepayer.bif.BifWriter;
import org.ratepayer.bif.FileSpec;
import org.ratepayer.bif.FileSpecIds;
import org.ratepayer.bif.RowType;
import org.ratepayer.billers.Biller;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's autopay account (docs/operations.md#the-demo, docs/autopay.md): on each start one account gets a bill
 * collected today, sent as a utility sends it (a one-invoice BIF file of the day with AutoPayCollectionDate), the CIS
 * knows its balance, the account is enrolled through the enrolment API with a sandbox card, and today's autopay run
 * charges it. Restarting the same day imports nothing new and charges nothing more: the run finds the bill paid.
 */
final class DemoAutopay {

    /**
     * The generator's index of the account (1981-1 with seed 2178): not a demo payer's, and sorted after the showcase
     * rows of the CIS list, so its bill being paid does not move them; it has an email and takes cards.
     */
    static final int ACCOUNT_INDEX = 981;
    static final String CARD = "4111111111111111";
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("MMddyyyy");
    private static final DateTimeFormatter BIF_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    /**
     * What the banner and data/demo.json show.
     *
     * @param runId       this start's run
     * @param chargedBy   the run that charged today's bill (this start's, or an earlier one's), null when none did
     * @param amount      what was charged, null when nothing was
     */
    record Outcome(String account, String invoice, BigDecimal billed, long runId, Long chargedBy,
            BigDecimal amount, RunReport report) {

        boolean chargedNow() {
            return chargedBy != null && chargedBy == runId;
        }

        /** The run to look at: the one that charged the bill, else this start's. */
        long shownRun() {
            return chargedBy != null ? chargedBy : runId;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final InvoiceImportService imports;
    private final AutopayRuns runs;
    private final CisSimulator cis;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DemoAutopay(InvoiceImportService imports, AutopayRuns runs, CisSimulator cis, JdbcClient jdbc, ObjectMapper json) {
        this.imports = imports;
        this.runs = runs;
        this.cis = cis;
        this.jdbc = jdbc;
        this.json = json;
    }

    static String accountNumber(Biller biller) {
        return new BifGenerator(biller.bid()).account(ACCOUNT_INDEX).accountNumber();
    }

    /** The day's bill: written once a day (data/samples/autopay/BID_MMDDYYYY.bif) and imported; the same file again is a no-op. */
    ImportOutcome importTodaysBill(Biller biller, Path samples) throws IOException {
        LocalDate today = runs.today(biller.bid());
        Path dir = samples.resolve("autopay");
        Files.createDirectories(dir);
        Path file = dir.resolve(biller.bid() + "_" + today.format(FILE_DATE) + ".bif");
        if (Files.notExists(file)) {
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(out, biller, today);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return imports.importFile(biller.bid(), file, file.getFileName().toString(), ImportSource.CLI, "demo");
    }

    /** The file of the day, in the biller's own layout (as the main sample): it has AutoPayCollectionDate switched on. */
    static void write(Writer out, Biller biller, LocalDate today) throws IOException {
        BifInvoice invoice = bill(biller, today);
        BifWriter writer = new BifWriter(out, biller.fileSpec());
        writer.header(new BifFileHeader(0, biller.guid().toString().toUpperCase(), today.atTime(5, 30), 1, invoice.totalAmountDue()));
        writer.invoice(invoice);
        writer.flush();
    }

    /**
     * The generator's bill of the day for the account, collected today. Its own invoice number ("AP-" and the date), so
     * that on the 1st it is not the main sample's invoice of the same date and index.
     */
    static BifInvoice bill(Biller biller, LocalDate today) {
        BifInvoice generated = new BifGenerator(biller.bid()).invoice(ACCOUNT_INDEX, today);
        Map<Integer, String> ih = new LinkedHashMap<>(generated.header().values());
        ih.put(FileSpecIds.INVOICE_NUMBER, "AP-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + generated.accountNumber());
        ih.put(FileSpecIds.AUTOPAY_COLLECTION_DATE, today.format(BIF_DATE));
        return new BifInvoice(0, BifRow.of(0, RowType.IH, ih), generated.customer(), generated.details());
    }

    /** The demo biller's file spec: the Daffron layout with AutoPayCollectionDate (2002) switched on (SPEC C2). */
    static FileSpec fileSpec() {
        FileSpec daffron = FileSpec.daffronDefault();
        List<Integer> ih = new ArrayList<>(daffron.columns(RowType.IH));
        ih.add(FileSpecIds.AUTOPAY_COLLECTION_DATE);
        return daffron.withColumns(RowType.IH, ih);
    }

    /**
     * The CIS knows the account with the bill's amount while it is unpaid, and with what is left once it is paid (the
     * simulator does not take postings off balances, and a fresh one starts with each demo).
     */
    void tellTheCis(Biller biller) {
        String account = accountNumber(biller);
        todaysInvoice(biller).ifPresent(i -> {
            BigDecimal due = i.total().subtract(i.paid()).max(BigDecimal.ZERO);
            String pastDue = i.paid().signum() == 0 ? i.pastDue().toPlainString() : "0";
            cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric service", due.toPlainString(), pastDue)
                    .withDueDate(i.dueDate())).withCustomerName(i.customerName()));
        });
    }

    /** @param paid what approved payments paid of it (payments do not change an invoice's status) */
    private record Invoice(String number, BigDecimal total, BigDecimal pastDue, LocalDate dueDate, BigDecimal paid, String customerName,
            String zip) {
    }

    private Optional<Invoice> todaysInvoice(Biller biller) {
        LocalDate today = runs.today(biller.bid());
        return jdbc.sql("""
                select i.invoice_number, i.total_amount_due, coalesce(i.past_due, 0), i.due_date,
                       coalesce((select sum(al.amount) from payment_allocation al join payment p on p.payment_id = al.payment_id
                                 where al.biller_id = i.biller_id and al.account_number = i.account_number
                                   and al.invoice_number = i.invoice_number and p.status = 'APPROVED'), 0),
                       a.customer_name, coalesce(a.zip, '')
                from invoice i join account a on a.biller_id = i.biller_id and a.account_number = i.account_number
                where i.biller_id = ? and i.invoice_number = ?
                """).params(biller.bid(), bill(biller, today).invoiceNumber())
                .query((rs, n) -> new Invoice(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class),
                        rs.getBigDecimal(5), rs.getString(6), rs.getString(7)))
                .optional();
    }

    /** Enrols the account in autopay with a sandbox card through the enrolment API, as a CIS or portal would; once. */
    void enrol(String baseUrl, Biller biller, String apiKey) throws IOException, InterruptedException {
        String account = accountNumber(biller);
        URI uri = URI.create(baseUrl + "/api/v1/billers/" + biller.bid() + "/accounts/" + account + "/autopay");
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("X-Api-Key", apiKey)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() != 200) {
            throw new IOException("asking the demo's autopay enrolment answered " + status.statusCode() + ": " + status.body());
        }
        if (json.readTree(status.body()).path("enrolled").asBoolean()) {
            return;
        }
        String zip = todaysInvoice(biller).map(Invoice::zip).orElse("");
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("number", CARD);
        card.put("expMonth", 12);
        card.put("expYear", 2099);
        card.put("cvv", "123");
        card.put("postalCode", zip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enrolled", true);
        body.put("card", card);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("enrolling demo account " + account + " in autopay answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Runs autopay for the biller's today, to the end, and finds which run charged today's bill. */
    Outcome run(Biller biller) {
        String account = accountNumber(biller);
        long runId = runs.runNow(biller.bid(), runs.today(biller.bid()), "demo");
        Invoice invoice = todaysInvoice(biller).orElse(null);
        String number = invoice == null ? null : invoice.number();
        // The schedule's run (db-scheduler) may have charged it first, or an earlier start of the day: either way one run did.
        record Charge(long runId, BigDecimal amount) {
        }
        Optional<Charge> charge = Optional.empty();
        // An attempt of the schedule's run still at the processor settles within seconds; the demo waits that long for it.
        for (int wait = 0; number != null && wait < 20; wait++) {
            charge = jdbc.sql("""
                    select run_id, amount from autopay_attempt
                    where biller_id = ? and account_number = ? and invoice_number = ? and status = 'APPROVED' and run_id is not null
                    """).params(biller.bid(), account, number).query((rs, n) -> new Charge(rs.getLong(1), rs.getBigDecimal(2))).optional();
            boolean inProgress = jdbc.sql("""
                    select count(*) from autopay_attempt
                    where biller_id = ? and account_number = ? and invoice_number = ? and status = 'IN_PROGRESS'
                    """).params(biller.bid(), account, number).query(Long.class).single() > 0;
            if (charge.isPresent() || !inProgress) {
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(account, number, invoice == null ? null : invoice.total(), runId,
                charge.map(Charge::runId).orElse(null), charge.map(Charge::amount).orElse(null),
                runs.report(biller.bid(), runId).orElse(null));
    }

    static String runUrl(String baseUrl, long bid, long runId) {
        return baseUrl + "/api/v1/billers/" + bid + "/autopay/runs/" + runId;
    }
}
