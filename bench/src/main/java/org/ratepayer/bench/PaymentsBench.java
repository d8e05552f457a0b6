package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.KeyKind;
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

    static final AgainstApiRead.Operation PAYMENTS = new AgainstApiRead.Operation("payments",
            "Channel-API payments (sandbox card, IVR)", "payments", 300, 100);

    private PaymentsBench() {
    }

    public static void main(String[] args) throws IOException {
        AgainstApiRead.Options o = AgainstApiRead.Options.parse(args);
        BenchPlatform.runAndExit(null, false, 20, work -> run(work, o));
    }

    record Account(String number, String amount) {
    }

    private static void run(Path work, AgainstApiRead.Options o) throws Exception {
        try (ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), true, List.of(),
                "--ratepayer.environment=TEST",
                // receipts are recorded but not sent (no SMTP here); one warning per payment would flood the output
                "--logging.level.org.ratepayer.notifications=error")) {
            int port = BenchPlatform.port(ctx);
            BillerService.CreatedBiller biller = BenchPlatform.createBiller(ctx);
            String apiKey = AgainstApiRead.testKey(biller, KeyKind.API);
            AgainstApiRead.importBills(ctx, biller, work, "payments", o.accounts());
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            List<Account> accounts = payable(jdbc);
            say("%,d accounts; platform on port %d; %d threads", accounts.size(), port, o.threads());

            Map<String, Object> figures = AgainstApiRead.measure(PAYMENTS, o, port, apiKey,
                    i -> new PaymentWorker(port, apiKey, accounts, i, o.threads(), "w"),
                    i -> new PaymentWorker(port, apiKey, accounts, i, o.threads(), "m"));
            figures.put("approved_payments_in_database", jdbc.sql(
                    "select count(*) from payment where biller_id = ? and status = 'APPROVED'").param(BenchPlatform.BID)
                    .query(Long.class).single());
            AgainstApiRead.write(o.json(), figures);
        }
    }

    /** The bench biller's open bills whose accounts take cards: what the workers pay, in full. */
    static List<Account> payable(JdbcClient jdbc) {
        return jdbc.sql("""
                select i.account_number, i.total_amount_due from invoice i
                join account a on a.biller_id = i.biller_id and a.account_number = i.account_number
                where i.biller_id = ? and i.status = 'OPEN' and not a.block_cc
                order by i.account_number""").param(BenchPlatform.BID)
                .query((rs, n) -> new Account(rs.getString(1), rs.getBigDecimal(2).toPlainString())).list();
    }

    /** POSTs one card payment per request, each with its own Idempotency-Key; right when the answer is APPROVED. */
    static final class PaymentWorker extends KeptAliveWorker {
        private static final byte[] APPROVED = "\"status\":\"APPROVED\"".getBytes(StandardCharsets.UTF_8);
        private final String apiKey;
        private final List<Account> accounts;
        private final int index;
        private final int stride;
        private final String prefix;

        PaymentWorker(int port, String apiKey, List<Account> accounts, int index, int stride, String prefix) {
            super(port, AgainstApiRead.CLIENT_TIMEOUT_MILLIS);
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
            int status = client.exchange(AgainstApiRead.postJson("/api/v1/billers/" + BenchPlatform.BID + "/payments",
                    "X-Api-Key: " + apiKey + "\r\nIdempotency-Key: bench-" + prefix + "-" + index + "-" + n + "\r\n", body));
            return status == 201 && client.bodyContains(APPROVED) ? null : AgainstApiRead.wrong(status, client);
        }
    }
}
