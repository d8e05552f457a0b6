package org.ratepayer.payments.internal.authorizenet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.CARD;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.api;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.approved;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.details;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.list;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.noBatches;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.ok;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.parse;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.summary;
import static org.ratepayer.payments.internal.authorizenet.AuthorizeNetGatewayTest.transaction;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.payments.internal.ProcessorIT;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;

/**
 * A biller on Authorize.Net end to end (docs/processors.md, "Authorize.Net"), Authorize.Net being a WireMock server that
 * answers as its API reference documents: settings 1017, 1023 to 1025 through the operator API (the transaction key
 * sealed, never shown), the switch refused while a payer holds a sandbox method, an IVR payment with a card number (made a
 * customer payment profile, then charged) and a kiosk payment with an Accept.js nonce, each stored and posted to the CIS
 * simulator as a sandbox payment is, an answer lost to a timeout settled by the real repair job through the transaction
 * list, and refunds and voids through the operator API.
 */
class AuthorizeNetProcessorIT extends ProcessorIT {

    static final String LOGIN = "5KP3u95bQpv";
    static final String KEY = "346HZ32z3fP4hTG2";
    static final String CLIENT_KEY = "5FcB6WrfHGS76gHW3v7btBCE3HuuBuke9Pj96Ztfn5R32G5ep42vne7MCWZtAucY";

    static final WireMockServer ANET = startedWireMock();

    @DynamicPropertySource
    static void authorizeNetIsWireMock(DynamicPropertyRegistry registry) {
        registry.add("ratepayer.authorizenet.api-base", () -> "http://localhost:" + ANET.port());
        registry.add("ratepayer.authorizenet.read-timeout", () -> "2500ms");
    }

    @AfterAll
    static void stopProcessor() {
        ANET.stop();
    }

    @Override
    protected WireMockServer processor() {
        return ANET;
    }

    private TestBiller authorizeNetBiller(String account) {
        TestBiller b = billerWithBill(account);
        assertThat(setting(b, 1023, LOGIN).status()).isEqualTo(200);
        assertThat(setting(b, 1024, KEY).status()).isEqualTo(200);
        assertThat(setting(b, 1025, CLIENT_KEY).status()).isEqualTo(200);
        Reply chosen = setting(b, 1017, "authorize_net");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        return b;
    }

    private Reply refund(TestBiller b, String guid, String amount) {
        return send(asOperator(request("/api/v1/billers/" + b.bid() + "/payments/" + guid + "/refunds"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": \"" + amount + "\", \"reason\": \"paid twice\"}")));
    }

    private static List<Document> charges() {
        return ANET.findAll(postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<transactionType>authCaptureTransaction"))).stream().map(r -> parse(r.getBodyAsString())).toList();
    }

    private static String at(Document d, String path) {
        try {
            return (String) XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.STRING);
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    @Test
    void theTransactionKeyIsSealedAndTheSwitchWaitsForSavedMethods() {
        TestBiller b = billerWithBill("9201-1");
        Payer pat = directory.register(b.bid(), "pat" + b.bid(), "pat" + b.bid() + "@example.com", List.of("9201-1"), "Processor-2026")
                .payer();
        SavedPaymentMethod card = wallet.save(b.bid(), pat.userId(),
                payments.tokenize(b.bid(), new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null), 12, 2099, null, true);

        Reply set = setting(b, 1024, KEY);
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(KEY);
        assertThat(setting(b, 1023, LOGIN).status()).isEqualTo(200);
        Reply shown = send(asOperator(request("/api/v1/billers/" + b.bid())).GET());
        assertThat(shown.body()).doesNotContain(KEY).contains(LOGIN).contains("********");
        byte[] sealed = jdbc.sql("select value_cipher from biller_setting where biller_id = ? and setting_id = 1024").param(b.bid())
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
        assertThat(jdbc.sql("select value from biller_setting where biller_id = ? and setting_id = 1024").param(b.bid())
                .query(String.class).optional()).isEmpty();
        Reply wrong = setting(b, 1024, "not-a-key");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("setting 1024").doesNotContain("not-a-key");
        assertThat(billerService.config(b.bid()).setting(1024)).contains(KEY);

        Reply refused = setting(b, 1017, "AUTHORIZE_NET");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).startsWith("setting 1017: the biller's payers hold 1 saved payment method of SANDBOX");
        assertThat(wallet.remove(b.bid(), pat.userId(), card.id())).isTrue();
        assertThat(setting(b, 1017, "AUTHORIZE_NET").status()).isEqualTo(200);
        assertThat(billerService.config(b.bid()).setting(1017)).contains("AUTHORIZE_NET");
        assertThat(ANET.getAllServeEvents()).isEmpty();
    }

    @Test
    void anIvrPaymentWithACardNumberIsChargedThroughACustomerPaymentProfile() {
        TestBiller b = authorizeNetBiller("9202-1");
        ANET.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527262</customerProfileId><customerPaymentProfileIdList><numericString>86</numericString>"
                        + "</customerPaymentProfileIdList>"))));
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493302"))));

        Reply paid = pay(b, """
                {"channel": "IVR", "accountNumber": "9202-1", "amount": 120.50,
                 "card": {"number": "4111111111111111", "expMonth": 12, "expYear": 2099, "cvv": "123", "postalCode": "49331"}}""");

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        String guid = paid.json().get("paymentGuid").asText();
        assertThat(row(guid)).isEqualTo(new Row("APPROVED", "anet-profile:527262/86", "VISA", "1111", "HW617E", "60019493302"));
        Document charge = charges().get(0);
        assertThat(at(charge, "/createTransactionRequest/merchantAuthentication/name")).isEqualTo(LOGIN);
        assertThat(at(charge, "/createTransactionRequest/merchantAuthentication/transactionKey")).isEqualTo(KEY);
        assertThat(at(charge, "/createTransactionRequest/refId")).isEqualTo(guid.replace("-", "").substring(0, 20));
        assertThat(at(charge, "/createTransactionRequest/transactionRequest/amount")).isEqualTo("120.50");
        assertThat(at(charge, "/createTransactionRequest/transactionRequest/profile/customerProfileId")).isEqualTo("527262");
        assertThat(at(charge, "/createTransactionRequest/transactionRequest/profile/paymentProfile/paymentProfileId")).isEqualTo("86");
        assertThat(at(charge, "/createTransactionRequest/transactionRequest/order/invoiceNumber")).isEqualTo(guid.replace("-", "").substring(0, 20));
        // the card number went to Authorize.Net once, in the profile, and is nowhere in the platform's tables
        assertThat(count("select count(*) from payment where biller_id = ? and method_token like '%4111111111111111%'", b.bid())).isZero();

        await().atMost(PATIENCE).until(() -> posted("9202-1").size() == 1);
        PaymentPosting posting = posted("9202-1").get(0);
        assertThat(posting.amount()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(posting.authorizationCode()).isEqualTo("HW617E");
        assertThat(posting.transactionId()).isEqualToIgnoringCase(guid);
    }

    @Test
    void aCardNumberAuthorizeNetDoesNotTokenizeInTimeIsA503AndNothingIsRecorded() {
        TestBiller b = authorizeNetBiller("9206-1");
        ANET.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>1</customerProfileId><customerPaymentProfileIdList><numericString>2</numericString>"
                        + "</customerPaymentProfileIdList>")).withFixedDelay(5000)));

        Reply unavailable = pay(b, """
                {"channel": "IVR", "accountNumber": "9206-1", "amount": 120.50,
                 "card": {"number": "4111111111111111", "expMonth": 12, "expYear": 2099, "cvv": "123", "postalCode": "49331"}}""");

        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(503);
        assertThat(unavailable.json().get("code").asText()).isEqualTo("processor_unavailable");
        assertThat(unavailable.body()).doesNotContain("4111111111111111");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        assertThat(charges()).isEmpty();
    }

    @Test
    void aKioskPaymentWithAnAcceptJsNonceIsChargedWithItsOpaqueData() {
        TestBiller b = authorizeNetBiller("9203-1");
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493303"))));

        Reply paid = pay(b, byToken("9203-1", "anet-nonce:CARD:VISA:1111:eyJjb2RlIjoiNTBfMl8wNjAw"));

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(paid.json().get("last4").asText()).isEqualTo("1111");
        String guid = paid.json().get("paymentGuid").asText();
        assertThat(row(guid)).isEqualTo(new Row("APPROVED", "anet-nonce:CARD:VISA:1111:eyJjb2RlIjoiNTBfMl8wNjAw", "VISA", "1111",
                "HW617E", "60019493303"));
        Document charge = charges().get(0);
        assertThat(at(charge, "/createTransactionRequest/transactionRequest/payment/opaqueData/dataDescriptor"))
                .isEqualTo("COMMON.ACCEPT.INAPP.PAYMENT");
        assertThat(at(charge, "/createTransactionRequest/transactionRequest/payment/opaqueData/dataValue")).isEqualTo("eyJjb2RlIjoiNTBfMl8wNjAw");
        await().atMost(PATIENCE).until(() -> posted("9203-1").size() == 1);
        assertThat(posted("9203-1").get(0).authorizationCode()).isEqualTo("HW617E");
    }

    @Test
    void anAnswerLostToATimeoutIsSettledByTheRepairJobThroughTheTransactionListExactlyOnce() {
        TestBiller b = authorizeNetBiller("9204-1");
        // Authorize.Net charges, but its answer comes after the adapter stopped waiting (2.5 s)
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493304")).withFixedDelay(5000)));

        Reply unknown = pay(b, byToken("9204-1", "anet-nonce:CARD:VISA:1111:eyJsb3N0Ijp0cnVlfQ"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(201);
        assertThat(unknown.json().get("status").asText()).isEqualTo("UNKNOWN");
        String guid = unknown.json().get("paymentGuid").asText();
        assertThat(row(guid).status()).isEqualTo("UNKNOWN");

        String key = guid.replace("-", "").substring(0, 20);
        ANET.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019493304", key, "capturedPendingSettlement", "120.50")))));
        ANET.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493304", "capturedPendingSettlement", CARD))));
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(UUID.fromString(guid)).update();
        repairJob.repair();
        repairJob.repair();

        assertThat(row(guid)).isEqualTo(new Row("APPROVED", "anet-nonce:CARD:VISA:1111:eyJsb3N0Ijp0cnVlfQ", "VISA", "1111", "HW617E",
                "60019493304"));
        assertThat(count("select count(*) from payment_event e join payment p using (payment_id) where p.payment_guid = ? and e.to_status = 'APPROVED'",
                UUID.fromString(guid))).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> posted("9204-1").size() == 1);
        assertThat(posted("9204-1").get(0).authorizationCode()).isEqualTo("HW617E");
    }

    @Test
    void aChargeHeldForReviewStaysUnknownPastTheRepairJobsPatienceUntilTheBillerDecides() {
        TestBiller b = authorizeNetBiller("9207-1");
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(
                AuthorizeNetGatewayTest.transactionAnswer("Ok", "I00001", "Successful.", "4", "60019493307",
                        "<messages><message><code>252</code><description>Your order has been received.</description></message></messages>"))));

        Reply held = pay(b, byToken("9207-1", "anet-nonce:CARD:VISA:1111:eyJoZWxkIjoxfQ"));
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        assertThat(held.json().get("status").asText()).isEqualTo("UNKNOWN");
        String guid = held.json().get("paymentGuid").asText();
        String key = guid.replace("-", "").substring(0, 20);

        // still held an hour later: not closed as an error, though the job gives up on unseen attempts after 15 minutes
        ANET.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019493307", key, "FDSPendingReview", "120.50")))));
        ANET.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493307", "FDSPendingReview", CARD))));
        jdbc.sql("update payment set created_at = now() - interval '1 hour', updated_at = now() - interval '1 minute' where payment_guid = ?")
                .param(UUID.fromString(guid)).update();
        repairJob.repair();
        assertThat(row(guid).status()).isEqualTo("UNKNOWN");
        assertThat(posted("9207-1")).isEmpty();

        // the biller approves it in the Merchant Interface: the next pass settles it and posts it
        ANET.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493307", "capturedPendingSettlement", CARD))));
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(UUID.fromString(guid)).update();
        repairJob.repair();
        assertThat(row(guid).status()).isEqualTo("APPROVED");
        await().atMost(PATIENCE).until(() -> posted("9207-1").size() == 1);
    }

    @Test
    void theOperatorRefundsPartOfASettledChargeAndVoidsAnUnsettledOne() {
        TestBiller b = authorizeNetBiller("9205-1");
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493305"))));
        Reply paid = pay(b, byToken("9205-1", "anet-nonce:CARD:VISA:1111:eyJyZWZ1bmQiOjF9"));
        String guid = paid.json().get("paymentGuid").asText();
        assertThat(row(guid).status()).isEqualTo("APPROVED");

        ANET.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        ANET.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(noBatches())));
        ANET.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493305", "settledSuccessfully", CARD))));
        ANET.stubFor(transaction("refundTransaction").willReturn(aResponse().withBody(approved("60019493400"))));

        Reply part = refund(b, guid, "20.50");

        assertThat(part.status()).as(part.body()).isEqualTo(201);
        assertThat(part.json().get("kind").asText()).isEqualTo("REFUND");
        assertThat(part.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(part.json().get("processorReference").asText()).isEqualTo("60019493400");
        String refundId = part.json().get("refundId").asText();
        Document sent = ANET.findAll(postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<transactionType>refundTransaction"))).stream().map(r -> parse(r.getBodyAsString())).findFirst()
                .orElseThrow();
        assertThat(at(sent, "/createTransactionRequest/transactionRequest/amount")).isEqualTo("20.50");
        assertThat(at(sent, "/createTransactionRequest/transactionRequest/refTransId")).isEqualTo("60019493305");
        assertThat(at(sent, "/createTransactionRequest/transactionRequest/payment/creditCard/cardNumber")).isEqualTo("1111");
        assertThat(at(sent, "/createTransactionRequest/refId")).isEqualTo(refundId.replace("-", "").substring(0, 20));
        assertThat(row(guid).status()).as("part of the charge is left").isEqualTo("APPROVED");

        // another payment, all of it back the same day: a void of the unsettled charge
        ANET.resetAll();
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493306"))));
        String second = pay(b, byToken("9205-1", "anet-nonce:CARD:VISA:1111:eyJ2b2lkIjoxfQ")).json().get("paymentGuid").asText();
        ANET.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493306", "capturedPendingSettlement", CARD))));
        ANET.stubFor(transaction("voidTransaction").willReturn(aResponse().withBody(approved("60019493306"))));

        Reply voided = refund(b, second, "120.50");

        assertThat(voided.status()).as(voided.body()).isEqualTo(201);
        assertThat(voided.json().get("kind").asText()).isEqualTo("VOID");
        assertThat(voided.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(row(second).status()).isEqualTo("VOIDED");
        ANET.verify(1, postRequestedFor(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("<refTransId>60019493306</refTransId>"))
                .withRequestBody(containing("<transactionType>voidTransaction")));
    }
    // ---- eCheck.Net bank payments: PENDING, then followed by the eCheck poll (docs/ach.md, "Authorize.Net")

    static final String PAYER = "pat.payer@example.com";

    @Autowired
    ECheckPoll eCheckPoll;

    /** An IVR payment of the bill from a bank account: made a payment profile, then charged as an eCheck Authorize.Net accepts. */
    private String pendingECheck(TestBiller b, String account, String transId) {
        ANET.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527263</customerProfileId><customerPaymentProfileIdList><numericString>87</numericString>"
                        + "</customerPaymentProfileIdList>"))));
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(AuthorizeNetGatewayTest.eCheckAccepted(transId))));
        Reply paid = pay(b, """
                {"channel": "IVR", "accountNumber": "%s", "amount": 120.50, "payerEmail": "%s",
                 "bank": {"routingNumber": "011000015", "accountNumber": "000123456789", "accountType": "CHECKING"}}"""
                .formatted(account, PAYER));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("PENDING");
        return paid.json().get("paymentGuid").asText();
    }

    private static void answersDetails(String transId, String status, String tail) {
        ANET.stubFor(api("getTransactionDetailsRequest").withRequestBody(containing("<transId>" + transId + "</transId>"))
                .willReturn(aResponse().withBody(AuthorizeNetGatewayTest.eCheckDetails(transId, status, "Approval", tail))));
    }

    private long emails(String guid, String kind) {
        return count("select count(*) from email_message where payment_guid = ? and kind = ?", UUID.fromString(guid), kind);
    }

    private List<String> events(String guid) {
        return jdbc.sql("select processor || ' ' || event_id || ' ' || event_type || ' ' || outcome from processor_event where payment_guid = ?"
                + " order by received_at, event_id").param(UUID.fromString(guid)).query(String.class).list();
    }

    @Autowired
    org.ratepayer.payments.settlement.Settlements settlements;

    @Test
    void anECheckFundedBeforeThePollConfirmsItIsConfirmedAndSettledByTheDaysSettlementWithoutAMismatch() {
        // a Monday at noon in any US zone; the batch settles the next day, and the settlement of that day runs the day after
        clock.set(Instant.parse("2026-12-07T18:00:00Z"));
        TestBiller b = authorizeNetBiller("9216-1");
        String guid = pendingECheck(b, "9216-1", "60019495016");
        await().atMost(PATIENCE).until(() -> posted("9216-1").size() == 1);
        ANET.resetAll();
        ANET.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(ok("getSettledBatchListResponse",
                "<batchList><batch><batchId>1221590</batchId><settlementTimeUTC>2026-12-08T18:00:00Z</settlementTimeUTC>"
                        + "<settlementTimeLocal>2026-12-08T12:00:00</settlementTimeLocal><settlementState>settledSuccessfully</settlementState>"
                        + "<paymentMethod>eCheck</paymentMethod><marketType>eCommerce</marketType><product>Card Not Present</product>"
                        + "</batch></batchList>"))));
        ANET.stubFor(api("getTransactionListRequest").willReturn(aResponse().withBody(list("getTransactionListResponse",
                summary("60019495016", guid.replace("-", "").substring(0, 20), "settledSuccessfully", "120.50")))));
        clock.set(Instant.parse("2026-12-09T18:00:00Z"));

        org.ratepayer.payments.settlement.SettlementResult settled = settlements.settle(b.bid(), java.time.LocalDate.parse("2026-12-08"),
                "operator");

        assertThat(settled.mismatches()).isEmpty();
        assertThat(settled.settledCount()).isEqualTo(1);
        assertThat(row(guid).status()).isEqualTo("SETTLED");
        assertThat(jdbc.sql("select e.to_status from payment_event e join payment p using (payment_id) where p.payment_guid = ?"
                + " order by e.event_id").param(UUID.fromString(guid)).query(String.class).list())
                .endsWith("PENDING", "APPROVED", "SETTLED");
        assertThat(emails(guid, "RECEIPT")).as("confirmed by its funding: no second receipt").isEqualTo(1);
        assertThat(posted("9216-1")).hasSize(1);

        // the poll finds it settled afterwards: nothing new
        answersDetails("60019495016", "settledSuccessfully", "");
        assertThat(eCheckPoll.poll(b.bid())).isZero();
        assertThat(row(guid).status()).isEqualTo("SETTLED");
    }

    @Test
    void anECheckIsPendingPostedOnceAndConfirmedByThePollOnceItSettles() {
        TestBiller b = authorizeNetBiller("9210-1");
        String guid = pendingECheck(b, "9210-1", "60019495001");

        assertThat(row(guid)).isEqualTo(new Row("PENDING", "anet-profile:527263/87", "CHECKING", "6789", "60019495001", "60019495001"));
        // given on the phone (the IVR): a TEL debit, under the bill's customer name
        Document profile = ANET.findAll(postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<createCustomerProfileRequest"))).stream().map(r -> parse(r.getBodyAsString())).findFirst()
                .orElseThrow();
        String bankAccount = "/createCustomerProfileRequest/profile/paymentProfiles/payment/bankAccount/";
        assertThat(at(profile, bankAccount + "echeckType")).isEqualTo("TEL");
        assertThat(at(profile, bankAccount + "nameOnAccount")).isEqualTo("Pat Doe");
        assertThat(at(profile, bankAccount + "accountNumber")).isEqualTo("000123456789");
        assertThat(at(charges().get(0), "/createTransactionRequest/transactionRequest/profile/paymentProfile/paymentProfileId")).isEqualTo("87");
        await().atMost(PATIENCE).until(() -> posted("9210-1").size() == 1);
        assertThat(posted("9210-1").get(0).amount()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(emails(guid, "RECEIPT")).isEqualTo(1);

        // the day's batch has not settled yet: nothing to say, nothing stored
        answersDetails("60019495001", "capturedPendingSettlement", "");
        assertThat(eCheckPoll.poll(b.bid())).isZero();
        assertThat(row(guid).status()).isEqualTo("PENDING");
        assertThat(events(guid)).isEmpty();

        ANET.resetAll();
        answersDetails("60019495001", "settledSuccessfully", "");
        assertThat(eCheckPoll.billers()).contains(b.bid());
        assertThat(eCheckPoll.poll(b.bid())).isEqualTo(1);
        assertThat(eCheckPoll.poll(b.bid())).as("a second run changes nothing").isZero();

        assertThat(row(guid).status()).isEqualTo("APPROVED");
        assertThat(events(guid)).containsExactly("authorizenet 60019495001:settledSuccessfully settledSuccessfully APPLIED");
        assertThat(count("select count(*) from payment_event e join payment p using (payment_id) where p.payment_guid = ? and e.to_status = 'APPROVED'",
                UUID.fromString(guid))).isEqualTo(1);
        assertThat(emails(guid, "RECEIPT")).isEqualTo(1);
        assertThat(emails(guid, "ACH_RETURNED")).isZero();
        assertThat(posted("9210-1")).hasSize(1);
        ANET.verify(2, postRequestedFor(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("<getTransactionDetailsRequest")));
    }

    @Test
    void anECheckReturnedR01IsReturnedListedForStaffAndEmailedOnceHoweverOftenThePollRuns() {
        TestBiller b = authorizeNetBiller("9211-1");
        String guid = pendingECheck(b, "9211-1", "60019495002");
        await().atMost(PATIENCE).until(() -> posted("9211-1").size() == 1);

        answersDetails("60019495002", "returnedItem", AuthorizeNetGatewayTest.returnedItems("R01", "Insufficient Funds"));
        assertThat(eCheckPoll.poll(b.bid())).isEqualTo(1);
        assertThat(eCheckPoll.poll(b.bid())).isZero();

        assertThat(row(guid).status()).isEqualTo("RETURNED");
        assertThat(events(guid)).containsExactly("authorizenet 60019495002:returnedItem returnedItem APPLIED");
        assertThat(jdbc.sql("select return_code || ' ' || return_reason || ' ' || event_id from ach_return where biller_id = ?").param(b.bid())
                .query(String.class).list()).containsExactly("R01 Insufficient funds 60019495002:returnedItem");
        Reply open = send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns?status=open")).GET());
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json()).hasSize(1);
        assertThat(open.body()).contains(guid).contains("R01");
        await().atMost(PATIENCE).until(() -> emails(guid, "ACH_RETURNED") == 1);
        assertThat(jdbc.sql("select recipients from email_message where payment_guid = ? and kind = 'ACH_RETURNED'")
                .param(UUID.fromString(guid)).query(String.class).single()).isEqualTo(PAYER);
        eCheckPoll.poll(b.bid());
        assertThat(emails(guid, "ACH_RETURNED")).isEqualTo(1);
        assertThat(posted("9211-1")).as("the CIS is never touched by a return").hasSize(1);
        assertThat(eCheckPoll.billers()).doesNotContain(b.bid());
    }

    @Test
    void anECheckConfirmedThenReturnedWeeksLaterIsReturnedAfterItsConfirmation() {
        TestBiller b = authorizeNetBiller("9212-1");
        String guid = pendingECheck(b, "9212-1", "60019495003");
        answersDetails("60019495003", "settledSuccessfully", "");
        eCheckPoll.poll(b.bid());
        assertThat(row(guid).status()).isEqualTo("APPROVED");

        ANET.resetAll();
        answersDetails("60019495003", "returnedItem", AuthorizeNetGatewayTest.returnedItems("R10", "Customer Advises Not Authorized"));
        assertThat(eCheckPoll.poll(b.bid())).isEqualTo(1);

        assertThat(row(guid).status()).isEqualTo("RETURNED");
        assertThat(events(guid)).containsExactly("authorizenet 60019495003:settledSuccessfully settledSuccessfully APPLIED",
                "authorizenet 60019495003:returnedItem returnedItem APPLIED");
        assertThat(jdbc.sql("select return_code from ach_return where biller_id = ?").param(b.bid()).query(String.class).list())
                .containsExactly("R10");
    }
    @Autowired
    org.ratepayer.payments.page.PaymentPageCheckout checkout;

    @Test
    void aBankAccountTypedOnThePaymentPageIsAWebDebitUnderTheBillsCustomerName() {
        TestBiller b = authorizeNetBiller("9213-1");
        billerService.setSetting(b.bid(), 1019, TextNode.valueOf("DIRECT"), "test");
        ANET.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527265</customerProfileId><customerPaymentProfileIdList><numericString>89</numericString>"
                        + "</customerPaymentProfileIdList>"))));

        org.ratepayer.payments.page.PaymentPageCheckout.Pending pending = checkout.review(b.bid(), "9213-1", java.util.Map.of("method", "ACH",
                "routingNumber", "011000015", "bankAccountNumber", "000123456789", "accountType", "CHECKING", "amount", "120.50"));

        assertThat(pending).isNotNull();
        Document profile = ANET.findAll(postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<createCustomerProfileRequest"))).stream().map(r -> parse(r.getBodyAsString())).findFirst()
                .orElseThrow();
        String bankAccount = "/createCustomerProfileRequest/profile/paymentProfiles/payment/bankAccount/";
        assertThat(at(profile, bankAccount + "echeckType")).isEqualTo("WEB");
        assertThat(at(profile, bankAccount + "nameOnAccount")).isEqualTo("Pat Doe");
        assertThat(charges()).as("reviewed, not paid yet").isEmpty();
    }
    @Test
    void anECheckWhoseAnswerWasLostIsMadePendingByTheRepairJobThenConfirmedByThePoll() {
        TestBiller b = authorizeNetBiller("9214-1");
        ANET.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527266</customerProfileId><customerPaymentProfileIdList><numericString>90</numericString>"
                        + "</customerPaymentProfileIdList>"))));
        // Authorize.Net accepts the debit, but its answer comes after the adapter stopped waiting (2.5 s)
        ANET.stubFor(transaction("authCaptureTransaction").willReturn(aResponse()
                .withBody(AuthorizeNetGatewayTest.eCheckAccepted("60019495004")).withFixedDelay(5000)));
        Reply unknown = pay(b, """
                {"channel": "KIOSK", "kioskId": "Lobby-1", "accountNumber": "9214-1", "amount": 120.50,
                 "bank": {"routingNumber": "011000015", "accountNumber": "000123456789", "accountType": "CHECKING"}}""");
        assertThat(unknown.json().get("status").asText()).as(unknown.body()).isEqualTo("UNKNOWN");
        String guid = unknown.json().get("paymentGuid").asText();
        // keyed into the kiosk by the payer: a WEB debit
        Document profile = ANET.findAll(postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<createCustomerProfileRequest"))).stream().map(r -> parse(r.getBodyAsString())).findFirst()
                .orElseThrow();
        assertThat(at(profile, "/createCustomerProfileRequest/profile/paymentProfiles/payment/bankAccount/echeckType")).isEqualTo("WEB");

        String key = guid.replace("-", "").substring(0, 20);
        ANET.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019495004", key, "capturedPendingSettlement", "120.50")))));
        answersDetails("60019495004", "capturedPendingSettlement", "");
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(UUID.fromString(guid)).update();
        repairJob.repair();

        assertThat(row(guid).status()).isEqualTo("PENDING");
        await().atMost(PATIENCE).until(() -> posted("9214-1").size() == 1);

        ANET.resetAll();
        answersDetails("60019495004", "settledSuccessfully", "");
        assertThat(eCheckPoll.poll(b.bid())).isEqualTo(1);
        assertThat(row(guid).status()).isEqualTo("APPROVED");
        assertThat(posted("9214-1")).hasSize(1);
    }
}
