package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.CisPosting.Payment.Allocation;
import org.ratepayer.cis.CisPosting.Tender;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.cis.PostingResult.Status;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;
import org.ratepayer.multispeak.XmlShape;

/**
 * A payment of several accounts on the wire (docs/postings.md, "Payments of several accounts"): one
 * paymentTransaction per account in one CommitPaymentTransaction, each with its own amount and its own
 * transactionId, the CIS's duplicate key of each being the id it was sent with. Every message is checked
 * against the official MultiSpeak schema by {@link TappedClients}.
 */
class AllocationWireTest {

    private static final String USER = "InvoiceCloud";
    private static final String PASSWORD = "pump-secret";
    private static final UUID FIRST = UUID.fromString("6f1c1f55-5a9e-4c57-9b1e-3d0f2a0c0001");
    private static final UUID SECOND = UUID.fromString("6f1c1f55-5a9e-4c57-9b1e-3d0f2a0c0002");
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

    private static CisPosting.Payment part(String account, String amount, Allocation allocation) {
        return new CisPosting.Payment(UUID.randomUUID(), account, TestPostings.SEED_PAYMENT_GUID, Tender.CARD,
                new BigDecimal(amount), TestPostings.SEED_APPROVAL, 0, null, false).withAllocation(allocation);
    }

    private static String transaction(String account, String amount, String transactionId) {
        return """
                <paymentTransaction>
                  <accountNumber>%s</accountNumber>
                  <creditCardPayment>
                    <tender>
                      <extensionsList><extensionsItem><extName>transactionId</extName><extValue>%s</extValue></extensionsItem></extensionsList>
                      <amount>%s</amount>
                      <authorizationCode>A01 - Approved (EXACT MATCH)</authorizationCode>
                      <paymentMode>WEB</paymentMode>
                    </tender>
                  </creditCardPayment>
                </paymentTransaction>
                """.formatted(account, transactionId, amount);
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("setting 131 TransactionIdSource PaymentGuid: each allocation's GUID",
                        Map.of(131, TestPostings.PAYMENT_GUID_131), FIRST.toString(), SECOND.toString()),
                Arguments.of("no setting 131: the approval code and the allocation's position", Map.<Integer, String>of(),
                        TestPostings.SEED_APPROVAL + "-1", TestPostings.SEED_APPROVAL + "-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void twoAccountsOfOnePaymentAreTwoPaymentTransactionsWithTheirOwnAmountsAndIds(String variant, Map<Integer, String> settings,
            String firstId, String secondId) {
        CisBiller biller = TestPostings.biller(cis.cbUrl(), USER, PASSWORD, settings);
        List<CisPosting> parts = List.of(part("35909001", "100.10", new Allocation(FIRST, 1, 2)),
                part("35909002", "32.00", new Allocation(SECOND, 2, 2)));

        List<PostingResult> results = connector.post(biller, parts);

        assertThat(TAP.sent()).hasSize(1);
        assertThat(XmlShape.body(TAP.lastSent())).isEqualTo(XmlShape.of("""
                <CommitPaymentTransaction xmlns="http://www.multispeak.org/Version_3.0">
                  <transactions>%s%s</transactions>
                </CommitPaymentTransaction>
                """.formatted(transaction("35909001", "100.1", firstId), transaction("35909002", "32", secondId))));
        assertThat(results).extracting(PostingResult::status).containsExactly(Status.POSTED, Status.POSTED);
        assertThat(cis.state().postings().payments()).extracting(p -> p.accountNumber(), p -> p.amount().toPlainString(),
                p -> p.transactionId()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("35909001", "100.1", firstId),
                        org.assertj.core.groups.Tuple.tuple("35909002", "32", secondId));
        assertThat(connector.duplicateKey(biller, (CisPosting.Payment) parts.get(0)).orElseThrow().value()).isEqualTo(firstId);
        assertThat(connector.duplicateKey(biller, (CisPosting.Payment) parts.get(1)).orElseThrow().value()).isEqualTo(secondId);

        TAP.clear();
        assertThat(connector.post(biller, parts)).as("sent again after a lost answer: the CIS keeps one of each")
                .extracting(PostingResult::status).containsExactly(Status.DUPLICATE, Status.DUPLICATE);
        assertThat(cis.state().postings().payments()).hasSize(2);
    }
}
