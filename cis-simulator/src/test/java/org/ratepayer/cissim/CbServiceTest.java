package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.CbEndpoint;
import org.ratepayer.multispeak.MultiSpeakFaultException;
import org.ratepayer.multispeak.OfficialSchema;
import org.ratepayer.multispeak.SampleMessages;
import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.PayableItem;
import org.ratepayer.multispeak.v3.PayableItemList;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.Tender;

/**
 * The CB service through Ratepayer's own client; every message either side produced is checked
 * against the official schema after each test.
 */
class CbServiceTest {

    private static CisSimulator cis;
    @RegisterExtension
    static final TappedClients CLIENTS = new TappedClients();
    private static final WireTap TAP = CLIENTS.tap();
    private static CbClient client;
    private final Http http = new Http();

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).build().start();
        client = CLIENTS.factory().client(endpoint(Accounts.PASSWORD));
    }

    @AfterAll
    static void stop() {
        cis.close();
    }

    private static CbEndpoint endpoint(String password) {
        return new CbEndpoint(cis.cbUrl(), Accounts.USER, password, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @BeforeEach
    void reset() {
        cis.state().reset();
        cis.state().putAccount(Accounts.prepaid());
    }

    @Test
    void theOfficialSchemaIsThereToCheckTheWire() {
        // the other tests validate what they captured only where the schema is; this one says when it is not
        assertThat(OfficialSchema.get()).isNotNull();
    }

    @Test
    void answersPayableItemsWithTheSeedsShapeAndExactAmounts() {
        PayableItemList items = client.getPayableItemsList("1001-2");

        assertThat(items.getPayableItem()).hasSize(2);
        PayableItem electric = items.getPayableItem().get(0);
        assertThat(electric.getCurrentAmount()).isEqualTo(new BigDecimal("1234567.89"));
        assertThat(electric.getPastDueAmount()).isEqualTo(new BigDecimal("0.07"));
        assertThat(electric.getDescription()).isEqualTo("Electric");
        assertThat(electric.getChargeCode()).isEqualTo("EL");
        assertThat(electric.getDueDate().toXMLFormat()).isEqualTo("2024-08-15T00:00:00");
        assertThat(items.getPayableItem().get(1).getCurrentAmount()).isEqualTo(new BigDecimal("-15.5"));
        assertThat(items.getAllowableTransactionTypes().getTransactionType()).containsExactly("Cash Only");

        String reply = TAP.lastReceived();
        assertThat(reply).contains("<currentAmount>1234567.89</currentAmount>", "<pastDueAmount>0.07</pastDueAmount>",
                "<currentAmount>-15.5</currentAmount>", "Company=\"Daffron and Associates, Inc.\"",
                "AppName=\"Toolbox iXp\"");
        assertThat(TAP.lastSent()).contains("UserID=\"InvoiceCloud\"", "<accountNumber>1001-2</accountNumber>");
    }

    @Test
    void prepaidAndCardBlockExtensionsRoundTrip() {
        PayableItemList items = client.getPayableItemsList("1001-2");

        List<ExtensionsItem> extensions = items.getPayableItem().get(0).getExtensionsList().getExtensionsItem();
        assertThat(extensions).extracting(ExtensionsItem::getExtName, ExtensionsItem::getExtValue,
                ExtensionsItem::getExtType).containsExactly(
                        tuple("remainingBalance", "4.93", "decimal"),
                        tuple("remainingDays", "1", "decimal"),
                        tuple("preventCreditCard", "Y", "string"));
        assertThat(TAP.lastReceived()).contains("<extensionsItem><extName>remainingBalance</extName>"
                + "<extValue>4.93</extValue><extType>decimal</extType></extensionsItem>");
    }

    @Test
    void anAccountWithoutItemsStillCarriesItsExtensions() {
        cis.state().putAccount(CisAccount.of("2002-1").withPrepaid(new BigDecimal("-3.10"), null));

        PayableItemList items = client.getPayableItemsList("2002-1");

        assertThat(items.getPayableItem()).singleElement().satisfies(item -> {
            assertThat(item.getCurrentAmount()).isNull();
            assertThat(item.getExtensionsList().getExtensionsItem()).extracting(ExtensionsItem::getExtValue)
                    .containsExactly("-3.10");
        });
    }

    @Test
    void theSeedsRequestRoundTripsOnTheWire() {
        String seedRequest = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Header><MultiSpeakMsgHeader Version=\"3.0\" UserID=\"InvoiceCloud\" Pwd=\"" + Accounts.PASSWORD
                + "\" AppName=\"IC\" AppVersion=\"1.0\" Company=\"Invoice Cloud\" CSUnits=\"feet\""
                + " CoordinateSystem=\"none\" Datum=\"none\" SessionID=\"s-1\" PreviousSessionID=\"s-0\""
                + " ObjectsRemaining=\"0\" LastSent=\"none\" RegistrationID=\"r-1\" AuditID=\"a-1\" MessageID=\"m-1\""
                + " TimeStamp=\"2024-08-15T10:00:00-05:00\" BuildString=\"b-1\""
                + " xmlns=\"http://www.multispeak.org/Version_3.0\" /></soap:Header>"
                + "<soap:Body><GetPayableItemsList xmlns=\"http://www.multispeak.org/Version_3.0\">"
                + "<accountNumber>1001-2</accountNumber></GetPayableItemsList></soap:Body></soap:Envelope>";
        OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(seedRequest));

        HttpResponse<String> reply = http.soap(cis.cbUrl(), "GetPayableItemsList", seedRequest);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(reply.body()));
        assertThat(reply.body()).contains("<GetPayableItemsListResponse xmlns=\"http://www.multispeak.org/Version_3.0\">",
                "<GetPayableItemsListResult><payableItem>", "<currentAmount>1234567.89</currentAmount>",
                "<allowableTransactionTypes><transactionType>Cash Only</transactionType></allowableTransactionTypes>",
                "Version=\"3.0\"", "SessionID=\"");
    }

    @Test
    void recordsEveryPaymentExactlyAsReceivedAndAnswersSuccess() {
        PaymentTransaction card = SampleMessages.cardPayment("35909001", "232.10", "e4deba7f-86e7-4850-8226-d6a2fbfb0ab6");
        PaymentTransaction cash = SampleMessages.cashPayment("1001-2", "0.07", "tx-cash");
        PaymentTransaction ach = SampleMessages.achPayment("1001-2", "1234567.89", "tx-ach");
        PaymentTransaction check = SampleMessages.eCheckPayment("1001-2", "-15.5", "tx-check");

        List<PaymentTransaction> answers = client.commitPaymentTransaction(List.of(card, cash, ach, check));

        assertThat(answers).hasSize(4);
        assertThat(answers).flatExtracting(t -> Tenders.of(t).toList())
                .allSatisfy(t -> {
                    assertThat(t.getResponseCode()).isEqualTo(ResponseCode.SUCCESS);
                    assertThat(t.getFinancialTransactionID()).startsWith("TBX");
                })
                .extracting(t -> t.getAmount().toPlainString())
                .containsExactly("232.10", "0.07", "1234567.89", "-15.5");
        assertThat(TAP.lastSent()).contains("<amount>232.10</amount>", "<amount>0.07</amount>",
                "<amount>1234567.89</amount>", "<amount>-15.5</amount>");
        assertThat(TAP.lastReceived()).contains("<amount>232.10</amount>", "<amount>0.07</amount>",
                "<amount>1234567.89</amount>", "<amount>-15.5</amount>", "<responseCode>Success</responseCode>");

        List<PaymentPosting> postings = cis.state().postings().payments();
        assertThat(postings).extracting(PaymentPosting::accountNumber, PaymentPosting::tender,
                PaymentPosting::transactionId, PaymentPosting::arrivals).containsExactly(
                        tuple("35909001", "creditCardPayment",
                                "e4deba7f-86e7-4850-8226-d6a2fbfb0ab6", 1),
                        tuple("1001-2", "cashPayment", "tx-cash", 1),
                        tuple("1001-2", "achPayment", "tx-ach", 1),
                        tuple("1001-2", "eCheckPayment", "tx-check", 1));
        PaymentPosting first = postings.get(0);
        assertThat(first.amount()).isEqualTo(new BigDecimal("232.10"));
        assertThat(first.amount().scale()).isEqualTo(2);
        assertThat(first.authorizationCode()).isEqualTo("A01 - Approved (EXACT MATCH)");
        assertThat(first.paymentMode()).isEqualTo("WEB");
        assertThat(postings.get(1).extensions()).extracting(Extension::name, Extension::value)
                .containsExactly(tuple("transactionId", "tx-cash"),
                        tuple("billerReference", "BHappy"));
        assertThat(postings.get(1).paymentMode()).isEqualTo("KIOSK");
    }

    @Test
    void aDuplicateTransactionIdIsPostedOnceAndCountedTwice() {
        List<PaymentTransaction> first = client.commitPaymentTransaction(
                List.of(SampleMessages.cardPayment("1001-2", "15", "tx-dup")));
        List<PaymentTransaction> second = client.commitPaymentTransaction(
                List.of(SampleMessages.cardPayment("1001-2", "15", "tx-dup")));

        Tender posted = Tenders.of(first.get(0)).findFirst().orElseThrow();
        Tender refused = Tenders.of(second.get(0)).findFirst().orElseThrow();
        assertThat(Tenders.isSuccess(posted)).isTrue();
        assertThat(Tenders.isDuplicate(posted)).isFalse();
        assertThat(Tenders.isSuccess(refused)).isFalse();
        assertThat(Tenders.isDuplicate(refused)).isTrue();
        assertThat(refused.getResponseCode()).isEqualTo(ResponseCode.FAILURE);
        assertThat(refused.getErrorString()).startsWith("Duplicate transactionId tx-dup");
        assertThat(refused.getFinancialTransactionID()).isEqualTo(posted.getFinancialTransactionID());
        assertThat(cis.state().postings().payments()).singleElement()
                .satisfies(p -> assertThat(p.arrivals()).isEqualTo(2));
    }

    @Test
    void concurrentDuplicatesArePostedExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> posts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                posts.add(() -> Tenders.of(client.commitPaymentTransaction(
                        List.of(SampleMessages.cardPayment("1001-2", "20.00", "tx-race"))).get(0))
                        .allMatch(Tenders::isSuccess));
            }
            int successes = 0;
            for (Future<Boolean> answer : pool.invokeAll(posts)) {
                successes += answer.get() ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cis.state().postings().payments()).singleElement()
                .satisfies(p -> assertThat(p.arrivals()).isEqualTo(16));
    }

    @Test
    void tendersWithoutTransactionIdAreAlwaysPosted() {
        PaymentTransaction anonymous = SampleMessages.cardPayment("1001-2", "5", "x");
        Tenders.of(anonymous).forEach(t -> t.setExtensionsList(null));

        client.commitPaymentTransaction(List.of(anonymous));
        client.commitPaymentTransaction(List.of(anonymous));

        assertThat(cis.state().postings().payments()).hasSize(2)
                .allSatisfy(p -> assertThat(p.transactionId()).isNull());
    }

    @Test
    void recordsPaperlessChangesPerAccount() {
        assertThat(client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001-2", true)))).isEmpty();
        client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001-2", true)));
        client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001-2", false),
                SampleMessages.paperless("3003-1", true)));

        assertThat(cis.state().postings().paperless()).extracting(PaperlessPosting::accountNumber,
                PaperlessPosting::ebill, PaperlessPosting::arrivals).containsExactly(
                        tuple("1001-2", "Y", 2),
                        tuple("1001-2", "N", 1),
                        tuple("3003-1", "Y", 1));
        assertThat(cis.state().paperless("1001-2")).hasValue("N");
        assertThat(TAP.sent()).first().asString().contains("<customer objectID=\"1001-2\">",
                "<extName>EBILL</extName><extValue>Y</extValue>");
    }

    @Test
    void refusesPaperlessWithoutAYesOrNo() {
        var customer = SampleMessages.paperless("1001-2", true);
        customer.getExtensionsList().getExtensionsItem().get(0).setExtValue("maybe");

        List<ErrorObject> errors = client.modifyCBDataForCustomer(List.of(customer));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getObjectID()).isEqualTo("1001-2");
            assertThat(e.getErrorString()).contains("EBILL");
        });
        assertThat(cis.state().postings().paperless()).isEmpty();
    }

    @Test
    void recordsHistoryCommentsAndRefusesOverlongOnes() {
        var autopay = SampleMessages.comment("1001-2", "321045080002", "AUTOPAY ON");
        var scheduled = SampleMessages.comment("1001-2", "321045080002", "SCHED_PAY 08152024 156.25 121940013401");
        var overlong = SampleMessages.comment("1001-2", "321045080002", "X".repeat(71));

        List<ErrorObject> errors = client.writeAccountHistoryComments(List.of(autopay, scheduled, overlong));
        client.writeAccountHistoryComments(List.of(autopay));

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getErrorString()).contains("70"));
        assertThat(cis.state().postings().historyComments()).extracting(HistoryCommentPosting::customerId,
                HistoryCommentPosting::serviceLocationId, HistoryCommentPosting::logTime,
                HistoryCommentPosting::comment, HistoryCommentPosting::arrivals).containsExactly(
                        tuple("1001-2", "321045080002", "2020-08-06T00:01:32-05:00",
                                "AUTOPAY ON", 2),
                        tuple("1001-2", "321045080002", "2020-08-06T00:01:32-05:00",
                                "SCHED_PAY 08152024 156.25 121940013401", 1));
    }

    @Test
    void anUnknownAccountIsAClientFault() {
        assertThatThrownBy(() -> client.getPayableItemsList("9999-9"))
                .isInstanceOfSatisfying(MultiSpeakFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo("soap:Client");
                    assertThat(e.faultString()).isEqualTo("Unknown account: 9999-9");
                });
    }

    @Test
    void wrongCredentialsAreAFault() {
        CbClient intruder = CLIENTS.factory().client(endpoint("wrong"));

        assertThatThrownBy(() -> intruder.getPayableItemsList("1001-2"))
                .isInstanceOfSatisfying(MultiSpeakFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo("soap:Client");
                    assertThat(e.faultString()).contains("Authentication failed");
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
        assertThatThrownBy(() -> intruder.commitPaymentTransaction(
                List.of(SampleMessages.cardPayment("1001-2", "1", "tx-intruder"))))
                .isInstanceOf(MultiSpeakFaultException.class);
        assertThat(cis.state().postings().payments()).isEmpty();
    }

    @Test
    void aCallWithoutHeaderIsAFault() {
        HttpResponse<String> reply = http.soap(cis.cbUrl(), "GetPayableItemsList",
                "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                        + "<GetPayableItemsList xmlns=\"http://www.multispeak.org/Version_3.0\">"
                        + "<accountNumber>1001-2</accountNumber></GetPayableItemsList></soap:Body></soap:Envelope>");

        assertThat(reply.statusCode()).isEqualTo(500);
        assertThat(reply.body()).contains("faultcode>soap:Client<", "no MultiSpeakMsgHeader");
    }

    @Test
    void theWsdlIsServedWithItsRealAddress() {
        HttpResponse<String> wsdl = http.get(cis.cbUrl() + "?wsdl");

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("<soap:address location=\"" + cis.cbUrl() + "\"",
                "name=\"CB_ServerSoap\"", "name=\"CB_Server\"",
                "soapAction=\"http://www.multispeak.org/Version_3.0/GetPayableItemsList\"",
                "soapAction=\"http://www.multispeak.org/Version_3.0/CommitPaymentTransaction\"",
                "soapAction=\"http://www.multispeak.org/Version_3.0/ModifyCBDataForCustomer\"",
                "soapAction=\"http://www.multispeak.org/Version_3.0/WriteAccountHistoryComments\"");
    }
}
