package org.ratepayer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ratepayer.conversion.ConversionRun;
import org.ratepayer.conversion.Conversions;
import org.ratepayer.conversion.Progress;
import org.ratepayer.conversion.Verification;
import org.ratepayer.conversion.internal.AccountTables;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.postings.PumpHold;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo biller (2178) converted onto new numbers (docs/conversion.md): everything moves, and the verification passes.
 * A demo of its own (the data directory's name differs from DemoIT's, so Spring does not hand this class DemoIT's cached
 * application), closed after the class, so no other test meets the converted biller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ratepayer.data-dir=target/test-data/demo-converted-${random.uuid}",
        "ratepayer.environment=TEST",
        "db-scheduler.enabled=false"})
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoConversionIT {

    private static final long BID = 2178;

    @Autowired
    Conversions conversions;
    @Autowired
    PumpHold pump;
    @Autowired
    AccountTables tables;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PaymentService payments;

    private long rowsNaming(String where) {
        long n = 0;
        for (String t : tables.reKeyed()) {
            n += jdbc.sql("select count(*) from " + t + " where biller_id = ? and " + where).param(BID).query(Long.class).single();
        }
        return n;
    }

    @Test
    void theDemoBillerConvertsAndTheVerificationPasses() {
        // the demo's autopay run and payers queue postings: the conversion waits for the CIS to have them all
        await().atMost(Duration.ofSeconds(120)).until(() -> pump.openPostings(BID).isEmpty());
        StringWriter export = new StringWriter();
        long accounts = conversions.export(BID, export, Progress.NONE);
        assertThat(accounts).isGreaterThanOrEqualTo(1000);
        List<String> lines = export.toString().lines().toList();
        assertThat(lines.stream().skip(1).filter(l -> l.contains(",Y,")).count()).as("some autopay or paperless to keep").isPositive();

        StringBuilder xref = new StringBuilder("OldAccountNumber,NewAccountNumber\n");
        for (String l : lines.subList(1, lines.size())) {
            String old = l.split(",")[1];
            xref.append(old).append(",DF").append(old.replace("-", "")).append('\n');
        }
        long rows = rowsNaming("true");
        Conversions.PlanOutcome plan = conversions.plan(BID, xref.toString());
        assertThat(plan.problems()).isEmpty();

        ConversionRun run = conversions.apply(plan.plan(), "test", Progress.NONE);

        assertThat(run.accounts()).isEqualTo((int) accounts);
        assertThat(rowsNaming("account_number not like 'DF%'")).as("rows still naming an old number").isZero();
        // each registration removed left an UNREGISTERED line in the change log instead; the held methods are new rows
        assertThat(rowsNaming("true")).as("every row moved").isEqualTo(rows + run.counts().get("conversion_held_method"));
        assertThat(run.counts().get("payer_account (unregistered)")).as("the demo's payers unregistered").isPositive();
        Verification v = conversions.verify(BID, export.toString());
        assertThat(v.rows().stream().filter(r -> !r.passed()).map(r -> r.oldNumber() + ": " + r.differences()).toList()).isEmpty();
        assertThat(v.passed()).isTrue();
        assertThat(v.accounts()).isEqualTo((int) accounts);

        // a member phones the IVR with the number on last month's bill: the payment lands on the account it became
        String oldNumber = lines.get(1).split(",")[1];
        String newNumber = "DF" + oldNumber.replace("-", "");
        BigDecimal due = jdbc.sql("""
                select total_amount_due from invoice where biller_id = ? and account_number = ? and status <> 'SUPERSEDED'
                order by invoice_date desc, invoice_id desc limit 1""").params(BID, newNumber).query(BigDecimal.class).single();
        PaymentOutcome paid = payments.submit(BID, "ivr-after-conversion", new PaymentRequest(Channel.IVR, oldNumber, null, due,
                new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null, null, null, null));
        assertThat(paid).as(String.valueOf(paid)).isInstanceOfSatisfying(PaymentOutcome.Taken.class,
                t -> assertThat(t.accountNumber()).isEqualTo(newNumber));
        assertThat(jdbc.sql("select account_number from payment where biller_id = ? and idempotency_key = 'ivr-after-conversion'")
                .param(BID).query(String.class).single()).isEqualTo(newNumber);
    }
}
