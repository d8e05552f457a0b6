package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.CisException.Kind;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.CisPosting.ScheduledPayment.Change;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.cis.PostingResult.Status;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.cissim.PostingCounts;
import org.ratepayer.multispeak.FakeCis;
import org.ratepayer.multispeak.Soap;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;

/** DaffronConnector.post against a running simulated Toolbox: results per posting, duplicates, faults. */
class DaffronConnectorPostingTest {

    private static final String USER = "InvoiceCloud";
    private static final String PASSWORD = "pump-secret";
    /** Faults answer with broken or non-SOAP replies on purpose; only real answers are checked. */
    @RegisterExtension
    static final TappedClients CLIENTS = new TappedClients(
            () -> DaffronConnectorPostingTest.cis.state().faults().equals(FaultPlan.NONE));
    private static final WireTap TAP = CLIENTS.tap();
    private static CisSimulator cis;
    private static DaffronConnector connector;
    private static CisBiller biller;

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0).credentials(USER, PASSWORD).build().start();
        connector = new DaffronConnector(CLIENTS.factory());
        biller = TestPostings.biller(cis.cbUrl(), USER, PASSWORD, Duration.ofSeconds(2));
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
    void aKindOfPostingIsConfiguredOnlyWhereItsEndpointSettingIsSet() {
        CisBiller paymentsOnly = TestPostings.biller(Map.of(DaffronSettings.PAYMENT_URL, cis.cbUrl()));
        assertThat(connector.postingConfigured(paymentsOnly, TestPostings.uniquePayment("1001-1", "1.00"))).isTrue();
        assertThat(connector.postingConfigured(paymentsOnly, TestPostings.paperless("1001-1", true))).isFalse();
        assertThat(connector.postingConfigured(paymentsOnly,
                TestPostings.autopay("1001-1", "321045080002", true, TestPostings.SEED_LOG_TIME))).isFalse();
        assertThat(connector.postingConfigured(biller, TestPostings.scheduled(Change.CREATED, "156.25", "121940013401"))).isTrue();
    }

    @Test
    void theDuplicateKeyIsTheTransactionIdSentAndNamesTheSettingThatMakesItUnique() {
        CisPosting.Payment payment = TestPostings.seedPayment();
        org.ratepayer.cis.DuplicateKey seedDefault = connector.duplicateKey(TestPostings.biller(Map.of()), payment).orElseThrow();
        assertThat(seedDefault.value()).isEqualTo(TestPostings.SEED_APPROVAL);
        assertThat(seedDefault.uniqueSetting())
                .isEqualTo("advanced setting 131 Daffron.DataPumpConfigs.TransactionIdSource: PaymentGuid");
        CisBiller guids = TestPostings.biller(Map.of(DaffronSettings.JSON_CONFIGURATION, TestPostings.PAYMENT_GUID_131));
        assertThat(connector.duplicateKey(guids, payment).orElseThrow().value()).isEqualTo(TestPostings.SEED_PAYMENT_GUID.toString());
        CisBiller broken = TestPostings.biller(Map.of(DaffronSettings.JSON_CONFIGURATION,
                "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"Approval\"}}}"));
        assertThatThrownBy(() -> connector.duplicateKey(broken, payment)).isInstanceOf(CisException.class)
                .hasMessageContaining("TransactionIdSource");
    }

    @Test
    void severalPaymentsInOneCallEachGetTheirOwnResultInInputOrder() {
        cis.state().refusePostings("9009-1", "Account 9009-1 is inactive");
        List<CisPosting> payments = List.of(TestPostings.uniquePayment("1001-1", "10.00"),
                TestPostings.uniquePayment("9009-1", "20.00"), TestPostings.uniquePayment("1001-3", "30.50"));

        List<PostingResult> results = connector.post(biller, payments);

        assertThat(TAP.sent()).hasSize(1);
        assertThat(results).extracting(PostingResult::postingId, PostingResult::status).containsExactly(
                tuple(payments.get(0).postingId(), Status.POSTED),
                tuple(payments.get(1).postingId(), Status.FAILED),
                tuple(payments.get(2).postingId(), Status.POSTED));
        assertThat(results.get(0).detail()).startsWith("financialTransactionID TBX");
        assertThat(results.get(1).detail()).isEqualTo(
                "CommitPaymentTransaction answered responseCode Failure: Account 9009-1 is inactive");
        assertThat(cis.state().postings().payments()).extracting(PaymentPosting::accountNumber)
                .containsExactly("1001-1", "1001-3");
    }

    @Test
    void aRepeatedDeliveryIsDuplicateAndNothingIsPostedTwice() {
        List<CisPosting> payments = List.of(TestPostings.uniquePayment("1001-1", "10.00"),
                TestPostings.uniquePayment("1001-2", "20.00"));

        assertThat(connector.post(biller, payments)).extracting(PostingResult::status)
                .containsExactly(Status.POSTED, Status.POSTED);
        List<PostingResult> again = connector.post(biller, payments);

        assertThat(again).extracting(PostingResult::status).containsExactly(Status.DUPLICATE, Status.DUPLICATE);
        assertThat(again).allSatisfy(r -> {
            assertThat(r.delivered()).isTrue();
            assertThat(r.detail()).startsWith("Duplicate transactionId");
        });
        assertThat(cis.state().postings().payments()).hasSize(2).allSatisfy(p -> assertThat(p.arrivals()).isEqualTo(2));
    }

    @Test
    void mixedKindsGoInOneCallPerKindAndAnswerInInputOrder() {
        List<CisPosting> postings = List.of(
                TestPostings.autopay("1001-1", "321045080002", true, TestPostings.SEED_LOG_TIME),
                TestPostings.uniquePayment("1001-1", "10.00"),
                TestPostings.paperless("1001-1", true),
                TestPostings.scheduled(Change.CREATED, "156.25", "121940013401"),
                TestPostings.paperless("9009-1", true),
                TestPostings.donation());
        cis.state().refusePostings("9009-1", "no such customer");

        List<PostingResult> results = connector.post(TestPostings.biller(cis.cbUrl(), USER, PASSWORD,
                Map.of(131, "{\"Daffron\":{\"DataPumpConfigs\":{\"SkipDonationTypes\":true}}}")), postings);

        assertThat(results).extracting(PostingResult::postingId).containsExactlyElementsOf(
                postings.stream().map(CisPosting::postingId).toList());
        assertThat(results).extracting(PostingResult::status).containsExactly(Status.POSTED, Status.POSTED,
                Status.POSTED, Status.POSTED, Status.FAILED, Status.NOT_SENT);
        assertThat(results.get(4).detail()).isEqualTo("ModifyCBDataForCustomer answered: no such customer");
        assertThat(TAP.sent()).hasSize(3);
        assertThat(TAP.sent().get(0)).contains("<WriteAccountHistoryComments");
        assertThat(TAP.sent().get(1)).contains("<CommitPaymentTransaction");
        assertThat(TAP.sent().get(2)).contains("<ModifyCBDataForCustomer");
        assertThat(cis.state().postings().historyComments()).extracting(c -> c.comment())
                .containsExactly("AUTOPAY ON", "SCHED_PAY 08152024 156.25 121940013401");
        assertThat(cis.state().postingCounts()).isEqualTo(new PostingCounts(1, 1, 0, 1, 2, 1));
    }

    @Test
    void aRefusedCommentFailsAloneAndTheOthersArePosted() {
        cis.state().refusePostings("9009-1", "Account 9009-1 is inactive");

        List<PostingResult> results = connector.post(biller, List.of(
                TestPostings.autopay("1001-1", "1", true, TestPostings.SEED_LOG_TIME),
                TestPostings.autopay("9009-1", "2", false, TestPostings.SEED_LOG_TIME)));

        assertThat(results).extracting(PostingResult::status, PostingResult::detail).containsExactly(
                tuple(Status.POSTED, null),
                tuple(Status.FAILED, "WriteAccountHistoryComments answered: Account 9009-1 is inactive"));
    }

    enum Fault {
        DOWN(FaultPlan.serviceDown(), Kind.UNAVAILABLE),
        SOAP_FAULT(FaultPlan.alwaysSoapFault(), Kind.REJECTED),
        MALFORMED(FaultPlan.alwaysMalformed(), Kind.MALFORMED),
        EVERY_CALL_FAILING(FaultPlan.failing(1.0), null);

        final FaultPlan plan;
        final Kind kind;

        Fault(FaultPlan plan, Kind kind) {
            this.plan = plan;
            this.kind = kind;
        }
    }

    private static List<List<CisPosting>> oneDeliveryPerOperation() {
        return List.of(List.of(TestPostings.uniquePayment("1001-1", "10.00")),
                List.of(TestPostings.paperless("1001-1", true)),
                List.of(TestPostings.autopay("1001-1", "1", true, TestPostings.SEED_LOG_TIME)));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultFailsTheWholeCallOfEveryPostingOperationAndPostsNothing(Fault fault) {
        cis.state().setFaults(fault.plan);

        for (List<CisPosting> delivery : oneDeliveryPerOperation()) {
            assertThatThrownBy(() -> connector.post(biller, delivery)).isInstanceOfSatisfying(CisException.class, e -> {
                if (fault.kind != null) {
                    assertThat(e.kind()).isEqualTo(fault.kind);
                } else {
                    assertThat(e.kind()).isIn(Kind.REJECTED, Kind.UNAVAILABLE);
                }
            });
        }
        assertThat(cis.state().postingCounts()).isEqualTo(new PostingCounts(0, 0, 0, 0, 0, 0));
    }

    @Test
    void aLateAnswerIsATimeoutAndTheRetryADuplicate() {
        List<CisPosting> payment = List.of(TestPostings.uniquePayment("1001-1", "42.00"));
        CisBiller impatient = TestPostings.biller(cis.cbUrl(), USER, PASSWORD, Duration.ofMillis(300));
        cis.state().setFaults(FaultPlan.latency(900));

        assertThatThrownBy(() -> connector.post(impatient, payment))
                .isInstanceOfSatisfying(CisException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        cis.state().clearFaults();

        assertThat(connector.post(impatient, payment)).extracting(PostingResult::status)
                .containsExactly(Status.DUPLICATE);
        assertThat(cis.state().postings().payments()).singleElement()
                .satisfies(p -> assertThat(p.arrivals()).isEqualTo(2));
    }

    @Test
    void underATwentyPercentFailureRateEveryCallFailsWholeOrPostsWholeAndRetriesPostEachPaymentOnce() {
        cis.state().setFaults(FaultPlan.failing(0.2));
        List<List<CisPosting>> deliveries = new ArrayList<>();
        IntStream.range(0, 60).forEach(d -> deliveries.add(IntStream.range(0, 5)
                .mapToObj(i -> (CisPosting) TestPostings.uniquePayment("1001-" + d, i + ".25")).toList()));

        int failedCalls = 0;
        int attempts = 0;
        List<List<CisPosting>> pending = deliveries;
        while (!pending.isEmpty() && attempts++ < 50) {
            List<List<CisPosting>> retry = new ArrayList<>();
            for (List<CisPosting> delivery : pending) {
                long before = cis.state().postingCounts().payments();
                try {
                    assertThat(connector.post(biller, delivery)).extracting(PostingResult::status)
                            .containsOnly(Status.POSTED);
                    assertThat(cis.state().postingCounts().payments()).isEqualTo(before + delivery.size());
                } catch (CisException e) {
                    assertThat(e.kind()).isIn(Kind.REJECTED, Kind.UNAVAILABLE);
                    assertThat(cis.state().postingCounts().payments()).as("a failed call posts none of its payments")
                            .isEqualTo(before);
                    failedCalls++;
                    retry.add(delivery);
                }
            }
            pending = retry;
        }

        assertThat(pending).isEmpty();
        assertThat(failedCalls).as("about a fifth of the first 60 calls fail").isBetween(2, 40);
        assertThat(cis.state().postingCounts()).isEqualTo(new PostingCounts(300, 300, 0, 0, 0, 0));
    }

    @Test
    void whenALaterCallOfAMixedDeliveryGetsNoAnswerTheAnsweredOnesStand() {
        Map<Integer, String> settings = new HashMap<>(biller.settings());
        settings.put(DaffronSettings.PAPERLESS_URL, "http://127.0.0.1:9/tbx-daily/services/CB");
        CisBiller halfDown = TestPostings.biller(settings);
        CisPosting payment = TestPostings.uniquePayment("1001-1", "10.00");
        CisPosting paperless = TestPostings.paperless("1001-1", true);

        List<PostingResult> results = connector.post(halfDown, List.of(payment, paperless));

        assertThat(results.get(0).status()).isEqualTo(Status.POSTED);
        assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(1).detail()).startsWith("ModifyCBDataForCustomer got no usable answer (UNAVAILABLE)");
        assertThatThrownBy(() -> connector.post(halfDown, List.of(paperless, payment)))
                .as("when the first call fails, nothing was answered: the delivery throws")
                .isInstanceOfSatisfying(CisException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    void aBillerWithoutTheEndpointSettingIsNotConfiguredAndNothingIsSent() {
        Map<Integer, String> settings = new HashMap<>(biller.settings());
        settings.remove(DaffronSettings.AUTOPAY_URL);
        CisBiller noAutopay = TestPostings.biller(settings);

        assertThatThrownBy(() -> connector.post(noAutopay, List.of(TestPostings.uniquePayment("1001-1", "1"),
                TestPostings.autopay("1001-1", "", true, TestPostings.SEED_LOG_TIME))))
                .isInstanceOfSatisfying(CisException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
                    assertThat(e.getMessage()).contains("advanced setting 17");
                });
        assertThat(TAP.sent()).as("checked before anything was sent").isEmpty();
        assertThat(connector.post(noAutopay, List.of(TestPostings.paperless("1001-1", true))))
                .extracting(PostingResult::status).containsExactly(Status.POSTED);
    }

    @Test
    void anInvalidPaymentSettingIsNotConfigured() {
        Map<Integer, String> settings = new HashMap<>(biller.settings());
        settings.put(DaffronSettings.CARD_PAYMENT_MODES, "WEB");
        CisBiller broken = TestPostings.biller(settings);

        assertThatThrownBy(() -> connector.post(broken, List.of(TestPostings.uniquePayment("1001-1", "1"))))
                .isInstanceOfSatisfying(CisException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
                    assertThat(e.getMessage()).contains("biller 2661", "advanced setting 64");
                });
        assertThat(connector.post(broken, List.of())).isEmpty();
        assertThat(TAP.sent()).isEmpty();
    }

    @Test
    void anAnswerMissingAPaymentIsMalformed() throws Exception {
        try (FakeCis fake = new FakeCis()) {
            fake.answering(request -> FakeCis.Reply.xml(Soap.envelope(Soap.daffronHeader(),
                    "<CommitPaymentTransactionResponse xmlns=\"http://www.multispeak.org/Version_3.0\">"
                            + "<CommitPaymentTransactionResult><paymentTransaction><accountNumber>1001-1</accountNumber>"
                            + "<creditCardPayment><tender><amount>10.00</amount><responseCode>Success</responseCode>"
                            + "</tender></creditCardPayment></paymentTransaction></CommitPaymentTransactionResult>"
                            + "</CommitPaymentTransactionResponse>")));
            CisBiller toFake = TestPostings.biller(fake.url(), USER, PASSWORD, Duration.ofSeconds(2));

            assertThat(connector.post(toFake, List.of(TestPostings.uniquePayment("1001-1", "10.00"))))
                    .extracting(PostingResult::status).containsExactly(Status.POSTED);
            assertThatThrownBy(() -> connector.post(toFake, List.of(TestPostings.uniquePayment("1001-1", "10.00"),
                    TestPostings.uniquePayment("1001-2", "20.00"))))
                    .isInstanceOfSatisfying(CisException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                        assertThat(e.getMessage()).contains("answered 1 paymentTransaction(s) for 2 sent");
                    });
        }
    }
}
