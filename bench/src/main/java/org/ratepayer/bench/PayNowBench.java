package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.shared.web.KeyKind;
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

    private static final AgainstApiRead.Operation SESSIONS = new AgainstApiRead.Operation("paynow",
            "Pay Now session creations (POST /cloudpaymentsapi/v2, seed-shaped)", "sessions", 1000, 50);

    private PayNowBench() {
    }

    public static void main(String[] args) throws IOException {
        AgainstApiRead.Options o = AgainstApiRead.Options.parse(args);
        BenchPlatform.runAndExit(null, false, 20, work -> run(work, o));
    }

    private record Invoice(String account, String number, String amount) {
    }

    private static void run(Path work, AgainstApiRead.Options o) throws Exception {
        try (ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), true, List.of(),
                "--ratepayer.environment=TEST")) {
            int port = BenchPlatform.port(ctx);
            BillerService billers = ctx.getBean(BillerService.class);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            String apiKey = AgainstApiRead.testKey(biller, KeyKind.API);
            String cpv2Key = AgainstApiRead.testKey(biller, KeyKind.CPV2);
            billers.setSetting(BenchPlatform.BID, ConfigCatalogue.SET_PAYNOW_ORIGINS, TextNode.valueOf("https://portal.example"),
                    BenchPlatform.ACTOR);
            billers.setSetting(BenchPlatform.BID, ConfigCatalogue.SET_PAYNOW_POSTBACK_SECRET,
                    TextNode.valueOf("whsec_" + Base64.getEncoder().encodeToString(new byte[32])), BenchPlatform.ACTOR);
            AgainstApiRead.importBills(ctx, biller, work, "paynow", o.accounts());
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            List<Invoice> invoices = jdbc.sql("""
                    select account_number, invoice_number, total_amount_due from invoice
                    where biller_id = ? and status = 'OPEN' order by account_number""").param(BenchPlatform.BID)
                    .query((rs, n) -> new Invoice(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString())).list();
            say("%,d invoices; platform on port %d; %d threads", invoices.size(), port, o.threads());

            Map<String, Object> figures = AgainstApiRead.measure(SESSIONS, o, port, apiKey,
                    i -> new SessionWorker(port, cpv2Key, invoices, i, o.threads()),
                    i -> new SessionWorker(port, cpv2Key, invoices, i, o.threads()));
            figures.put("sessions_in_database", jdbc.sql("select count(*) from paynow_session where biller_id = ?")
                    .param(BenchPlatform.BID).query(Long.class).single());
            AgainstApiRead.write(o.json(), figures);
        }
    }

    /** POSTs one seed-shaped Cloud Payments request; right when the answer is 200 with a CloudPaymentURL. */
    private static final class SessionWorker extends KeptAliveWorker {
        private static final byte[] URL = "\"CloudPaymentURL\":\"http".getBytes(StandardCharsets.UTF_8);
        private final String authorization;
        private final List<Invoice> invoices;
        private final int index;
        private final int stride;

        SessionWorker(int port, String cpv2Key, List<Invoice> invoices, int index, int stride) {
            super(port, AgainstApiRead.CLIENT_TIMEOUT_MILLIS);
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
            int status = client.exchange(AgainstApiRead.postJson("/cloudpaymentsapi/v2", "Authorization: " + authorization + "\r\n",
                    body));
            return status == 200 && client.bodyContains(URL) ? null : AgainstApiRead.wrong(status, client);
        }
    }
}
