package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.TestSmtp;
import org.ratepayer.payments.internal.PaymentRepairJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Refunds and voids over the operator API (docs/refunds.md) with the sandbox processor and a real SMTP server: one
 * idempotency key refunds once (one processor refund, one row, one email); a refund above what is left is refused and
 * changes nothing; partial refunds add up to REFUNDED; a declined payment and another biller's are refused; the whole
 * of a payment in the open day is voided; two refunds at once that together exceed the charge cannot both pass; the
 * batch report counts the day's refunds and voids. Its own context, for the mail server.
 */
class RefundsIT extends PlatformIT {

    static final String VISA = "4111111111111111";
    static final String DECLINED = "4000000000000002";
    static final String TIMES_OUT = "4000000000000259";
    static final String PAYER = "payer@example.com";

    static final GreenMail SMTP = TestSmtp.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        TestSmtp.sendTo(SMTP, registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    /** A biller with one bill per account, each account's as much as the test pays of it (partial payments are refused). */
    private TestBiller billerWithBills(String... accountsAndAmounts) {
        TestBiller b = newBiller();
        BifText file = new BifText(b.guidText());
        for (int i = 0; i < accountsAndAmounts.length; i += 2) {
            String account = accountsAndAmounts[i];
            file.invoice(account.replace("-", "") + "00000001", account, "10/01/2026", accountsAndAmounts[i + 1], null);
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    @Autowired
    PaymentRepairJob repairJob;

    @Autowired
    PaymentRefunds refundRepair;

    private TestBiller billerWithBill(String account) {
        return billerWithBills(account, "40.00");
    }

    private UUID pay(TestBiller b, String account, String amount, String card) {
        String body = """
                {"channel":"IVR","accountNumber":"%s","amount":%s,
                 "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"},
                 "payerEmail":"%s"}""".formatted(account, amount, card, PAYER);
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return UUID.fromString(r.json().get("paymentGuid").asText());
    }

    private Reply refund(long bid, UUID payment, String key, String body) {
        HttpRequest.Builder r = asOperator(request("/api/v1/billers/" + bid + "/payments/" + payment + "/refunds"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return send(r);
    }

    private Reply refunds(long bid, UUID payment) {
        return send(asOperator(request("/api/v1/billers/" + bid + "/payments/" + payment + "/refunds")).GET());
    }

    private String status(UUID payment) {
        return jdbc.sql("select status from payment where payment_guid = ?").param(payment).query(String.class).single();
    }

    private long refundRows(UUID payment) {
        return count("select count(*) from payment_refund where payment_guid = ?", payment);
    }

    private long processorRefunds(UUID payment) {
        return count("select count(*) from sandbox_refund where payment_guid = ?", payment);
    }

    private static List<MimeMessage> caught(String subject) {
        return TestSmtp.receivedWithSubject(SMTP, subject);
    }

    private static String recipients(MimeMessage m) throws Exception {
        return String.join(",", java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList());
    }

    @Test
    void aRefundSentTwiceWithOneKeyRefundsOnceAndEmailsThePayerOnce() throws Exception {
        TestBiller b = billerWithBill("3201-1");
        UUID payment = pay(b, "3201-1", "40.00", VISA);
        String key = UUID.randomUUID().toString();
        Reply first = refund(b.bid(), payment, key, "{\"amount\":\"12.50\",\"reason\":\"paid twice\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(first.json().get("kind").asText()).isEqualTo("REFUND");
        assertThat(first.json().get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(first.json().get("requestedBy").asText()).isEqualTo("operator");
        Reply again = refund(b.bid(), payment, key, "{\"amount\":\"12.50\",\"reason\":\"paid twice\"}");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).as("the first answer, replayed").isEqualTo(first.json());

        assertThat(processorRefunds(payment)).as("one refund at the processor").isEqualTo(1);
        assertThat(jdbc.sql("select amount, reason, requested_by, status, kind from payment_refund where biller_id = ?").param(b.bid())
                .query((rs, n) -> tuple(rs.getBigDecimal(1).toPlainString(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list())
                .containsExactly(tuple("12.50", "paid twice", "operator", "APPROVED", "REFUND"));
        assertThat(status(payment)).as("partly refunded: still approved").isEqualTo("APPROVED");
        assertThat(jdbc.sql("select detail from payment_event where payment_id = (select payment_id from payment where payment_guid = ?)"
                + " and from_status = to_status").param(payment).query(String.class).list())
                .as("the payment's history").containsExactly("refund 12.50 APPROVED by operator (refund "
                        + first.json().get("refundId").asText() + ")");

        String subject = "Refund of $12.50 for account 3201-1";
        await().atMost(Duration.ofSeconds(20)).until(() -> caught(subject).size() == 1);
        Thread.sleep(300);
        List<MimeMessage> mails = caught(subject);
        assertThat(mails).hasSize(1);
        assertThat(recipients(mails.get(0))).isEqualTo(PAYER);
        assertThat(count("select count(*) from email_message where biller_id = ? and kind = 'REFUND' and recipients = ?", b.bid(), PAYER))
                .isEqualTo(1);

        Reply other = refund(b.bid(), payment, key, "{\"amount\":\"12.00\",\"reason\":\"paid twice\"}");
        assertThat(other.status()).as("the key with another body").isEqualTo(422);
        assertThat(other.json().get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(other.json().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(refundRows(payment)).isEqualTo(1);
    }

    @Test
    void aRefundAboveTheChargeIsRefusedAndChangesNothing() {
        TestBiller b = billerWithBill("3202-1");
        UUID payment = pay(b, "3202-1", "40.00", VISA);
        long events = count("select count(*) from payment_event where payment_id = (select payment_id from payment where payment_guid = ?)",
                payment);
        Reply above = refund(b.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":\"40.01\",\"reason\":\"too much\"}");
        assertThat(above.status()).isEqualTo(422);
        assertThat(above.json().get("field").asText()).isEqualTo("amount");
        assertThat(above.json().get("code").asText()).isEqualTo("above_charge");
        assertThat(above.json().get("detail").asText()).isEqualTo("at most 40.00 is left to refund of the 40.00 charged");
        for (String bad : new String[] {"{\"amount\":\"0\"}", "{\"amount\":\"-5.00\"}", "{\"amount\":\"1.005\"}", "{\"reason\":\"x\"}"}) {
            Reply r = refund(b.bid(), payment, UUID.randomUUID().toString(), bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(bad).isEqualTo("amount");
        }
        Reply noKey = refund(b.bid(), payment, null, "{\"amount\":\"1.00\"}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("field").asText()).isEqualTo("Idempotency-Key");
        Reply billerKey = send(request("/api/v1/billers/" + b.bid() + "/payments/" + payment + "/refunds").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\"}")));
        assertThat(billerKey.status()).as("operator only").isEqualTo(403);

        assertThat(refundRows(payment)).isZero();
        assertThat(processorRefunds(payment)).isZero();
        assertThat(status(payment)).isEqualTo("APPROVED");
        assertThat(count("select count(*) from payment_event where payment_id = (select payment_id from payment where payment_guid = ?)",
                payment)).isEqualTo(events);
        assertThat(count("select count(*) from email_message where biller_id = ? and kind = 'REFUND'", b.bid())).isZero();
    }

    @Test
    void partialRefundsThenTheRestMakeThePaymentRefunded() {
        TestBiller b = billerWithBill("3203-1");
        UUID payment = pay(b, "3203-1", "40.00", VISA);
        assertThat(refund(b.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":\"15.00\"}").json().get("status").asText())
                .isEqualTo("APPROVED");
        Reply rest = refund(b.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":25,\"reason\":\"the rest\"}");
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        assertThat(rest.json().get("kind").asText()).as("after a partial refund, no void").isEqualTo("REFUND");
        assertThat(status(payment)).isEqualTo("REFUNDED");
        Reply more = refund(b.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":\"0.01\"}");
        assertThat(more.status()).isEqualTo(422);
        assertThat(more.json().get("field").asText()).isEqualTo("payment");
        assertThat(more.json().get("code").asText()).isEqualTo("not_refundable");

        Reply listed = refunds(b.bid(), payment);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("status").asText()).isEqualTo("REFUNDED");
        assertThat(listed.json().get("charged").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(listed.json().get("refunded").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(listed.json().get("left").decimalValue()).isEqualByComparingTo("0");
        assertThat(listed.json().get("refunds").findValues("amount").stream().map(n -> n.decimalValue().setScale(2).toPlainString()))
                .containsExactly("15.00", "25.00");
        assertThat(processorRefunds(payment)).isEqualTo(2);
        assertThat(jdbc.sql("select to_status from payment_event where payment_id = (select payment_id from payment where payment_guid = ?)"
                + " order by event_id").param(payment).query(String.class).list())
                .containsExactly("INITIATED", "APPROVED", "APPROVED", "REFUNDED");
    }

    @Test
    void aDeclinedPaymentAndAnotherBillersAreRefused() {
        TestBiller b = billerWithBill("3204-1");
        UUID declined = pay(b, "3204-1", "40.00", DECLINED);
        Reply r = refund(b.bid(), declined, UUID.randomUUID().toString(), "{\"amount\":\"1.00\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("field").asText()).isEqualTo("payment");
        assertThat(r.json().get("detail").asText()).isEqualTo("the payment is DECLINED: only an approved or settled payment can be refunded");

        UUID payment = pay(b, "3204-1", "40.00", VISA);
        TestBiller other = billerWithBill("3204-1");
        Reply foreign = refund(other.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":\"1.00\"}");
        UUID never = UUID.randomUUID();
        Reply unknown = refund(other.bid(), never, UUID.randomUUID().toString(), "{\"amount\":\"1.00\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().replace(payment.toString(), "G")).isEqualTo(unknown.body().replace(never.toString(), "G"));
        assertThat(refunds(other.bid(), payment).status()).isEqualTo(404);
        assertThat(refundRows(payment) + refundRows(declined)).isZero();
        assertThat(status(payment)).isEqualTo("APPROVED");
    }

    @Test
    void theWholeOfAPaymentInTheOpenDayIsVoidedAndAfterTheBatchClosesItIsRefundedAndTheReportsCountThem() {
        TestBiller b = billerWithBills("3205-1", "40.00", "3205-2", "30.00");
        UUID open = pay(b, "3205-1", "40.00", VISA);
        UUID batched = pay(b, "3205-2", "30.00", VISA);
        Reply voided = refund(b.bid(), open, UUID.randomUUID().toString(), "{\"amount\":\"40.00\",\"reason\":\"paid twice\"}");
        assertThat(voided.status()).as(voided.body()).isEqualTo(201);
        assertThat(voided.json().get("kind").asText()).isEqualTo("VOID");
        assertThat(status(open)).isEqualTo("VOIDED");
        assertThat(count("select count(*) from sandbox_charge where payment_guid = ? and voided_at is not null", open)).isEqualTo(1);
        assertThat(processorRefunds(open)).as("a void moves no money back").isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> caught("Payment of $40.00 cancelled for account 3205-1").size() == 1);

        Reply closed = send(request("/api/v1/billers/" + b.bid() + "/batches/close").header("X-Api-Key", b.apiKey())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        assertThat(closed.json().get("paymentCount").asLong()).as("the voided payment is not in the batch").isEqualTo(1);
        assertThat(closed.json().get("reversals").get("voids").get("count").asLong()).isEqualTo(1);
        assertThat(closed.json().get("reversals").get("voids").get("total").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(closed.json().get("reversals").get("refunds").get("count").asLong()).isZero();

        Reply refunded = refund(b.bid(), batched, UUID.randomUUID().toString(), "{\"amount\":\"30.00\"}");
        assertThat(refunded.json().get("kind").asText()).as("the batch is closed: too late to void").isEqualTo("REFUND");
        assertThat(status(batched)).isEqualTo("REFUNDED");
        Reply openDay = getJson("/api/v1/billers/" + b.bid() + "/batches/open", b.apiKey());
        assertThat(openDay.json().get("reversals").get("refunds").get("count").asLong()).isEqualTo(1);
        assertThat(openDay.json().get("reversals").get("refunds").get("total").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(openDay.json().get("reversals").get("voids").get("count").asLong()).isZero();
        assertThat(count("select count(*) from posting where biller_id = ? and kind <> 'CIS_PAYMENT'", b.bid()))
                .as("nothing of a refund goes to the CIS").isZero();
    }

    @Test
    void twoRefundsAtOnceThatTogetherExceedTheChargeCannotBothPass() throws Exception {
        TestBiller b = billerWithBill("3206-1");
        UUID payment = pay(b, "3206-1", "40.00", VISA);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<Reply> call = () -> {
                go.await();
                return refund(b.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":\"30.00\"}");
            };
            replies.add(pool.submit(call));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> f : replies) {
            statuses.add(f.get().status());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        assertThat(jdbc.sql("select sum(amount) from payment_refund where payment_guid = ? and status = 'APPROVED'").param(payment)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("30.00");
        assertThat(processorRefunds(payment)).isEqualTo(1);
        assertThat(status(payment)).isEqualTo("APPROVED");
    }

    @Test
    void aRefundWhoseAnswerWasLostStaysUnknownUntilARetryWithItsKeyFinishesIt() throws Exception {
        TestBiller b = billerWithBill("3207-1");
        UUID payment = pay(b, "3207-1", "40.00", TIMES_OUT);
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(payment).update();
        repairJob.repair();
        assertThat(status(payment)).as("the charge's own lost answer, repaired").isEqualTo("APPROVED");

        String key = UUID.randomUUID().toString();
        Reply lost = refund(b.bid(), payment, key, "{\"amount\":\"10.00\"}");
        assertThat(lost.status()).as(lost.body()).isEqualTo(201);
        assertThat(lost.json().get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(refunds(b.bid(), payment).json().get("left").decimalValue()).as("counted while unknown").isEqualByComparingTo("30.00");
        assertThat(count("select count(*) from email_message where biller_id = ? and kind = 'REFUND'", b.bid())).isZero();

        Reply retried = refund(b.bid(), payment, key, "{\"amount\":\"10.00\"}");
        assertThat(retried.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(retried.json().get("refundId").asText()).isEqualTo(lost.json().get("refundId").asText());
        assertThat(processorRefunds(payment)).as("refunded once at the processor").isEqualTo(1);
        assertThat(refundRows(payment)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> caught("Refund of $10.00 for account 3207-1").size() == 1);
        Thread.sleep(300);
        assertThat(caught("Refund of $10.00 for account 3207-1")).hasSize(1);
    }

    @Test
    void aRefundWhoseAnswerWasLostIsFinishedByTheRepairJobOnce() throws Exception {
        TestBiller b = billerWithBill("3208-1");
        UUID payment = pay(b, "3208-1", "40.00", TIMES_OUT);
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(payment).update();
        repairJob.repair();

        Reply lost = refund(b.bid(), payment, UUID.randomUUID().toString(), "{\"amount\":\"15.00\"}");
        assertThat(lost.json().get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(refundRepair.repairUnanswered(Duration.ofSeconds(30))).as("too recent to ask again").isZero();
        assertThat(refunds(b.bid(), payment).json().get("refunds").get(0).get("status").asText()).isEqualTo("UNKNOWN");

        jdbc.sql("update payment_refund set created_at = created_at - interval '1 minute' where payment_guid = ?").param(payment).update();
        assertThat(refundRepair.repairUnanswered(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(refundRepair.repairUnanswered(Duration.ofSeconds(30))).as("a second run finds nothing left").isZero();
        Reply after = refunds(b.bid(), payment);
        assertThat(after.json().get("refunds").get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(after.json().get("left").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(processorRefunds(payment)).as("refunded once at the processor").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> caught("Refund of $15.00 for account 3208-1").size() == 1);
        Thread.sleep(300);
        assertThat(caught("Refund of $15.00 for account 3208-1")).hasSize(1);
    }
}
