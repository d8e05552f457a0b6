package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A payment of several accounts (docs/payments.md and docs/postings.md, "Payments of several accounts"): one
 * payment and one charge for the total, one allocation per account in the database, and one paymentTransaction
 * per account at the CIS simulator, each with its own amount and transactionId; delivering again posts nothing twice.
 */
class PaymentAllocationsIT extends CisSimulatorIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final CardDetails VISA = new CardDetails("4111111111111111", 12, 2099, "123", "49331");
    private static final String APPROVAL_CODE_AS_TRANSACTION_ID =
            "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"ApprovalCode\"}}}";

    @Autowired
    PaymentService payments;

    /** A Daffron biller posting to the simulator, with one bill of {@code amount} for each account. */
    private TestBiller pumpBiller(Map<Integer, String> settings, Map<String, String> bills) {
        TestBiller b = simulatorBiller();
        settings.forEach((id, v) -> billerService.setSetting(b.bid(), id, TextNode.valueOf(v), "test"));
        BifText file = new BifText(b.guidText());
        bills.forEach((account, amount) -> file.invoice(invoiceOf(account), account, "10/01/2026", amount, null));
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private static String invoiceOf(String account) {
        return account.replace("-", "") + "00000001";
    }

    private static PaymentRequest.Allocation part(String account, String amount) {
        return new PaymentRequest.Allocation(account, null, new BigDecimal(amount));
    }

    private PaymentOutcome payTwo(TestBiller b, String first, String second, String total) {
        return payments.submit(b.bid(), UUID.randomUUID().toString(), PaymentRequest.ofAccounts(Channel.CSRWEB,
                List.of(part(first, "100.10"), part(second, "32.00")), new BigDecimal(total), VISA, null, null, null, null));
    }

    private List<PaymentPosting> posted(String... accounts) {
        return cis.state().postings().payments().stream().filter(p -> List.of(accounts).contains(p.accountNumber()))
                .sorted(java.util.Comparator.comparing(PaymentPosting::accountNumber)).toList();
    }

    private long delivered(TestBiller b) {
        return count("select count(*) from posting where biller_id = ? and status = 'DELIVERED'", b.bid());
    }

    @Test
    void aPaymentOfTwoAccountsIsOneChargeTwoAllocationsAndTwoPaymentTransactionsPostedOnce() {
        TestBiller b = pumpBiller(Map.of(), Map.of("5301-1", "100.10", "5302-1", "32.00"));

        PaymentOutcome outcome = payTwo(b, "5301-1", "5302-1", "132.10");

        assertThat(outcome).isInstanceOf(PaymentOutcome.Taken.class);
        PaymentOutcome.Taken taken = (PaymentOutcome.Taken) outcome;
        assertThat(taken.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(jdbc.sql("""
                select account_number, invoice_number, amount, channel, status, count(*) over () from payment where biller_id = ?
                """).param(b.bid()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                        rs.getString(4), rs.getString(5), rs.getLong(6))).single())
                .as("one payment for the total, naming its first account").containsExactly("5301-1", invoiceOf("5301-1"), "132.10",
                        "CSRWEB", "APPROVED", 1L);
        UUID guid = taken.paymentGuid();
        UUID firstGuid = PaymentAllocation.guidOf(guid, 1);
        UUID secondGuid = PaymentAllocation.guidOf(guid, 2);
        assertThat(jdbc.sql("""
                select a.position, a.account_number, a.invoice_number, a.amount, a.allocation_guid from payment_allocation a
                join payment p using (payment_id) where p.payment_guid = ? order by a.position
                """).param(guid).query((rs, n) -> tuple(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4).toPlainString(), rs.getObject(5, UUID.class))).list())
                .containsExactly(tuple(1, "5301-1", invoiceOf("5301-1"), "100.10", firstGuid),
                        tuple(2, "5302-1", invoiceOf("5302-1"), "32.00", secondGuid));
        assertThat(jdbc.sql("select total from sandbox_charge where payment_guid = ?").param(guid).query(BigDecimal.class).list())
                .as("charged once, for the total").extracting(BigDecimal::toPlainString).containsExactly("132.10");

        await().atMost(PATIENCE).until(() -> posted("5301-1", "5302-1").size() == 2 && delivered(b) == 2);
        assertThat(posted("5301-1", "5302-1")).extracting(PaymentPosting::accountNumber, p -> p.amount().toPlainString(),
                PaymentPosting::transactionId, PaymentPosting::authorizationCode, PaymentPosting::tender).containsExactly(
                        tuple("5301-1", "100.1", firstGuid.toString(), taken.approvalCode(), "creditCardPayment"),
                        tuple("5302-1", "32", secondGuid.toString(), taken.approvalCode(), "creditCardPayment"));
        assertThat(jdbc.sql("select order_key from posting where biller_id = ? order by posting_id").param(b.bid())
                .query(String.class).list()).as("each account's posting in its own account's order").containsExactly("5301-1", "5302-1");

        // every answer lost: both postings go again, and the CIS keeps one of each
        jdbc.sql("""
                update posting set status = 'PENDING', attempts = 0, next_attempt_at = now(), leased_until = null, leased_by = null
                where biller_id = ?
                """).param(b.bid()).update();
        await().atMost(PATIENCE).until(() -> delivered(b) == 2);
        assertThat(jdbc.sql("select outcome from posting where biller_id = ? order by posting_id").param(b.bid()).query(String.class).list())
                .allSatisfy(o -> assertThat(o).startsWith("DUPLICATE"));
        assertThat(posted("5301-1", "5302-1")).hasSize(2).allSatisfy(p -> assertThat(p.arrivals()).isEqualTo(2));
    }

    @Test
    void withApprovalCodesEachAccountSendsTheCodeAndItsPositionAndARerunPostsNothingTwice() {
        TestBiller b = pumpBiller(Map.of(131, APPROVAL_CODE_AS_TRANSACTION_ID), Map.of("5311-1", "100.10", "5312-1", "32.00"));

        PaymentOutcome.Taken taken = (PaymentOutcome.Taken) payTwo(b, "5311-1", "5312-1", "132.10");

        await().atMost(PATIENCE).until(() -> posted("5311-1", "5312-1").size() == 2 && delivered(b) == 2);
        assertThat(posted("5311-1", "5312-1")).extracting(PaymentPosting::transactionId)
                .containsExactly(taken.approvalCode() + "-1", taken.approvalCode() + "-2");
        jdbc.sql("""
                update posting set status = 'PENDING', attempts = 0, next_attempt_at = now(), leased_until = null, leased_by = null
                where biller_id = ?
                """).param(b.bid()).update();
        await().atMost(PATIENCE).until(() -> delivered(b) == 2);
        assertThat(count("select count(*) from posting where biller_id = ? and outcome like 'DUPLICATE%'", b.bid())).isEqualTo(2);
        assertThat(posted("5311-1", "5312-1")).hasSize(2);
    }

    @Test
    void aSecondPaymentWhoseAccountsCarryTheFirstsKeysIsParkedNamingTheFirstNeverCountedDelivered() {
        cis.state().reset(); // SBXDUP-1 and -2 must be new to the CIS
        TestBiller b = pumpBiller(Map.of(131, APPROVAL_CODE_AS_TRANSACTION_ID),
                Map.of("5341-1", "100.10", "5342-1", "32.00", "5343-1", "100.10", "5344-1", "32.00"));
        CardDetails sameCode = new CardDetails("4000000000000333", 12, 2099, "123", "49331");
        PaymentOutcome.Taken first = (PaymentOutcome.Taken) payments.submit(b.bid(), UUID.randomUUID().toString(),
                PaymentRequest.ofAccounts(Channel.CSRWEB, List.of(part("5341-1", "100.10"), part("5342-1", "32.00")),
                        new BigDecimal("132.10"), sameCode, null, null, null, null));
        await().atMost(PATIENCE).until(() -> delivered(b) == 2);

        PaymentOutcome.Taken second = (PaymentOutcome.Taken) payments.submit(b.bid(), UUID.randomUUID().toString(),
                PaymentRequest.ofAccounts(Channel.CSRWEB, List.of(part("5343-1", "100.10"), part("5344-1", "32.00")),
                        new BigDecimal("132.10"), sameCode, null, null, null, null));

        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 2);
        assertThat(second.approvalCode()).isEqualTo(first.approvalCode()).isEqualTo("SBXDUP");
        assertThat(posted("5343-1", "5344-1")).as("the CIS refused both as repeats").isEmpty();
        assertThat(jdbc.sql("select last_error from posting where biller_id = ? and status = 'PARKED' order by posting_id")
                .param(b.bid()).query(String.class).list()).satisfiesExactly(
                        e -> assertThat(e).contains("'SBXDUP-1'").contains(first.paymentGuid().toString()).contains("PaymentGuid"),
                        e -> assertThat(e).contains("'SBXDUP-2'").contains(first.paymentGuid().toString()));
    }

    @Test
    void aRefusedAllocationNamesItsPlaceAndNothingIsChargedOrStored() {
        TestBiller b = pumpBiller(Map.of(), Map.of("5321-1", "100.10", "5322-1", "32.00"));

        PaymentOutcome notTheirs = payTwo(b, "5321-1", "9999-9", "132.10");
        PaymentOutcome partial = payments.submit(b.bid(), UUID.randomUUID().toString(), PaymentRequest.ofAccounts(Channel.CSRWEB,
                List.of(part("5321-1", "100.10"), part("5322-1", "12.00")), new BigDecimal("112.10"), VISA, null, null, null, null));
        PaymentOutcome wrongTotal = payTwo(b, "5321-1", "5322-1", "140.00");

        assertThat(List.of(notTheirs, partial, wrongTotal)).extracting(o -> ((PaymentOutcome.Refused) o).code(),
                o -> ((PaymentOutcome.Refused) o).field()).containsExactly(
                        tuple(PaymentRules.ACCOUNT_NOT_FOUND, "allocations[1].accountNumber"),
                        tuple("partial_not_allowed", "allocations[1]"),
                        tuple("allocations_do_not_add_up", "amount"));
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from payment_allocation where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void aPaymentOfOneAccountHasItsOneAllocationUnderItsOwnGuid() {
        TestBiller b = pumpBiller(Map.of(), Map.of("5331-1", "120.50"));

        PaymentOutcome.Taken taken = (PaymentOutcome.Taken) payments.submit(b.bid(), UUID.randomUUID().toString(),
                new PaymentRequest(Channel.IVR, "5331-1", null, new BigDecimal("120.50"), VISA, null, null, null, null));

        assertThat(jdbc.sql("select position, account_number, amount, allocation_guid from payment_allocation where biller_id = ?")
                .param(b.bid()).query((rs, n) -> tuple(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                        rs.getObject(4, UUID.class))).list())
                .containsExactly(tuple(1, "5331-1", "120.50", taken.paymentGuid()));
        await().atMost(PATIENCE).until(() -> posted("5331-1").size() == 1);
        assertThat(posted("5331-1").get(0).transactionId()).isEqualTo(taken.paymentGuid().toString());
    }
}
