package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.CbEndpoint;
import org.ratepayer.multispeak.SampleMessages;
import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.Tender;

/** Many postings per call, each answered on its own; refusals; running totals. */
class PostingsTest {

    private static CisSimulator cis;
    @RegisterExtension
    static final TappedClients CLIENTS = new TappedClients();
    private static final WireTap TAP = CLIENTS.tap();
    private static CbClient client;
    private final Http http = new Http(cis.adminToken());
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).build().start();
        client = CLIENTS.factory().client(new CbEndpoint(cis.cbUrl(), Accounts.USER, Accounts.PASSWORD, Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
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
    void aRefusedAccountFailsOnlyItsOwnPaymentInACall() {
        cis.state().refusePostings("9009-1", "Account 9009-1 is inactive");

        List<PaymentTransaction> answers = client.commitPaymentTransaction(List.of(
                SampleMessages.cardPayment("1001-2", "10.00", "tx-1"),
                SampleMessages.cardPayment("9009-1", "20.00", "tx-2"),
                SampleMessages.achPayment("1001-3", "30.00", "tx-3")));

        assertThat(answers).extracting(PaymentTransaction::getAccountNumber)
                .containsExactly("1001-2", "9009-1", "1001-3");
        List<Tender> tenders = answers.stream().map(t -> Tenders.of(t).findFirst().orElseThrow()).toList();
        assertThat(tenders).extracting(Tender::getResponseCode, Tender::getErrorString).containsExactly(
                tuple(ResponseCode.SUCCESS, null),
                tuple(ResponseCode.FAILURE, "Account 9009-1 is inactive"),
                tuple(ResponseCode.SUCCESS, null));
        assertThat(Tenders.isDuplicate(tenders.get(1))).isFalse();
        assertThat(Tenders.transactionId(tenders.get(1))).as("the refusal still names its payment").hasValue("tx-2");
        assertThat(cis.state().postings().payments()).extracting(PaymentPosting::transactionId)
                .containsExactly("tx-1", "tx-3");
        assertThat(cis.state().postingCounts()).isEqualTo(new PostingCounts(2, 2, 0, 0, 0, 1));

        cis.state().acceptPostings("9009-1");
        var retry = client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("9009-1", "20.00", "tx-2")));
        assertThat(Tenders.of(retry.get(0))).allMatch(Tenders::isSuccess);
    }

    @Test
    void aRefusedAccountGetsAnErrorObjectForPaperlessAndComments() {
        cis.state().refusePostings("9009-1", null);

        List<ErrorObject> paperless = client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001-2", true),
                SampleMessages.paperless("9009-1", true)));
        List<ErrorObject> comments = client.writeAccountHistoryComments(List.of(
                SampleMessages.comment("9009-1", "1", "AUTOPAY ON"), SampleMessages.comment("1001-2", "2", "AUTOPAY ON")));

        assertThat(paperless).singleElement().satisfies(e -> {
            assertThat(e.getObjectID()).isEqualTo("9009-1");
            assertThat(e.getErrorString()).isEqualTo("Account 9009-1 does not accept postings");
            assertThat(e.getNounType()).isEqualTo("customer");
        });
        assertThat(comments).singleElement().satisfies(e -> assertThat(e.getObjectID()).isEqualTo("9009-1"));
        assertThat(cis.state().postings().paperless()).extracting(PaperlessPosting::accountNumber)
                .containsExactly("1001-2");
        assertThat(cis.state().postings().historyComments()).extracting(HistoryCommentPosting::customerId)
                .containsExactly("1001-2");
        assertThat(cis.state().postingCounts().refused()).isEqualTo(2);
    }

    @Test
    void countsArrivalsAndDuplicates() {
        client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("1001-2", "1", "a"),
                SampleMessages.cardPayment("1001-2", "2", "b")));
        client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("1001-2", "1", "a"),
                SampleMessages.cardPayment("1001-2", "3", "c")));
        client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001-2", true)));
        client.writeAccountHistoryComments(List.of(SampleMessages.comment("1001-2", "1", "AUTOPAY ON")));

        assertThat(cis.state().postingCounts()).isEqualTo(new PostingCounts(3, 4, 1, 1, 1, 0));
    }

    @Test
    void theAdminApiRefusesAcceptsAndSummarises() throws Exception {
        assertThat(http.json("PUT", cis.adminUrl() + "/refusals/9009-1", "{\"reason\":\"closed\"}").statusCode())
                .isEqualTo(200);
        assertThat(http.json("PUT", cis.adminUrl() + "/refusals/9009-2", null).statusCode()).isEqualTo(200);
        JsonNode refusals = json.readTree(http.get(cis.adminUrl() + "/refusals").body());
        assertThat(refusals.path("9009-1").asText()).isEqualTo("closed");
        assertThat(refusals.path("9009-2").asText()).isEqualTo("Account 9009-2 does not accept postings");

        client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("9009-1", "1", "x"),
                SampleMessages.cardPayment("1001-2", "1", "y")));
        JsonNode summary = json.readTree(http.get(cis.adminUrl() + "/postings/summary").body());
        assertThat(summary.path("payments").asLong()).isEqualTo(1);
        assertThat(summary.path("refused").asLong()).isEqualTo(1);

        assertThat(http.json("DELETE", cis.adminUrl() + "/refusals/9009-1", null).statusCode()).isEqualTo(204);
        assertThat(http.json("DELETE", cis.adminUrl() + "/refusals/9009-1", null).statusCode()).isEqualTo(404);
        assertThat(cis.state().refusals()).containsOnlyKeys("9009-2");
        assertThat(http.json("POST", cis.adminUrl() + "/reset", null).statusCode()).isEqualTo(204);
        assertThat(cis.state().refusals()).isEmpty();
        assertThat(cis.state().postingCounts()).isEqualTo(new PostingCounts(0, 0, 0, 0, 0, 0));
    }
}
