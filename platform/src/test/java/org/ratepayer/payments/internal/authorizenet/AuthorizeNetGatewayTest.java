package org.ratepayer.payments.internal.authorizenet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.internal.RecordedChargesMap;
import org.ratepayer.payments.gateway.PaymentGateway.Outcome;
import org.ratepayer.payments.gateway.PaymentGateway.Result;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The Authorize.Net adapter against a WireMock server answering as Authorize.Net's API reference documents
 * (createTransactionRequest for authCaptureTransaction, refundTransaction and voidTransaction; createCustomerProfile and
 * getCustomerPaymentProfile; getUnsettledTransactionList, getSettledBatchList, getTransactionList and
 * getTransactionDetails): each XML request is read back and checked field by field, and each answer mapped to what the
 * platform records (docs/processors.md, "Authorize.Net"). No network.
 */
class AuthorizeNetGatewayTest {

    static final long BID = 4242;
    static final String LOGIN = "5KP3u95bQpv";
    static final String KEY = "346HZ32z3fP4hTG2";
    static final String CLIENT_KEY = "5FcB6WrfHGS76gHW3v7btBCE3HuuBuke9Pj96Ztfn5R32G5ep42vne7MCWZtAucY";
    static final String NS = "AnetApi/xml/v1/schema/AnetApiSchema.xsd";
    static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");
    static final ZoneId ZONE = ZoneId.of("America/Chicago");

    static WireMockServer anet;

    final RecordedChargesMap references = new RecordedChargesMap();
    AuthorizeNetGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        anet = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        anet.start();
        // WireMock's first answer in a JVM is slow on a busy machine: one before the tests, so only the stubs' delays count
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + anet.port() + "/warm-up")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterAll
    static void stop() {
        anet.stop();
    }

    @BeforeEach
    void fresh() {
        anet.resetAll();
        gateway = gateway("http://localhost:" + anet.port());
    }

    AuthorizeNetGateway gateway(String apiBase) {
        return new AuthorizeNetGateway(
                new AuthorizeNetProperties(apiBase, Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMinutes(10), 3, ""),
                bid -> Optional.of(new AuthorizeNetGateway.Credentials(LOGIN, KEY)),
                bid -> Optional.of(CLIENT_KEY),
                references,
                // the biller's business day closes at 17:00 in its zone
                (bid, day) -> day.atTime(17, 0).atZone(ZONE).toInstant(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ---- stubs, as the API reference shows its answers

    static MappingBuilder api(String root) {
        return post(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("<" + root));
    }

    static MappingBuilder transaction(String type) {
        return api("createTransactionRequest").withRequestBody(containing("<transactionType>" + type + "</transactionType>"));
    }

    static String answer(String root, String resultCode, String code, String text, String body) {
        // a real answer starts with a byte-order mark, which the adapter skips
        return "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><" + root + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"" + NS + "\"><messages><resultCode>" + resultCode
                + "</resultCode><message><code>" + code + "</code><text>" + text + "</text></message></messages>" + body + "</" + root + ">";
    }

    static String ok(String root, String body) {
        return answer(root, "Ok", "I00001", "Successful.", body);
    }

    static String transactionAnswer(String resultCode, String code, String text, String responseCode, String transId, String tail) {
        return answer("createTransactionResponse", resultCode, code, text, "<transactionResponse><responseCode>" + responseCode
                + "</responseCode><authCode>" + ("1".equals(responseCode) ? "HW617E" : "") + "</authCode><avsResultCode>Y</avsResultCode>"
                + "<cvvResultCode>P</cvvResultCode><transId>" + transId + "</transId><refTransID/><transHash/><testRequest>0</testRequest>"
                + "<accountNumber>XXXX1111</accountNumber><accountType>Visa</accountType>" + tail + "</transactionResponse>");
    }

    static String approved(String transId) {
        return transactionAnswer("Ok", "I00001", "Successful.", "1", transId,
                "<messages><message><code>1</code><description>This transaction has been approved.</description></message></messages>");
    }

    static String failed(String responseCode, String transId, String errorCode, String errorText) {
        return transactionAnswer("Error", "E00027", "The transaction was unsuccessful.", responseCode, transId,
                "<errors><error><errorCode>" + errorCode + "</errorCode><errorText>" + errorText + "</errorText></error></errors>");
    }

    static String summary(String transId, String invoiceNumber, String status, String amount) {
        return "<transaction><transId>" + transId + "</transId><submitTimeUTC>2026-12-05T17:40:01Z</submitTimeUTC>"
                + "<submitTimeLocal>2026-12-05T11:40:01</submitTimeLocal><transactionStatus>" + status + "</transactionStatus>"
                + "<invoiceNumber>" + invoiceNumber + "</invoiceNumber><accountType>Visa</accountType><accountNumber>XXXX1111</accountNumber>"
                + "<settleAmount>" + amount + "</settleAmount><marketType>eCommerce</marketType><product>Card Not Present</product></transaction>";
    }

    static String list(String root, String... transactions) {
        return transactions.length == 0 ? ok(root, "<totalNumInResultSet>0</totalNumInResultSet>")
                : ok(root, "<transactions>" + String.join("", transactions) + "</transactions><totalNumInResultSet>"
                        + transactions.length + "</totalNumInResultSet>");
    }

    static String details(String transId, String status, String payment) {
        return ok("getTransactionDetailsResponse", "<transaction><transId>" + transId + "</transId>"
                + "<submitTimeUTC>2026-12-05T17:40:01Z</submitTimeUTC><transactionType>authCaptureTransaction</transactionType>"
                + "<transactionStatus>" + status + "</transactionStatus><responseCode>1</responseCode><responseReasonCode>1</responseReasonCode>"
                + "<responseReasonDescription>Approval</responseReasonDescription><authCode>HW617E</authCode>"
                + "<authAmount>12.34</authAmount><settleAmount>12.34</settleAmount><payment>" + payment + "</payment></transaction>");
    }

    static final String CARD = "<creditCard><cardNumber>XXXX1111</cardNumber><expirationDate>XXXX</expirationDate><cardType>Visa</cardType></creditCard>";

    static String noBatches() {
        return answer("getSettledBatchListResponse", "Ok", "I00004", "No records found.", "");
    }

    /** The requests WireMock received whose root element is {@code root}, parsed. */
    static List<Document> received(String root) {
        return anet.findAll(postRequestedFor(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("<" + root)))
                .stream().map(r -> parse(r.getBodyAsString())).toList();
    }

    static Document parse(String xml) {
        try {
            // not namespace-aware: the paths below name elements as they are written
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    static String at(Document d, String path) {
        try {
            return (String) XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.STRING);
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    static int count(Document d, String path) {
        try {
            return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    static String nonce(String value) {
        return "anet-nonce:CARD:VISA:1111:" + value;
    }

    // ---- charge

    @Test
    void aChargeIsAnAuthCaptureTransactionPayingWithTheAcceptJsNonceKeyedByThePaymentGuid() {
        UUID guid = UUID.fromString("0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b");
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493302"))));

        Result r = gateway.charge(BID, guid, nonce("eyJjb2RlIjoiNTBfMl8wNjAwMDUzNjQ5"), new BigDecimal("12.3"));

        assertThat(r).isEqualTo(new Result(Outcome.APPROVED, "HW617E", "60019493302", "Approved"));
        Document q = received("createTransactionRequest").get(0);
        assertThat(q.getDocumentElement().getAttribute("xmlns")).isEqualTo(NS);
        assertThat(at(q, "/createTransactionRequest/merchantAuthentication/name")).isEqualTo(LOGIN);
        assertThat(at(q, "/createTransactionRequest/merchantAuthentication/transactionKey")).isEqualTo(KEY);
        assertThat(at(q, "/createTransactionRequest/refId")).isEqualTo("0f8e2a4c1b3d4e5f8a9b");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/transactionType")).isEqualTo("authCaptureTransaction");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/amount")).isEqualTo("12.30");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/payment/opaqueData/dataDescriptor"))
                .isEqualTo("COMMON.ACCEPT.INAPP.PAYMENT");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/payment/opaqueData/dataValue"))
                .isEqualTo("eyJjb2RlIjoiNTBfMl8wNjAwMDUzNjQ5");
        assertThat(count(q, "/createTransactionRequest/transactionRequest/payment/creditCard")).isZero();
        assertThat(at(q, "/createTransactionRequest/transactionRequest/order/invoiceNumber")).isEqualTo("0f8e2a4c1b3d4e5f8a9b");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/order/description")).isEqualTo("Ratepayer payment " + guid);
        assertThat(at(q, "/createTransactionRequest/transactionRequest/transactionSettings/setting/settingName")).isEqualTo("duplicateWindow");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/transactionSettings/setting/settingValue")).isEqualTo("600");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/userFields/userField/name")).isEqualTo("payment_guid");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/userFields/userField/value")).isEqualTo(guid.toString());
        // the schema's order: amount before payment before order before transactionSettings before userFields
        String body = anet.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(body.indexOf("<amount>")).isLessThan(body.indexOf("<payment>"));
        assertThat(body.indexOf("<payment>")).isLessThan(body.indexOf("<order>"));
        assertThat(body.indexOf("<order>")).isLessThan(body.indexOf("<transactionSettings>"));
        assertThat(body.indexOf("<transactionSettings>")).isLessThan(body.indexOf("<userFields>"));
    }

    @Test
    void aSavedMethodIsChargedAsItsCustomerPaymentProfile() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493310"))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "anet-profile:527262/86", new BigDecimal("40.00"));

        assertThat(r.outcome()).isEqualTo(Outcome.APPROVED);
        Document q = received("createTransactionRequest").get(0);
        assertThat(at(q, "/createTransactionRequest/transactionRequest/profile/customerProfileId")).isEqualTo("527262");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/profile/paymentProfile/paymentProfileId")).isEqualTo("86");
        assertThat(count(q, "/createTransactionRequest/transactionRequest/payment")).isZero();
    }

    @ParameterizedTest(name = "response code {0} (error {1}) is {3}")
    @CsvSource(delimiter = '|', value = {
            "2 | 2   | This transaction has been declined.                    | DECLINED | Declined: 2: This transaction has been declined.",
            "2 | 27  | The transaction has been declined because of an AVS mismatch. | DECLINED | Declined: 27: The transaction has been declined because of an AVS mismatch.",
            "3 | 6   | The credit card number is invalid.                     | ERROR    | Processor error: 6: The credit card number is invalid.",
            "3 | 8   | The credit card has expired.                           | ERROR    | Processor error: 8: The credit card has expired."})
    void aDeclineOrAnErrorCarriesTheTransactionsErrorText(String responseCode, String errorCode, String errorText, Outcome outcome,
            String message) {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(failed(responseCode, "60019493303", errorCode, errorText))));

        Result r = gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34"));

        assertThat(r).isEqualTo(new Result(outcome, null, "60019493303", message));
    }

    @Test
    void anApiErrorIsAnErrorAndNothingWasTaken() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(answer("createTransactionResponse", "Error",
                "E00007", "User authentication failed due to invalid authentication values.", ""))));

        Result r = gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34"));

        assertThat(r).isEqualTo(new Result(Outcome.ERROR, null, null,
                "Processor error: E00007 User authentication failed due to invalid authentication values."));
        assertThat(r.message()).doesNotContain(KEY);
    }

    @Test
    void anErrorResponseToAMalformedRequestIsAnError() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(answer("ErrorResponse", "Error",
                "E00003", "The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:amount' element is invalid.", ""))));

        Result r = gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34"));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).startsWith("Processor error: E00003 ");
    }

    @Test
    void aChargeHeldForReviewIsUndecidedUntilTheBillerDecides() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(transactionAnswer("Ok", "I00001", "Successful.",
                "4", "60019493304", "<messages><message><code>252</code><description>Your order has been received. Thank you for your business!"
                        + "</description></message></messages>"))));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class).hasMessageContaining("review");
    }

    @Test
    void aDuplicateOfAnEarlierAttemptLeavesTheOutcomeToTheLookUp() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(failed("3", "0", "11",
                "A duplicate transaction has been submitted."))));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class).hasMessageContaining("duplicate");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"500", "502", "503"})
    void aServerErrorLeavesTheOutcomeUnknown(int status) {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withStatus(status).withBody("<html>Server Error</html>")));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class).hasMessageContaining(status + ": outcome unknown");
    }

    @Test
    void anUnreadableAnswerLeavesTheOutcomeUnknown() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody("<createTransactionResponse><messages>")));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("1")).withFixedDelay(2500)));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class).hasMessageContaining("in time");
    }

    @Test
    void noConnectionIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        AuthorizeNetGateway nowhere = gateway("http://localhost:" + closed);

        assertThatThrownBy(() -> nowhere.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayUnavailableException.class);
    }

    @Test
    void aTokenThatIsNeitherANonceNorAProfileIsAnErrorWithoutACall() {
        Result r = gateway.charge(BID, UUID.randomUUID(), "tok_sbx_123", new BigDecimal("12.34"));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(anet.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0} dollars")
    @CsvSource({"12.345", "0", "-1.00"})
    void amountsAreWholeCentsAboveZeroAndRefusedBeforeAnyCall(String dollars) {
        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), nonce("n1"), new BigDecimal(dollars)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(anet.getAllServeEvents()).isEmpty();
    }

    // ---- the lost answer, found again

    @Test
    void aLostAnswerIsFoundByItsInvoiceNumberAmongTheUnsettledTransactions() {
        UUID guid = UUID.fromString("7a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(approved("60019493305")).withFixedDelay(2500)));
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019493299", "99999999999999999999", "capturedPendingSettlement", "5.00"),
                summary("60019493305", "7a1b2c3d4e5f4a6b9c8d", "capturedPendingSettlement", "12.34")))));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493305", "capturedPendingSettlement", CARD))));

        assertThatThrownBy(() -> gateway.charge(BID, guid, nonce("n1"), new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
        Optional<Result> found = gateway.lookup(BID, guid);

        assertThat(found).contains(new Result(Outcome.APPROVED, "HW617E", "60019493305", "Approved"));
        Document list = received("getUnsettledTransactionListRequest").get(0);
        assertThat(at(list, "/getUnsettledTransactionListRequest/merchantAuthentication/name")).isEqualTo(LOGIN);
        assertThat(at(list, "/getUnsettledTransactionListRequest/sorting/orderBy")).isEqualTo("submitTimeUTC");
        assertThat(at(list, "/getUnsettledTransactionListRequest/sorting/orderDescending")).isEqualTo("true");
        assertThat(at(list, "/getUnsettledTransactionListRequest/paging/limit")).isEqualTo("1000");
        assertThat(at(list, "/getUnsettledTransactionListRequest/paging/offset")).isEqualTo("1");
        assertThat(at(received("getTransactionDetailsRequest").get(0), "/getTransactionDetailsRequest/transId")).isEqualTo("60019493305");
        // found unsettled: the settled batches were not needed
        assertThat(received("getSettledBatchListRequest")).isEmpty();
    }

    @Test
    void aChargeAlreadySettledIsFoundInTheRecentBatches() {
        UUID guid = UUID.fromString("1a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(ok("getSettledBatchListResponse",
                "<batchList><batch><batchId>1221577</batchId><settlementTimeUTC>2026-12-04T23:02:33Z</settlementTimeUTC>"
                        + "<settlementTimeLocal>2026-12-04T17:02:33</settlementTimeLocal><settlementState>settledSuccessfully</settlementState>"
                        + "<paymentMethod>creditCard</paymentMethod><marketType>eCommerce</marketType><product>Card Not Present</product>"
                        + "</batch></batchList>"))));
        anet.stubFor(api("getTransactionListRequest").willReturn(aResponse().withBody(list("getTransactionListResponse",
                summary("60019493306", "1a1b2c3d4e5f4a6b9c8d", "settledSuccessfully", "12.34")))));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493306", "settledSuccessfully", CARD))));

        assertThat(gateway.lookup(BID, guid)).contains(new Result(Outcome.APPROVED, "HW617E", "60019493306", "Approved"));
        Document batches = received("getSettledBatchListRequest").get(0);
        // the look-back: three days up to now, in UTC
        assertThat(at(batches, "/getSettledBatchListRequest/firstSettlementDate")).isEqualTo("2026-12-02T18:00:00Z");
        assertThat(at(batches, "/getSettledBatchListRequest/lastSettlementDate")).isEqualTo("2026-12-05T18:00:00Z");
        assertThat(at(received("getTransactionListRequest").get(0), "/getTransactionListRequest/batchId")).isEqualTo("1221577");
    }

    @Test
    void aChargeAuthorizeNetNeverSawIsNotFound() {
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(noBatches())));

        assertThat(gateway.lookup(BID, UUID.randomUUID())).isEmpty();
    }

    @Test
    void aDeclineFoundLaterIsADecline() {
        UUID guid = UUID.fromString("2a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019493307", "2a1b2c3d4e5f4a6b9c8d", "declined", "0.00")))));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493307", "declined", CARD)
                .replace("Approval", "This transaction has been declined."))));

        assertThat(gateway.lookup(BID, guid)).contains(new Result(Outcome.DECLINED, null, "60019493307",
                "Declined: This transaction has been declined."));
    }

    @Test
    void aChargeStillHeldForReviewStaysUndecided() {
        UUID guid = UUID.fromString("3a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019493308", "3a1b2c3d4e5f4a6b9c8d", "FDSPendingReview", "12.34")))));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493308", "FDSPendingReview", CARD))));

        assertThatThrownBy(() -> gateway.lookup(BID, guid)).isInstanceOf(PaymentGateway.GatewayTimeoutException.class)
                .hasMessageContaining("FDSPendingReview");
    }

    // ---- refunds and voids

    @ParameterizedTest(name = "refund of {0} of 12.34")
    @CsvSource({"12.34", "5.1"})
    void aRefundNamesTheChargeItsLastFourDigitsAndTheRefundsOwnKey(String amount) {
        UUID guid = UUID.randomUUID();
        UUID refundId = UUID.fromString("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e");
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(noBatches())));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493309", "settledSuccessfully", CARD))));
        anet.stubFor(transaction("refundTransaction").willReturn(aResponse().withBody(approved("60019493400"))));

        Result r = gateway.refund(BID, guid, refundId, new BigDecimal(amount));

        assertThat(r).isEqualTo(new Result(Outcome.APPROVED, "60019493400", "60019493400", "Refunded"));
        Document q = received("createTransactionRequest").get(0);
        assertThat(at(q, "/createTransactionRequest/merchantAuthentication/transactionKey")).isEqualTo(KEY);
        assertThat(at(q, "/createTransactionRequest/refId")).isEqualTo("5b6c7d8e9f0a4b1c8d2e");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/transactionType")).isEqualTo("refundTransaction");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/amount")).isEqualTo(new BigDecimal(amount).setScale(2).toPlainString());
        assertThat(at(q, "/createTransactionRequest/transactionRequest/refTransId")).isEqualTo("60019493309");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/payment/creditCard/cardNumber")).isEqualTo("1111");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/payment/creditCard/expirationDate")).isEqualTo("XXXX");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/order/invoiceNumber")).isEqualTo("5b6c7d8e9f0a4b1c8d2e");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/transactionSettings/setting/settingName")).isEqualTo("duplicateWindow");
    }

    @Test
    void aRetriedRefundIsAnsweredByTheRefundMadeUnderItsKey() {
        UUID guid = UUID.randomUUID();
        UUID refundId = UUID.fromString("6b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e");
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019493401", "6b6c7d8e9f0a4b1c8d2e", "refundPendingSettlement", "12.34")))));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493401", "refundPendingSettlement", CARD))));

        Result r = gateway.refund(BID, guid, refundId, new BigDecimal("12.34"));

        assertThat(r.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(r.reference()).isEqualTo("60019493401");
        assertThat(received("createTransactionRequest")).isEmpty();
    }

    @Test
    void aRefundAboveWhatIsLeftIsDeclinedByAuthorizeNet() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(noBatches())));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493309", "settledSuccessfully", CARD))));
        anet.stubFor(transaction("refundTransaction").willReturn(aResponse().withBody(failed("3", "0", "55",
                "The sum of credits against the referenced transaction would exceed original debit amount."))));

        Result r = gateway.refund(BID, guid, UUID.randomUUID(), new BigDecimal("99.00"));

        assertThat(r).isEqualTo(new Result(Outcome.DECLINED, null, "0",
                "Refund refused: 55: The sum of credits against the referenced transaction would exceed original debit amount."));
    }

    @Test
    void aRefundOfAnUnsettledChargeSaysToVoidIt() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(noBatches())));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493309", "capturedPendingSettlement", CARD))));
        anet.stubFor(transaction("refundTransaction").willReturn(aResponse().withBody(failed("3", "0", "54",
                "The referenced transaction does not meet the criteria for issuing a credit."))));

        Result r = gateway.refund(BID, guid, UUID.randomUUID(), new BigDecimal("12.34"));

        assertThat(r.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(r.message()).endsWith("(not settled yet: void it instead)");
    }

    @Test
    void aRefundWithoutAnAnswerIsATimeout() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse"))));
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(noBatches())));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493309", "settledSuccessfully", CARD))));
        anet.stubFor(transaction("refundTransaction").willReturn(aResponse().withBody(approved("1")).withFixedDelay(2500)));

        assertThatThrownBy(() -> gateway.refund(BID, guid, UUID.randomUUID(), new BigDecimal("1.00")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
    }

    @Test
    void anUnsettledChargeIsVoided() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493309", "capturedPendingSettlement", CARD))));
        anet.stubFor(transaction("voidTransaction").willReturn(aResponse().withBody(approved("60019493309"))));

        Result r = gateway.voidCharge(BID, guid);

        assertThat(r).isEqualTo(new Result(Outcome.APPROVED, "60019493309", "60019493309", "Voided"));
        Document q = received("createTransactionRequest").get(0);
        assertThat(at(q, "/createTransactionRequest/transactionRequest/transactionType")).isEqualTo("voidTransaction");
        assertThat(at(q, "/createTransactionRequest/transactionRequest/refTransId")).isEqualTo("60019493309");
        assertThat(count(q, "/createTransactionRequest/transactionRequest/amount")).isZero();
    }

    @Test
    void aSettledChargeIsNotVoidedButRefunded() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "60019493309");
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019493309", "settledSuccessfully", CARD))));

        Result r = gateway.voidCharge(BID, guid);

        assertThat(r).isEqualTo(new Result(Outcome.DECLINED, null, "60019493309", "settled: refund instead"));
        assertThat(received("createTransactionRequest")).isEmpty();
    }

    // ---- settlement

    @Test
    void settlementIsTheChargesOfTheBatchesSettledWithinTheBillersBusinessDay() {
        UUID known = UUID.randomUUID();
        references.put(BID + "/" + known, "60019493500");
        // business day 2026-12-04 (Chicago, closing at 17:00): from 2026-12-03T23:00Z to 2026-12-04T23:00Z
        anet.stubFor(api("getSettledBatchListRequest").willReturn(aResponse().withBody(ok("getSettledBatchListResponse",
                "<batchList>"
                        + "<batch><batchId>1001</batchId><settlementTimeUTC>2026-12-04T10:32:33Z</settlementTimeUTC><settlementState>settledSuccessfully</settlementState></batch>"
                        + "<batch><batchId>1002</batchId><settlementTimeUTC>2026-12-04T23:30:00Z</settlementTimeUTC><settlementState>settledSuccessfully</settlementState></batch>"
                        + "</batchList>"))));
        anet.stubFor(api("getTransactionListRequest").withRequestBody(containing("<batchId>1001</batchId>")).willReturn(aResponse().withBody(
                list("getTransactionListResponse",
                        summary("60019493500", "aaaaaaaaaaaaaaaaaaaa", "settledSuccessfully", "12.34"),
                        summary("60019493501", "bbbbbbbbbbbbbbbbbbbb", "settledSuccessfully", "20.00"),
                        summary("60019493502", "cccccccccccccccccccc", "refundSettledSuccessfully", "5.00"),
                        summary("60019493503", "dddddddddddddddddddd", "declined", "0.00")))));

        List<PaymentGateway.Settlement> settled = gateway.settled(BID, LocalDate.of(2026, 12, 4));

        assertThat(settled).containsExactly(
                new PaymentGateway.Settlement(known, new BigDecimal("12.34"), "60019493500"),
                new PaymentGateway.Settlement(UUID.nameUUIDFromBytes("authorizenet:60019493501".getBytes(StandardCharsets.UTF_8)),
                        new BigDecimal("20.00"), "60019493501"));
        Document q = received("getSettledBatchListRequest").get(0);
        assertThat(at(q, "/getSettledBatchListRequest/includeStatistics")).isEqualTo("false");
        assertThat(at(q, "/getSettledBatchListRequest/firstSettlementDate")).isEqualTo("2026-12-03T23:00:00Z");
        assertThat(at(q, "/getSettledBatchListRequest/lastSettlementDate")).isEqualTo("2026-12-04T23:00:00Z");
        // the batch settled after the day's end belongs to the next day: never asked for
        assertThat(received("getTransactionListRequest")).hasSize(1);
    }

    // ---- methods

    @Test
    void aCardNumberBecomesACustomerPaymentProfileAtOnce() {
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527262</customerProfileId><customerPaymentProfileIdList><numericString>86</numericString>"
                        + "</customerPaymentProfileIdList><customerShippingAddressIdList/><validationDirectResponseList/>"))));
        CardDetails card = new CardDetails("4111111111111111", 12, 2030, "123", "62701");

        PaymentGateway.Tokenized t = gateway.tokenizeCard(BID, PaymentMethodChecks.card(card, java.time.YearMonth.of(2026, 12)), card);

        assertThat(t).isEqualTo(new PaymentGateway.Tokenized("anet-profile:527262/86", Method.CARD, "VISA", "1111"));
        Document q = received("createCustomerProfileRequest").get(0);
        assertThat(at(q, "/createCustomerProfileRequest/merchantAuthentication/name")).isEqualTo(LOGIN);
        assertThat(at(q, "/createCustomerProfileRequest/profile/merchantCustomerId")).hasSize(20);
        assertThat(at(q, "/createCustomerProfileRequest/profile/paymentProfiles/payment/creditCard/cardNumber")).isEqualTo("4111111111111111");
        assertThat(at(q, "/createCustomerProfileRequest/profile/paymentProfiles/payment/creditCard/expirationDate")).isEqualTo("2030-12");
        assertThat(at(q, "/createCustomerProfileRequest/profile/paymentProfiles/payment/creditCard/cardCode")).isEqualTo("123");
        assertThat(at(q, "/createCustomerProfileRequest/validationMode")).isEqualTo("none");
    }

    @Test
    void aNonceSavedForLaterBecomesAProfileBeforeItsFirstChargeAndAProfileStaysAsItIs() {
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527264</customerProfileId><customerPaymentProfileIdList><numericString>88</numericString>"
                        + "</customerPaymentProfileIdList>"))));
        PaymentGateway.Tokenized nonce = new PaymentGateway.Tokenized("anet-nonce:CARD:VISA:1111:eyJub25jZSI6IjEifQ", Method.CARD, "VISA", "1111");

        PaymentGateway.Tokenized kept = gateway.forReuse(BID, nonce);

        assertThat(kept).isEqualTo(new PaymentGateway.Tokenized("anet-profile:527264/88", Method.CARD, "VISA", "1111"));
        Document q = received("createCustomerProfileRequest").get(0);
        assertThat(at(q, "/createCustomerProfileRequest/profile/paymentProfiles/payment/opaqueData/dataDescriptor"))
                .isEqualTo("COMMON.ACCEPT.INAPP.PAYMENT");
        assertThat(at(q, "/createCustomerProfileRequest/profile/paymentProfiles/payment/opaqueData/dataValue")).isEqualTo("eyJub25jZSI6IjEifQ");
        assertThat(gateway.forReuse(BID, kept)).isEqualTo(kept);
        assertThat(received("createCustomerProfileRequest")).hasSize(1);
    }

    @Test
    void thePagesGetAcceptUiOfTheApisEnvironmentWithPublicKeysOnly() {
        PaymentGateway.HostedFields production = gateway("https://api2.authorize.net").hostedFields(BID);
        assertThat(production).isEqualTo(new PaymentGateway.HostedFields("authorizenet", "https://js.authorize.net/v3/AcceptUI.js",
                java.util.Map.of("apiLoginId", LOGIN, "clientKey", CLIENT_KEY, "methods", "CARD,ACH",
                        "acceptJsUrl", "https://js.authorize.net/v1/Accept.js"), List.of("https://js.authorize.net"),
                List.of("https://js.authorize.net"), List.of("https://api2.authorize.net")));
        assertThat(production.config().values()).doesNotContain(KEY);
        PaymentGateway.HostedFields sandbox = gateway("https://apitest.authorize.net").hostedFields(BID);
        assertThat(sandbox.scriptUrl()).isEqualTo("https://jstest.authorize.net/v3/AcceptUI.js");
        assertThat(sandbox.config().get("acceptJsUrl")).isEqualTo("https://jstest.authorize.net/v1/Accept.js");
        assertThat(sandbox.connectSources()).containsExactly("https://apitest.authorize.net");

        AuthorizeNetGateway noClientKey = new AuthorizeNetGateway(
                new AuthorizeNetProperties("https://api2.authorize.net", Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMinutes(10), 3, ""),
                bid -> Optional.of(new AuthorizeNetGateway.Credentials(LOGIN, KEY)), bid -> Optional.empty(),
                new RecordedChargesMap(), (bid, day) -> NOW, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> noClientKey.hostedFields(BID)).isInstanceOf(org.ratepayer.payments.gateway.MethodNotAcceptedException.class)
                .hasMessageContaining("1025");
    }

    @Test
    void aBankAccountBecomesAnECheckProfile() {
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527263</customerProfileId><customerPaymentProfileIdList><numericString>87</numericString>"
                        + "</customerPaymentProfileIdList>"))));
        PaymentMethodChecks.CheckedBank bank = PaymentMethodChecks.bank(new org.ratepayer.payments.gateway.BankDetails("011000015", "000123456789", "SAVINGS"));

        PaymentGateway.Tokenized t = gateway.tokenizeBank(BID, bank);

        assertThat(t).isEqualTo(new PaymentGateway.Tokenized("anet-profile:527263/87", Method.ACH, "SAVINGS", "6789"));
        Document q = received("createCustomerProfileRequest").get(0);
        String bankAccount = "/createCustomerProfileRequest/profile/paymentProfiles/payment/bankAccount/";
        assertThat(at(q, bankAccount + "accountType")).isEqualTo("savings");
        assertThat(at(q, bankAccount + "routingNumber")).isEqualTo("011000015");
        assertThat(at(q, bankAccount + "accountNumber")).isEqualTo("000123456789");
        assertThat(at(q, bankAccount + "nameOnAccount")).isEqualTo("Account holder");
        assertThat(at(q, bankAccount + "echeckType")).isEqualTo("WEB");
    }

    @Test
    void aCardAuthorizeNetRefusesIsAnInvalidMethod() {
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(answer("createCustomerProfileResponse", "Error",
                "E00013", "Credit card number is invalid.", ""))));
        CardDetails card = new CardDetails("4111111111111111", 12, 2030, "123", "62701");

        assertThatThrownBy(() -> gateway.tokenizeCard(BID, PaymentMethodChecks.card(card, java.time.YearMonth.of(2026, 12)), card))
                .isInstanceOf(InvalidPaymentMethodException.class).hasMessageContaining("card: refused by the processor");
    }

    @Test
    void aProfileRefusedForAnotherReasonOrUnansweredIsTheProcessorBeingUnavailable() {
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(answer("createCustomerProfileResponse", "Error",
                "E00007", "User authentication failed due to invalid authentication values.", ""))));
        CardDetails card = new CardDetails("4111111111111111", 12, 2030, "123", "62701");
        PaymentMethodChecks.CheckedCard checked = PaymentMethodChecks.card(card, java.time.YearMonth.of(2026, 12));

        assertThatThrownBy(() -> gateway.tokenizeCard(BID, checked, card))
                .isInstanceOf(PaymentGateway.GatewayUnavailableException.class).hasMessageContaining("E00007")
                .message().doesNotContain("4111111111111111");

        anet.resetAll();
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse", "")).withFixedDelay(2500)));
        assertThatThrownBy(() -> gateway.tokenizeCard(BID, checked, card)).isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
    }

    @Test
    void aKnownProfileShowsItsBrandAndLastFour() {
        anet.stubFor(api("getCustomerPaymentProfileRequest").willReturn(aResponse().withBody(ok("getCustomerPaymentProfileResponse",
                "<paymentProfile><customerProfileId>527262</customerProfileId><customerPaymentProfileId>86</customerPaymentProfileId>"
                        + "<payment>" + CARD + "</payment></paymentProfile>"))));

        assertThat(gateway.known(BID, "anet-profile:527262/86"))
                .contains(new PaymentGateway.Tokenized("anet-profile:527262/86", Method.CARD, "VISA", "1111"));
        Document q = received("getCustomerPaymentProfileRequest").get(0);
        assertThat(at(q, "/getCustomerPaymentProfileRequest/customerProfileId")).isEqualTo("527262");
        assertThat(at(q, "/getCustomerPaymentProfileRequest/customerPaymentProfileId")).isEqualTo("86");
    }

    @Test
    void anotherMerchantsProfileIsUnknown() {
        anet.stubFor(api("getCustomerPaymentProfileRequest").willReturn(aResponse().withBody(answer("getCustomerPaymentProfileResponse",
                "Error", "E00040", "The record cannot be found.", ""))));

        assertThat(gateway.known(BID, "anet-profile:1/2")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"anet-nonce:CARD:VISA:1111:eyJub25jZSI6MX0=, CARD, VISA, 1111",
            "anet-nonce:BANK:CHECKING:6789:eyJub25jZSI6Mn0=, ACH, CHECKING, 6789"})
    void aNonceCarriesWhatThePageWasToldAndIsNotAskedAbout(String token, Method method, String brand, String last4) {
        assertThat(gateway.known(BID, token)).contains(new PaymentGateway.Tokenized(token, method, brand, last4));
        assertThat(anet.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"anet-nonce:eyJub25jZSI6MX0=", "anet-nonce:CARD:VISA:11:x", "anet-nonce:CASH:VISA:1111:x", "anet-profile:abc/1",
            "tok_sbx_1", "pm_card_visa"})
    void otherTokensAreUnknownWithoutACall(String token) {
        assertThat(gateway.known(BID, token)).isEmpty();
        assertThat(anet.getAllServeEvents()).isEmpty();
    }

    @Test
    void theTwentyCharacterKeyIsTheGuidsFirstTwentyHexDigits() {
        assertThat(AuthorizeNetGateway.key(UUID.fromString("0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b"))).isEqualTo("0f8e2a4c1b3d4e5f8a9b");
    }
    // ---- eCheck.Net: a bank debit is PENDING, then followed by its status

    static final String BANK = "<bankAccount><accountType>checking</accountType><routingNumber>XXXX0015</routingNumber>"
            + "<accountNumber>XXXX6789</accountNumber><nameOnAccount>Pat Payer</nameOnAccount><echeckType>WEB</echeckType></bankAccount>";

    /** Authorize.Net's answer to an eCheck it accepted: response code 1, no auth code, account type {@code eCheck}. */
    static String eCheckAccepted(String transId) {
        return answer("createTransactionResponse", "Ok", "I00001", "Successful.", "<transactionResponse><responseCode>1</responseCode>"
                + "<authCode/><avsResultCode>P</avsResultCode><cvvResultCode/><transId>" + transId + "</transId><refTransID/>"
                + "<transHash/><testRequest>0</testRequest><accountNumber>XXXX6789</accountNumber><accountType>eCheck</accountType>"
                + "<messages><message><code>1</code><description>This transaction has been approved.</description></message></messages>"
                + "</transactionResponse>");
    }

    /** An eCheck's details as getTransactionDetails answers them; {@code tail} after the payment (its returnedItems). */
    static String eCheckDetails(String transId, String status, String reason, String tail) {
        return ok("getTransactionDetailsResponse", "<transaction><transId>" + transId + "</transId>"
                + "<submitTimeUTC>2026-12-05T17:40:01Z</submitTimeUTC><transactionType>authCaptureTransaction</transactionType>"
                + "<transactionStatus>" + status + "</transactionStatus><responseCode>1</responseCode><responseReasonCode>1</responseReasonCode>"
                + "<responseReasonDescription>" + reason + "</responseReasonDescription><authCode/>"
                + "<authAmount>120.50</authAmount><settleAmount>120.50</settleAmount><payment>" + BANK + "</payment>"
                + tail + "</transaction>");
    }

    static String returnedItems(String code, String description) {
        return "<returnedItems><returnedItem><id>2148878904</id><dateUTC>2026-12-09T21:22:44Z</dateUTC>"
                + "<dateLocal>2026-12-09T15:22:44</dateLocal><code>" + code + "</code><description>" + description + "</description>"
                + "</returnedItem></returnedItems>";
    }

    @Test
    void anAcceptedECheckFromAProfileIsPendingNotApproved() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(eCheckAccepted("60019494001"))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "anet-profile:527263/87", new BigDecimal("120.50"));

        assertThat(r).isEqualTo(new Result(Outcome.PENDING, "60019494001", "60019494001", "Pending: the bank debit was accepted"));
    }

    @Test
    void anAcceptedECheckFromABankNonceIsPending() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(eCheckAccepted("60019494002"))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "anet-nonce:BANK:CHECKING:6789:eyJiYW5rIjoxfQ", new BigDecimal("120.50"));

        assertThat(r.outcome()).isEqualTo(Outcome.PENDING);
        Document q = received("createTransactionRequest").get(0);
        assertThat(at(q, "/createTransactionRequest/transactionRequest/payment/opaqueData/dataValue")).isEqualTo("eyJiYW5rIjoxfQ");
    }

    @Test
    void aDeclinedECheckIsDeclinedAtOnce() {
        anet.stubFor(transaction("authCaptureTransaction").willReturn(aResponse().withBody(
                failed("2", "60019494003", "2", "This transaction has been declined."))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "anet-profile:527263/87", new BigDecimal("120.50"));

        assertThat(r.outcome()).isEqualTo(Outcome.DECLINED);
    }

    @ParameterizedTest(name = "a look-up of an eCheck {0} is {1}")
    @CsvSource({"capturedPendingSettlement, PENDING", "returnedItem, PENDING", "settledSuccessfully, APPROVED", "declined, DECLINED",
            "voided, DECLINED", "generalError, ERROR"})
    void aLookedUpECheckIsPendingUntilSettled(String status, Outcome outcome) {
        UUID guid = UUID.fromString("0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b");
        anet.stubFor(api("getUnsettledTransactionListRequest").willReturn(aResponse().withBody(list("getUnsettledTransactionListResponse",
                summary("60019494004", "0f8e2a4c1b3d4e5f8a9b", status, "120.50")))));
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(eCheckDetails("60019494004", status, "Approval", ""))));

        assertThat(gateway.lookup(BID, guid).orElseThrow().outcome()).isEqualTo(outcome);
    }

    @Test
    void anECheckStatusIsReadFromItsDetailsWithItsReturnedItem() {
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(
                eCheckDetails("60019494005", "returnedItem", "Approval", returnedItems("R01", "Insufficient Funds")))));

        AuthorizeNetGateway.ECheckStatus s = gateway.eCheckStatus(BID, "60019494005");

        assertThat(s).isEqualTo(new AuthorizeNetGateway.ECheckStatus("60019494005", "returnedItem", true, "R01", "Insufficient Funds",
                "Approval"));
        Document q = received("getTransactionDetailsRequest").get(0);
        assertThat(at(q, "/getTransactionDetailsRequest/merchantAuthentication/name")).isEqualTo(LOGIN);
        assertThat(at(q, "/getTransactionDetailsRequest/transId")).isEqualTo("60019494005");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"settledSuccessfully", "declined", "capturedPendingSettlement"})
    void anECheckStatusWithoutAReturnHasNoCode(String status) {
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(
                eCheckDetails("60019494006", status, "This transaction has been declined.", ""))));

        assertThat(gateway.eCheckStatus(BID, "60019494006")).isEqualTo(new AuthorizeNetGateway.ECheckStatus("60019494006", status, true,
                null, null, "This transaction has been declined."));
    }

    @Test
    void aCardsStatusIsNotABankDebit() {
        anet.stubFor(api("getTransactionDetailsRequest").willReturn(aResponse().withBody(details("60019494007", "settledSuccessfully", CARD))));

        assertThat(gateway.eCheckStatus(BID, "60019494007").bank()).isFalse();
    }
    // ---- eCheck.Net: the SEC code follows how the payer authorised the debit; the name is the payer's

    @ParameterizedTest(name = "a debit authorised on {0} is filed as {1}")
    @CsvSource(nullValues = "-", value = {"-, WEB", "WEB, WEB", "CPV2, WEB", "KIOSK, WEB", "POS, WEB", "AUTOPAY, WEB", "SCHEDULED, WEB",
            "IVR, TEL", "OBD, TEL", "CSRWEB, TEL"})
    void theSecCodeFollowsTheChannelOfTheAuthorisation(org.ratepayer.payments.Channel channel, String sec) {
        assertThat(AuthorizeNetGateway.secCode(channel).value()).isEqualTo(sec);
    }

    @ParameterizedTest(name = "\"{0}\" is filed as \"{1}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Pat Doe                          | Pat Doe",
            "  Pat   Doe  	                  | Pat Doe",
            "Bartholomew Fitzgerald-Smythe III | Bartholomew Fitzgerald",
            "Abcdefghijklmnopqrstuv           | Abcdefghijklmnopqrstuv",
            "Abcdefghijklmnopqrstu w          | Abcdefghijklmnopqrstu",
            "-                                | Account holder",
            "'   '                            | Account holder"})
    void theNameOnTheAccountIsThePayersCutToTwentyTwoCharacters(String given, String filed) {
        assertThat(AuthorizeNetGateway.nameOnAccount(given)).isEqualTo(filed).hasSizeLessThanOrEqualTo(22);
    }

    @Test
    void aBankAccountGivenOnThePhoneIsATelDebitUnderThePayersName() {
        anet.stubFor(api("createCustomerProfileRequest").willReturn(aResponse().withBody(ok("createCustomerProfileResponse",
                "<customerProfileId>527264</customerProfileId><customerPaymentProfileIdList><numericString>88</numericString>"
                        + "</customerPaymentProfileIdList>"))));
        PaymentMethodChecks.CheckedBank bank = PaymentMethodChecks.bank(new org.ratepayer.payments.gateway.BankDetails("011000015", "000123456789", "CHECKING"));

        PaymentGateway.Tokenized t = gateway.tokenizeBank(BID, bank, org.ratepayer.payments.Channel.IVR, "Maria de los Angeles Gutierrez");

        assertThat(t).isEqualTo(new PaymentGateway.Tokenized("anet-profile:527264/88", Method.ACH, "CHECKING", "6789"));
        Document q = received("createCustomerProfileRequest").get(0);
        String bankAccount = "/createCustomerProfileRequest/profile/paymentProfiles/payment/bankAccount/";
        assertThat(at(q, bankAccount + "accountType")).isEqualTo("checking");
        assertThat(at(q, bankAccount + "routingNumber")).isEqualTo("011000015");
        assertThat(at(q, bankAccount + "accountNumber")).isEqualTo("000123456789");
        assertThat(at(q, bankAccount + "nameOnAccount")).isEqualTo("Maria de los Angeles G");
        assertThat(at(q, bankAccount + "echeckType")).isEqualTo("TEL");
        // the schema's order of bankAccountType
        String body = anet.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(body.indexOf("<accountType>")).isLessThan(body.indexOf("<routingNumber>"));
        assertThat(body.indexOf("<routingNumber>")).isLessThan(body.indexOf("<accountNumber>"));
        assertThat(body.indexOf("<accountNumber>")).isLessThan(body.indexOf("<nameOnAccount>"));
        assertThat(body.indexOf("<nameOnAccount>")).isLessThan(body.indexOf("<echeckType>"));
    }
}
