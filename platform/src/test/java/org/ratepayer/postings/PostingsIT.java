package org.ratepayer.postings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.integration.internal.CisPostings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data pump (SPEC C4) end to end: the platform's outbox and workers delivering to the Daffron
 * simulator through the real connector, through outages, random failures and slow replies. In every
 * case the simulator must have posted each transactionId exactly once, in order per account.
 */
class PostingsIT extends CisSimulatorIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @Autowired
    CisPostings cisPostings;

    @Autowired
    PlatformTransactionManager txManager;

    @AfterEach
    void calm() {
        cis.state().clearFaults();
    }

    /** A Daffron biller whose posting endpoints (settings 11–19) are the simulator, with a bill for each account. */
    private TestBiller pumpBiller(Map<Integer, String> settings, String... accounts) {
        TestBiller b = simulatorBiller();
        settings.forEach((id, v) -> billerService.setSetting(b.bid(), id, TextNode.valueOf(v), "test"));
        BifText file = new BifText(b.guidText());
        int n = 0;
        for (String a : accounts) {
            file.invoice(a.replace("-", "") + "0000000" + (++n), a, "10/01/2026", "120.50", null);
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private static final String GUID_AS_TRANSACTION_ID = "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}";

    /** Queues a payment posting as an approval would, its approval code telling account and place in line. */
    private UUID queuePayment(TestBiller b, String account, int n) {
        return new TransactionTemplate(txManager).execute(s -> cisPostings.enqueue(b.bid(), id -> new CisPosting.Payment(id, account,
                UUID.randomUUID(), CisPosting.Tender.CARD, new BigDecimal(n + ".25"), account + "#" + n, 0, null, false)).orElseThrow());
    }

    private List<PaymentPosting> postedFor(String account) {
        return cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals(account)).toList();
    }

    private long open(TestBiller b) {
        return count("select count(*) from posting where biller_id = ? and status <> 'DELIVERED'", b.bid());
    }

    private void assertPostedOnceInOrder(List<String> accounts, int each) {
        for (String a : accounts) {
            List<PaymentPosting> posted = postedFor(a);
            assertThat(posted).as("payments posted for %s", a).hasSize(each);
            assertThat(posted.stream().map(PaymentPosting::authorizationCode).toList()).as("order for %s", a)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, each).mapToObj(i -> a + "#" + i).toList());
            assertThat(posted.stream().map(PaymentPosting::transactionId).distinct()).hasSize(each);
        }
    }

    @Test
    void anApprovedPaymentReachesTheCisOnceWithItsApprovalCodeAndNoFee() {
        TestBiller b = pumpBiller(Map.of(64, "3(IVR)|8(POS)", 35, "2"), "5101-1");
        Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"5101-1","amount":120.5,
                         "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""")));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        String approval = paid.json().get("approvalCode").asText();
        send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"5101-1","amount":120.5,
                         "card":{"number":"4000000000000002","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""")));

        await().atMost(PATIENCE).until(() -> postedFor("5101-1").size() == 1 && open(b) == 0);
        PaymentPosting posted = postedFor("5101-1").get(0);
        assertThat(posted.tender()).isEqualTo("creditCardPayment");
        assertThat(posted.amount().toPlainString()).isEqualTo("120.50");
        assertThat(posted.authorizationCode()).isEqualTo(approval);
        assertThat(posted.transactionId()).as("a biller of the Daffron template sends the payment GUID (docs/postings.md)")
                .isEqualTo(paid.json().get("paymentGuid").asText());
        assertThat(posted.paymentMode()).isEqualTo("IVR");
        assertThat(count("select count(*) from posting where biller_id = ?", b.bid())).as("the declined attempt is not posted").isEqualTo(1);

        Reply delivered = getJson("/api/v1/billers/" + b.bid() + "/postings?status=delivered", b.apiKey());
        assertThat(delivered.json()).hasSize(1);
        assertThat(delivered.json().get(0).get("kind").asText()).isEqualTo("CIS_PAYMENT");
        assertThat(delivered.json().get(0).get("outcome").asText()).isEqualTo("POSTED: financialTransactionID " + posted.receipt());
        assertThat(delivered.json().get(0).get("orderKey").asText()).isEqualTo("5101-1");
        assertThat(delivered.json().get(0).get("payload").get("approvalCode").asText()).isEqualTo(approval);
    }

    private static final String APPROVAL_CODE_AS_TRANSACTION_ID =
            "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"ApprovalCode\"}}}";
    /** The sandbox card whose every payment gets the approval code SBXDUP (README, sandbox gateway). */
    private static final String REPEATED_APPROVAL_CARD = "4000000000000333";

    private Reply payByCard(TestBiller b, String account, String card) {
        Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"%s","amount":120.5,
                         "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(account, card))));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        return paid;
    }

    @Test
    void aSecondPaymentWithTheSameApprovalCodeIsParkedNamingTheFirstAndTheSettingNeverCountedDelivered() {
        cis.state().reset(); // SBXDUP must be new to the CIS: every payment with that card carries it
        TestBiller b = pumpBiller(Map.of(131, APPROVAL_CODE_AS_TRANSACTION_ID), "5111-1", "5112-1");
        Reply first = payByCard(b, "5111-1", REPEATED_APPROVAL_CARD);
        await().atMost(PATIENCE).until(() -> postedFor("5111-1").size() == 1 && open(b) == 0);
        Reply second = payByCard(b, "5112-1", REPEATED_APPROVAL_CARD);
        assertThat(second.json().get("approvalCode").asText()).isEqualTo(first.json().get("approvalCode").asText());
        String secondGuid = second.json().get("paymentGuid").asText();

        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 1);
        assertThat(postedFor("5112-1")).as("the CIS refused it as a duplicate of the first").isEmpty();
        assertThat(postedFor("5111-1")).hasSize(1);
        Reply parked = getJson("/api/v1/billers/" + b.bid() + "/postings?status=parked", b.apiKey());
        assertThat(parked.json()).hasSize(1);
        JsonNode posting = parked.json().get(0);
        assertThat(posting.get("payload").get("paymentGuid").asText()).isEqualTo(secondGuid);
        assertThat(posting.get("attempts").asInt()).as("parked at once: another attempt gets the same answer").isEqualTo(1);
        assertThat(posting.get("lastError").asText())
                .contains("SBXDUP")
                .contains(first.json().get("paymentGuid").asText())
                .contains("TransactionIdSource")
                .contains("PaymentGuid");
        assertThat(count("select count(*) from posting where biller_id = ? and status = 'DELIVERED'"
                + " and payload->>'paymentGuid' = ?", b.bid(), secondGuid)).isZero();
    }

    @Test
    void twoPaymentsSharingAnApprovalCodeQueuedTogetherPostOneAndParkTheOtherNamingIt() {
        cis.state().reset(); // SBXDUP must be new to the CIS: every payment with that card carries it
        TestBiller b = pumpBiller(Map.of(131, APPROVAL_CODE_AS_TRANSACTION_ID), "5114-1", "5115-1");
        cis.state().setFaults(FaultPlan.serviceDown());
        payByCard(b, "5114-1", REPEATED_APPROVAL_CARD);
        payByCard(b, "5115-1", REPEATED_APPROVAL_CARD);
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PENDING'"
                + " and last_error is not null", b.bid()) == 2);
        cis.state().clearFaults();

        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 1
                && count("select count(*) from posting where biller_id = ? and status = 'DELIVERED'", b.bid()) == 1);
        List<PaymentPosting> posted = cis.state().postings().payments().stream().filter(p -> "SBXDUP".equals(p.transactionId())).toList();
        assertThat(posted).as("one payment reached the CIS").hasSize(1);
        String deliveredGuid = jdbc.sql("select payload->>'paymentGuid' from posting where biller_id = ? and status = 'DELIVERED'")
                .param(b.bid()).query(String.class).single();
        String deliveredAccount = jdbc.sql("select order_key from posting where biller_id = ? and status = 'DELIVERED'")
                .param(b.bid()).query(String.class).single();
        assertThat(posted.get(0).accountNumber()).isEqualTo(deliveredAccount);
        assertThat(jdbc.sql("select outcome from posting where biller_id = ? and status = 'DELIVERED'").param(b.bid())
                .query(String.class).single()).startsWith("POSTED");
        JsonNode parked = getJson("/api/v1/billers/" + b.bid() + "/postings?status=parked", b.apiKey()).json().get(0);
        assertThat(parked.get("payload").get("paymentGuid").asText()).isNotEqualTo(deliveredGuid);
        assertThat(parked.get("lastError").asText()).contains(deliveredGuid).contains("TransactionIdSource: PaymentGuid");
    }

    @Test
    void aPaymentWhoseReplyWasLostIsDeliveredWhenTheCisAnswersDuplicateAndNoOtherPaymentHasItsApprovalCode() throws Exception {
        TestBiller b = pumpBiller(Map.of(131, APPROVAL_CODE_AS_TRANSACTION_ID), "5113-1");
        cis.state().setFaults(FaultPlan.latency(1_500));
        Reply paid = payByCard(b, "5113-1", "4111111111111111");
        await().atMost(PATIENCE).until(() -> postedFor("5113-1").size() == 1);
        Thread.sleep(1_000);
        cis.state().clearFaults();
        await().atMost(PATIENCE).until(() -> open(b) == 0);
        assertThat(postedFor("5113-1")).hasSize(1);
        assertThat(postedFor("5113-1").get(0).transactionId()).isEqualTo(paid.json().get("approvalCode").asText());
        assertThat(postedFor("5113-1").get(0).arrivals()).as("it arrived again after its answer was lost").isGreaterThan(1);
        assertThat(jdbc.sql("select outcome from posting where biller_id = ?").param(b.bid()).query(String.class).single())
                .startsWith("DUPLICATE");
    }

    @Autowired
    org.ratepayer.payments.internal.PaymentRepairJob repairJob;

    @Test
    void aPaymentWhoseApprovalWasLostIsPostedWhenTheRepairJobConfirmsIt() {
        TestBiller b = pumpBiller(Map.of(), "5102-1");
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"KIOSK","kioskId":"BHappy","accountNumber":"5102-1","amount":120.5,
                         "card":{"number":"4000000000000259","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""")));
        assertThat(r.json().get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(count("select count(*) from posting where biller_id = ?", b.bid())).as("nothing to post while unknown").isZero();
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where biller_id = ?").param(b.bid()).update();
        assertThat(repairJob.repair()).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).until(() -> postedFor("5102-1").size() == 1 && open(b) == 0);
        PaymentPosting posted = postedFor("5102-1").get(0);
        assertThat(posted.paymentMode()).isEqualTo("WEB");
        assertThat(posted.extensions()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("billerReference");
            assertThat(e.value()).isEqualTo("BHappy");
        });
    }

    @Test
    void aCisDownForAWhileGetsEverythingWhenItIsBackInOrderPerAccount() throws Exception {
        List<String> accounts = List.of("5201-1", "5202-1", "5203-1");
        TestBiller b = pumpBiller(Map.of(131, GUID_AS_TRANSACTION_ID), accounts.toArray(String[]::new));
        cis.state().setFaults(FaultPlan.serviceDown());
        for (int i = 1; i <= 5; i++) {
            for (String a : accounts) {
                queuePayment(b, a, i);
            }
        }
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and attempts >= 2", b.bid()) >= 3);
        assertThat(accounts.stream().mapToInt(a -> postedFor(a).size()).sum()).isZero();
        assertThat(count("select count(*) from posting where biller_id = ? and status = 'PENDING' and last_error is not null", b.bid()))
                .as("the first of each account failed; the rest wait behind it").isEqualTo(3);
        cis.state().clearFaults();
        await().atMost(PATIENCE).until(() -> open(b) == 0);
        assertPostedOnceInOrder(accounts, 5);
    }

    @Test
    void twentyPercentRandomFailuresLoseNothingAndPostNothingTwice() {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accounts.add("53" + String.format("%02d", i) + "-1");
        }
        TestBiller b = pumpBiller(Map.of(131, GUID_AS_TRANSACTION_ID), accounts.toArray(String[]::new));
        cis.state().setFaults(FaultPlan.failing(0.2));
        for (int i = 1; i <= 10; i++) {
            for (String a : accounts) {
                queuePayment(b, a, i);
            }
        }
        await().atMost(PATIENCE).until(() -> open(b) == 0);
        assertPostedOnceInOrder(accounts, 10);
        assertThat(count("select count(*) from posting where biller_id = ? and attempts > 1", b.bid()))
                .as("some postings needed a second attempt").isPositive();
    }

    @Test
    void repliesSlowerThanTheTimeoutAreRetriedAndTheCisKeepsOneOfEach() throws Exception {
        TestBiller b = pumpBiller(Map.of(131, GUID_AS_TRANSACTION_ID), "5401-1", "5402-1");
        cis.state().setFaults(FaultPlan.latency(1_500));
        for (int i = 1; i <= 3; i++) {
            queuePayment(b, "5401-1", i);
            queuePayment(b, "5402-1", i);
        }
        await().atMost(PATIENCE).until(() -> postedFor("5401-1").size() >= 1 && postedFor("5402-1").size() >= 1);
        Thread.sleep(1_000);
        cis.state().clearFaults();
        await().atMost(PATIENCE).until(() -> open(b) == 0);
        assertPostedOnceInOrder(List.of("5401-1", "5402-1"), 3);
        assertThat(postedFor("5401-1").get(0).arrivals()).as("the first arrived again after its answer was lost").isGreaterThan(1);
        assertThat(jdbc.sql("select outcome from posting where biller_id = ? and payload->>'approvalCode' = '5401-1#1'")
                .param(b.bid()).query(String.class).single()).startsWith("DUPLICATE");
    }

    @Test
    void aPostingTheCisKeepsRefusingIsParkedAndHoldsBackItsAccountUntilStaffRetryOrSkipIt() {
        TestBiller b = pumpBiller(Map.of(131, GUID_AS_TRANSACTION_ID), "5501-1", "5502-1");
        cis.state().setFaults(FaultPlan.alwaysSoapFault());
        UUID first = queuePayment(b, "5501-1", 1);
        UUID second = queuePayment(b, "5501-1", 2);
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 1);
        cis.state().clearFaults();
        UUID other = queuePayment(b, "5502-1", 1);
        await().atMost(PATIENCE).until(() -> postedFor("5502-1").size() == 1);
        assertThat(postedFor("5501-1")).as("the second waits behind the parked first").isEmpty();

        Reply parked = getJson("/api/v1/billers/" + b.bid() + "/postings?status=parked", b.apiKey());
        assertThat(parked.json()).hasSize(1);
        assertThat(parked.json().get(0).get("postingId").asText()).isEqualTo(first.toString());
        assertThat(parked.json().get(0).get("attempts").asInt()).isEqualTo(8);
        assertThat(parked.json().get(0).get("lastError").asText()).isNotBlank();
        Reply pending = getJson("/api/v1/billers/" + b.bid() + "/postings?status=pending", b.apiKey());
        assertThat(pending.json()).extracting(p -> p.get("postingId").asText()).containsExactly(second.toString());

        Reply noReason = post("/api/v1/billers/" + b.bid() + "/postings/" + first + "/retry", b.apiKey(), "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asText()).isEqualTo("reason");
        Reply retried = post("/api/v1/billers/" + b.bid() + "/postings/" + first + "/retry", b.apiKey(),
                "{\"reason\":\"CIS fixed the account\"}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> postedFor("5501-1").size() == 2);
        assertPostedOnceInOrder(List.of("5501-1"), 2);
        JsonNode events = getJson("/api/v1/billers/" + b.bid() + "/postings/" + first, b.apiKey()).json().get("events");
        assertThat(events).extracting(e -> e.get("action").asText()).containsExactly("PARKED", "RETRY");
        assertThat(events.get(1).get("actor").asText()).isEqualTo("biller " + b.bid() + " api key");
        assertThat(events.get(1).get("reason").asText()).isEqualTo("CIS fixed the account");
        assertThat(post("/api/v1/billers/" + b.bid() + "/postings/" + other + "/skip", b.apiKey(), "{\"reason\":\"x\"}").status())
                .as("only parked postings can be skipped").isEqualTo(409);
        assertThat(other).isNotNull();
    }

    @Test
    void staffCanSkipAParkedPostingAndTheAccountGoesOn() {
        TestBiller b = pumpBiller(Map.of(131, GUID_AS_TRANSACTION_ID), "5601-1");
        cis.state().setFaults(FaultPlan.alwaysSoapFault());
        UUID first = queuePayment(b, "5601-1", 1);
        queuePayment(b, "5601-1", 2);
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 1);
        cis.state().clearFaults();
        Reply skipped = post("/api/v1/billers/" + b.bid() + "/postings/" + first + "/skip", b.apiKey(),
                "{\"reason\":\"posted by hand at the counter\"}");
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.json().get("status").asText()).isEqualTo("SKIPPED");
        await().atMost(PATIENCE).until(() -> postedFor("5601-1").size() == 1);
        assertThat(postedFor("5601-1").get(0).authorizationCode()).isEqualTo("5601-1#2");
        TestBiller other = newBiller();
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/postings?status=skipped", other.apiKey()).status())
                .as("another biller's key sees nothing").isEqualTo(403);
    }

    @Test
    void paperlessIsPostedOnlyOnAChange() {
        TestBiller b = pumpBiller(Map.of(), "5701-1");
        String path = "/api/v1/billers/" + b.bid() + "/accounts/5701-1/paperless";
        assertThat(put(path, b.apiKey(), "{\"enrolled\":false}").json().get("changed").asBoolean()).isFalse();
        Reply on = put(path, b.apiKey(), "{\"enrolled\":true}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("changed").asBoolean()).isTrue();
        assertThat(put(path, b.apiKey(), "{\"enrolled\":true}").json().get("changed").asBoolean()).isFalse();
        assertThat(put(path, b.apiKey(), "{\"enrolled\":false}").json().get("changed").asBoolean()).isTrue();
        await().atMost(PATIENCE).until(() -> open(b) == 0 && paperless("5701-1").size() == 2);
        assertThat(paperless("5701-1")).containsExactly("Y", "N");
        assertThat(getJson(path, b.apiKey()).json().get("enrolled").asBoolean()).isFalse();
        assertThat(put("/api/v1/billers/" + b.bid() + "/accounts/9999-9/paperless", b.apiKey(), "{\"enrolled\":true}").status())
                .isEqualTo(404);
        assertThat(put(path, b.apiKey(), "{}").status()).isEqualTo(400);
        assertThat(put(path, newBiller().apiKey(), "{\"enrolled\":true}").status()).isEqualTo(403);
        assertThat(count("select count(*) from posting where biller_id = ?", b.bid())).isEqualTo(2);
    }

    private List<String> paperless(String account) {
        return cis.state().postings().paperless().stream().filter(p -> p.accountNumber().equals(account)).map(p -> p.ebill()).toList();
    }

    private List<org.ratepayer.cissim.HistoryCommentPosting> comments(String account) {
        return cis.state().postings().historyComments().stream().filter(c -> c.customerId().equals(account)).toList();
    }

    @Test
    void autopayEnrolAndCancelArePostedAsHistoryCommentsAtTheServiceLocation() {
        TestBiller b = pumpBiller(Map.of(), "5801-1");
        String path = "/api/v1/billers/" + b.bid() + "/accounts/5801-1/autopay";
        Reply on = put(path, b.apiKey(), """
                {"enrolled":true,"card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("changed").asBoolean()).isTrue();
        assertThat(on.json().get("method").get("last4").asText()).isEqualTo("1111");
        Reply switched = put(path, b.apiKey(), """
                {"enrolled":true,"bank":{"routingNumber":"011000015","accountNumber":"123456789","accountType":"CHECKING"}}""");
        assertThat(switched.json().get("changed").asBoolean()).as("a new method is not a new enrolment").isFalse();
        assertThat(switched.json().get("method").get("type").asText()).isEqualTo("ACH");
        assertThat(put(path, b.apiKey(), "{\"enrolled\":false}").json().get("changed").asBoolean()).isTrue();
        assertThat(put(path, b.apiKey(), "{\"enrolled\":true}").status()).as("enrolling needs a method").isEqualTo(400);
        await().atMost(PATIENCE).until(() -> open(b) == 0 && comments("5801-1").size() == 2);
        var posted = comments("5801-1");
        assertThat(posted).extracting(c -> c.comment()).containsExactly("AUTOPAY ON", "AUTOPAY OFF");
        assertThat(posted).extracting(c -> c.serviceLocationId()).containsOnly("321045080002");
        // SPEC C1: the biller's wall clock (a Daffron biller is on New York time) with its numeric offset, never Z
        assertThat(posted.get(0).logTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        OffsetDateTime logTime = OffsetDateTime.parse(posted.get(0).logTime());
        assertThat(logTime).isBetween(OffsetDateTime.now().minusMinutes(5), OffsetDateTime.now());
        assertThat(logTime.getOffset()).isEqualTo(java.time.ZoneId.of("America/New_York").getRules().getOffset(logTime.toInstant()));
        assertThat(jdbc.sql("select count(*) from autopay_enrolment where biller_id = ?").param(b.bid()).query(Long.class).single()).isZero();
    }

    @Test
    void scheduledPaymentsArePostedOnlyWhenOption1001IsOn() {
        TestBiller b = pumpBiller(Map.of(), "5901-1");
        String base = "/api/v1/billers/" + b.bid() + "/accounts/5901-1/scheduled-payments";
        String date = java.time.LocalDate.now().plusDays(10).toString();
        String card = "\"card\":{\"number\":\"4111111111111111\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}";
        Reply quiet = post(base, b.apiKey(), "{\"date\":\"" + date + "\",\"amount\":156.25,\"invoiceNumber\":\"5901100000001\"," + card + "}");
        assertThat(quiet.status()).as(quiet.body()).isEqualTo(201);
        assertThat(count("select count(*) from posting where biller_id = ?", b.bid())).isZero();

        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/options/1001", "{\"value\": true}").status()).isEqualTo(200);
        Reply created = post(base, b.apiKey(), "{\"date\":\"" + date + "\",\"amount\":156.25,\"invoiceNumber\":\"5901100000001\"," + card + "}");
        String id = created.json().get("id").asText();
        Reply moved = put(base + "/" + id, b.apiKey(), "{\"amount\":\"160.00\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("amount").decimalValue()).isEqualByComparingTo("160.00");
        Reply cancelled = send(request(base + "/" + id).header("X-Api-Key", b.apiKey()).DELETE());
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(put(base + "/" + id, b.apiKey(), "{\"amount\":1}").status()).isEqualTo(409);

        String mmddyyyy = date.substring(5, 7) + date.substring(8, 10) + date.substring(0, 4);
        await().atMost(PATIENCE).until(() -> open(b) == 0 && comments("5901-1").size() == 3);
        assertThat(comments("5901-1")).extracting(c -> c.comment()).containsExactly(
                "SCHED_PAY " + mmddyyyy + " 156.25 5901100000001",
                "SCHED_PAY_UPDT " + mmddyyyy + " 160.00 5901100000001",
                "SCHED_PAY_CNCL " + mmddyyyy + " 160.00 5901100000001");

        assertThat(post(base, b.apiKey(), "{\"date\":\"2020-01-01\",\"amount\":1,\"invoiceNumber\":\"5901100000001\"," + card + "}")
                .json().get("field").asText()).isEqualTo("date");
        assertThat(post(base, b.apiKey(), "{\"date\":\"" + date + "\",\"amount\":1,\"invoiceNumber\":\"nope\"," + card + "}")
                .json().get("code").asText()).isEqualTo("invoice_not_found");
        assertThat(post(base, b.apiKey(), "{\"date\":\"" + date + "\",\"amount\":-5,\"invoiceNumber\":\"5901100000001\"," + card + "}")
                .status()).isEqualTo(422);
    }

    /**
     * SPEC C1: "today" for a scheduled payment is the biller's. At 02:00 UTC on the 5th it is still the
     * 4th in New York, so a payment for the 4th is not in the past, and the change is recorded at the
     * New York time and offset the CIS's logTime will carry.
     */
    @Test
    void aScheduledPaymentIsInThePastOnlyAfterMidnightInTheBillersZone() {
        TestBiller b = pumpBiller(Map.of(), "5902-1");
        String base = "/api/v1/billers/" + b.bid() + "/accounts/5902-1/scheduled-payments";
        String card = "\"card\":{\"number\":\"4111111111111111\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}";
        String forThe4th = "{\"date\":\"2026-12-04\",\"amount\":156.25,\"invoiceNumber\":\"5902100000001\"," + card + "}";
        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/options/1001", "{\"value\": true}").status()).isEqualTo(200);

        clock.set(java.time.Instant.parse("2026-12-05T02:00:00Z"));
        Reply lateEvening = post(base, b.apiKey(), forThe4th);
        assertThat(lateEvening.status()).as(lateEvening.body()).isEqualTo(201);
        assertThat(jdbc.sql("select payload from posting where biller_id = ?").param(b.bid()).query(String.class).single())
                .contains("\"2026-12-04T21:00:00-05:00\"");

        clock.set(java.time.Instant.parse("2026-12-05T05:00:00Z"));
        Reply afterMidnight = post(base, b.apiKey(), forThe4th);
        assertThat(afterMidnight.status()).isEqualTo(422);
        assertThat(afterMidnight.json().get("code").asText()).isEqualTo("date_in_past");
        assertThat(afterMidnight.json().get("field").asText()).isEqualTo("date");

        billerService.setTimeZone(b.bid(), "UTC", "test");
        clock.set(java.time.Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(post(base, b.apiKey(), forThe4th).json().get("code").asText()).isEqualTo("date_in_past");
        assertThat(jdbc.sql("select count(*) from scheduled_payment where biller_id = ?").param(b.bid()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theBacklogIsInTheHealthCheckAndTheMetrics() {
        Reply health = send(asOperator(request("/actuator/health")));
        JsonNode postings = health.json().get("components").get("postings");
        assertThat(postings.get("status").asText()).isIn("UP", "DEGRADED");
        assertThat(postings.get("details").has("oldestPendingSeconds")).isTrue();
        Reply metrics = send(asOperator(request("/actuator/metrics/ratepayer.postings.pending")));
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
    }

    private Reply post(String path, String apiKey, String body) {
        return send(request(path).header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply put(String path, String apiKey, String body) {
        return send(request(path).header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }
}
