package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.CisPosting.ScheduledPayment.Change;
import org.ratepayer.cis.CisPosting.Tender;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.cis.PostingResult.Status;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.multispeak.OfficialSchema;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;
import org.ratepayer.multispeak.XmlShape;

/**
 * Golden tests: what DaffronConnector.post puts on the wire is the seed's message, element for element
 * and value for value, under every setting that changes it. The SOAP body the client sent is captured
 * and compared in a canonical form (prefixes and indentation do not matter, element text does); every
 * request and every simulator reply is valid against the official MultiSpeak schema.
 */
class DataPumpWireTest {

    private static final String USER = "InvoiceCloud";
    private static final String PASSWORD = "pump-secret";
    @RegisterExtension
    static final TappedClients CLIENTS = new TappedClients();
    private static final WireTap TAP = CLIENTS.tap();
    private static CisSimulator cis;
    private static DaffronConnector connector;

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0).credentials(USER, PASSWORD).build().start();
        connector = new DaffronConnector(CLIENTS.factory());
    }

    @AfterAll
    static void stop() {
        cis.close();
    }

    @BeforeEach
    void reset() {
        cis.state().reset();
    }

    @Test
    void theOfficialSchemaIsThereToCheckTheWire() {
        assertThat(OfficialSchema.get()).isNotNull();
    }

    private static CisBiller biller(Map<Integer, String> settings) {
        return TestPostings.biller(cis.cbUrl(), USER, PASSWORD, settings);
    }

    private static List<PostingResult> post(Map<Integer, String> settings, CisPosting... postings) {
        return connector.post(biller(settings), List.of(postings));
    }

    /** The one request sent, as its body's canonical shape; its header carried the endpoint's credentials. */
    private static String sentBody() {
        assertThat(TAP.sent()).hasSize(1);
        assertThat(TAP.lastSent()).contains("UserID=\"" + USER + "\"", "Pwd=\"" + PASSWORD + "\"");
        return XmlShape.body(TAP.lastSent());
    }

    static Stream<Arguments> seedPaymentVariants() {
        String guid = TestPostings.SEED_PAYMENT_GUID.toString();
        String approval = TestPostings.SEED_APPROVAL;
        return Stream.of(
                Arguments.of("the seed: setting 131 TransactionIdSource PaymentGuid",
                        Map.of(131, TestPostings.PAYMENT_GUID_131), "232.1", guid),
                Arguments.of("no setting 131: the approval code", Map.of(), "232.1", approval),
                Arguments.of("setting 131 without DataPumpConfigs: the approval code",
                        Map.of(131, "{\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}}"), "232.1", approval),
                Arguments.of("setting 35 = 1", Map.of(35, "1", 131, TestPostings.PAYMENT_GUID_131), "232.1", guid),
                Arguments.of("setting 35 = 2: two decimals", Map.of(35, "2", 131, TestPostings.PAYMENT_GUID_131),
                        "232.10", guid),
                Arguments.of("setting 35 = 2, approval code", Map.of(35, "2"), "232.10", approval),
                Arguments.of("setting 64 without the WEB channel: WEB", Map.of(64, "2(CSRWEB)|8(POS)"), "232.1",
                        approval),
                Arguments.of("SkipDonationTypes does not touch other payments", Map.of(131,
                        "{\"Daffron\":{\"DataPumpConfigs\":{\"SkipDonationTypes\":true,\"TransactionIdSource\":\"PaymentGuid\"}}}"),
                        "232.1", guid));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedPaymentVariants")
    void theSeedsCardPayment(String variant, Map<Integer, String> settings, String wireAmount, String transactionId) {
        List<PostingResult> results = post(settings, TestPostings.seedPayment());

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.seedCommitPayment(wireAmount, transactionId, "WEB")));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(Status.POSTED));
        assertThat(cis.state().postings().payments()).singleElement().satisfies(p -> {
            assertThat(p.amount().toPlainString()).isEqualTo(wireAmount);
            assertThat(p.transactionId()).isEqualTo(transactionId);
        });
    }

    @ParameterizedTest(name = "{0} {1} from channel {2} is {5}")
    @CsvSource(delimiter = ';', value = {
            "CARD; creditCardPayment; 0; 0(WEB)|2(CSRWEB)|8(POS); ; WEB",
            "CARD; creditCardPayment; 2; 0(WEB)|2(CSRWEB)|8(POS); ; CSRWEB",
            "CARD; creditCardPayment; 8; 0(WEB)|2(CSRWEB)|8(POS); ; POS",
            "CARD; creditCardPayment; 3; 0(WEB)|2(CSRWEB)|8(POS); ; WEB",
            "CARD; creditCardPayment; 2; ; ; WEB",
            "CARD; creditCardPayment; 5; 5(IVR)|0(WEB); ; OBD",
            "ACH; achPayment; 2; 2(CSRWEB); 2(CSRACH)|3(IVRACH); CSRACH",
            "ACH; achPayment; 3; ; 2(CSRACH)|3(IVRACH); IVRACH",
            "ACH; achPayment; 8; 8(POS); 2(CSRACH); WEB",
            "ACH; achPayment; 5; ; 5(EFT); OBD",
            "CASH; cashPayment; 8; 8(CARDPOS); 8(ACHPOS); POS"})
    void paymentModeFromSettings64And65(Tender tender, String element, int channel, String cardModes, String achModes,
                                        String mode) {
        Map<Integer, String> settings = new HashMap<>();
        if (cardModes != null) {
            settings.put(64, cardModes);
        }
        if (achModes != null) {
            settings.put(65, achModes);
        }

        post(settings, TestPostings.payment("35909001", tender, "232.10", channel));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.commitPayment(element, "35909001", "232.1", mode,
                SeedMessages.extension("transactionId", TestPostings.SEED_APPROVAL))));
    }

    @Test
    void kioskPaymentsAddTheKioskIdAsBillerReference() {
        post(Map.of(), TestPostings.kioskCash("BHappy"));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.commitPayment("cashPayment", "1001", "20", "KIOSK",
                SeedMessages.extension("transactionId", TestPostings.SEED_APPROVAL),
                SeedMessages.extension("billerReference", "BHappy"))));
    }

    @ParameterizedTest
    @CsvSource({"15.00, 1, 15", "0.07, 1, 0.07", "100.00, 1, 100", "1234567.89, 1, 1234567.89", "15, 2, 15.00",
            "0.7, 2, 0.70"})
    void amountsAreExactOnTheWire(String amount, String serviceVersion, String wire) {
        post(Map.of(35, serviceVersion), TestPostings.payment("35909001", Tender.CARD, amount, 0));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.commitPayment("creditCardPayment", "35909001",
                wire, "WEB", SeedMessages.extension("transactionId", TestPostings.SEED_APPROVAL))));
        assertThat(cis.state().postings().payments().get(0).amount()).isEqualTo(new BigDecimal(wire));
    }

    @Test
    void donationsAreNeverSentWhenSkipDonationTypes() {
        CisPosting.Payment donation = TestPostings.donation();

        List<PostingResult> results = post(Map.of(131,
                "{ \"Daffron\": { \"DataPumpConfigs\": { \"SkipDonationTypes\": true } } }"), donation);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.postingId()).isEqualTo(donation.postingId());
            assertThat(r.status()).isEqualTo(Status.NOT_SENT);
        });
        assertThat(TAP.sent()).isEmpty();
        assertThat(cis.state().postings().payments()).isEmpty();

        assertThat(post(Map.of(), donation)).singleElement()
                .satisfies(r -> assertThat(r.status()).as("without the setting they are posted").isEqualTo(Status.POSTED));
    }

    @ParameterizedTest
    @CsvSource({"true, Y", "false, N"})
    void theSeedsPaperlessChange(boolean enrolled, String flag) {
        List<PostingResult> results = post(Map.of(), TestPostings.paperless("1001", enrolled));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.ebill("1001", flag)));
        assertThat(results).extracting(PostingResult::status).containsExactly(Status.POSTED);
        assertThat(cis.state().paperless("1001")).hasValue(flag);
    }

    @Test
    void theSeedsAutopayComment() {
        post(Map.of(), TestPostings.autopay("1001", "321045080002", true, TestPostings.SEED_LOG_TIME));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.historyComment("1001", "321045080002",
                "2020-08-06T00:01:32-05:00", "AUTOPAY ON")));
        assertThat(TAP.lastSent()).contains("2020-08-06T00:01:32-05:00</");
    }

    @Test
    void autopayOffWithoutLocationStillSendsTheLocationAndNoFractionsOfSeconds() {
        post(Map.of(), TestPostings.autopay("1001-2", "", false, OffsetDateTime.parse("2024-01-23T17:05:09.123Z")));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.historyComment("1001-2", "",
                "2024-01-23T11:05:09-06:00", "AUTOPAY OFF")));
        assertThat(cis.state().postings().historyComments()).singleElement()
                .satisfies(c -> assertThat(c.logTime()).isEqualTo("2024-01-23T11:05:09-06:00"));
    }

    /**
     * SPEC C1: logTime is the biller's wall clock with its offset as seed 002 writes it, ±hh:mm and never
     * Z, on the serialized SOAP itself and as the CIS reads it, whatever offset the change was recorded at.
     */
    @ParameterizedTest
    @CsvSource({"America/New_York, 2026-12-04T19:19:39Z, 2026-12-04T14:19:39-05:00",
            "America/New_York, 2026-07-04T18:19:39Z, 2026-07-04T14:19:39-04:00",
            "UTC, 2026-12-04T14:19:39-05:00, 2026-12-04T19:19:39+00:00",
            "Etc/UTC, 2026-12-04T19:19:39Z, 2026-12-04T19:19:39+00:00"})
    void logTimeCarriesTheBillersOffsetOnTheWire(String zone, String at, String logTime) {
        CisBiller biller = TestPostings.biller(cis.cbUrl(), USER, PASSWORD, Map.of());
        biller = new CisBiller(biller.bid(), biller.settings(), biller.options(), biller.timeout(), ZoneId.of(zone));

        connector.post(biller, List.of(TestPostings.autopay("1001", "321045080002", true, OffsetDateTime.parse(at))));

        assertThat(TAP.lastSent()).contains("logTime>" + logTime + "</").doesNotContain("Z</");
        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.historyComment("1001", "321045080002", logTime,
                "AUTOPAY ON")));
        assertThat(cis.state().postings().historyComments()).singleElement()
                .satisfies(c -> assertThat(c.logTime()).isEqualTo(logTime));
    }

    @ParameterizedTest
    @CsvSource({"CREATED, 156.25, SCHED_PAY 08152024 156.25 121940013401",
            "UPDATED, 156.25, SCHED_PAY_UPDT 08152024 156.25 121940013401",
            "CANCELLED, 156.2, SCHED_PAY_CNCL 08152024 156.20 121940013401"})
    void theSeedsScheduledPaymentComments(Change change, String amount, String comment) {
        post(Map.of(), TestPostings.scheduled(change, amount, "121940013401"));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.historyComment("1001", "321045080002",
                "2020-08-06T00:01:32-05:00", comment)));
    }

    @Test
    void anOverlongCommentIsNeverSent() {
        CisPosting.ScheduledPayment overlong = TestPostings.scheduled(Change.UPDATED, "156.25", "1".repeat(40));

        assertThat(post(Map.of(), overlong)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.detail()).contains("71 characters");
        });
        assertThat(TAP.sent()).isEmpty();
    }

    @Test
    void severalPostingsOfAKindShareOneCall() {
        CisPosting.Payment first = new CisPosting.Payment(UUID.randomUUID(), "35909001",
                TestPostings.SEED_PAYMENT_GUID, Tender.CARD, new BigDecimal("232.10"), "A01", 0, null, false);
        CisPosting.Payment second = new CisPosting.Payment(UUID.randomUUID(), "1001-2", UUID.randomUUID(),
                Tender.ACH, new BigDecimal("15"), "A02", 2, null, false);

        post(Map.of(65, "2(CSRACH)"), first, second);

        assertThat(sentBody()).isEqualTo(XmlShape.of("""
                <CommitPaymentTransaction xmlns="http://www.multispeak.org/Version_3.0"><transactions>
                  <paymentTransaction><accountNumber>35909001</accountNumber><creditCardPayment><tender>
                    <extensionsList><extensionsItem><extName>transactionId</extName><extValue>A01</extValue></extensionsItem></extensionsList>
                    <amount>232.1</amount><authorizationCode>A01</authorizationCode><paymentMode>WEB</paymentMode>
                  </tender></creditCardPayment></paymentTransaction>
                  <paymentTransaction><accountNumber>1001-2</accountNumber><achPayment><tender>
                    <extensionsList><extensionsItem><extName>transactionId</extName><extValue>A02</extValue></extensionsItem></extensionsList>
                    <amount>15</amount><authorizationCode>A02</authorizationCode><paymentMode>CSRACH</paymentMode>
                  </tender></achPayment></paymentTransaction>
                </transactions></CommitPaymentTransaction>"""));
    }

    @Test
    void callsUseTheEndpointAndCredentialsOfTheirKind() {
        Map<Integer, String> settings = new HashMap<>();
        settings.put(11, cis.cbUrl());
        settings.put(12, USER);
        settings.put(13, PASSWORD);
        settings.put(14, cis.cbUrl());
        settings.put(15, USER);
        settings.put(16, "paperless-wrong");
        settings.put(17, "http://127.0.0.1:9/unused");
        CisBiller biller = TestPostings.biller(settings);

        assertThat(connector.post(biller, List.of(TestPostings.seedPayment()))).extracting(PostingResult::status)
                .containsExactly(Status.POSTED);
        assertThatThrownBy(() -> connector.post(biller,
                List.of(TestPostings.paperless("1001", true))))
                .isInstanceOfSatisfying(CisException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CisException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("Authentication failed").doesNotContain("paperless-wrong");
                });
        assertThat(TAP.sent().get(1)).contains("Pwd=\"paperless-wrong\"");
    }

    @Test
    void aTimeoutIsTheBillersOwn() {
        CisBiller slow = TestPostings.biller(cis.cbUrl(), USER, PASSWORD, Duration.ofMillis(300));
        cis.state().setFaults(FaultPlan.latency(800));

        assertThatThrownBy(() -> connector.post(slow,
                List.of(TestPostings.paperless("1001", true))))
                .isInstanceOfSatisfying(CisException.class,
                        e -> assertThat(e.kind()).isEqualTo(CisException.Kind.TIMEOUT));
    }
}
