package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ratepayer.multispeak.CbEndpoint;
import org.ratepayer.multispeak.SampleMessages;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;

class AdminApiTest {

    private static CisSimulator cis;
    @RegisterExtension
    static final TappedClients CLIENTS = new TappedClients();
    private static final WireTap TAP = CLIENTS.tap();
    private final Http http = new Http(cis.adminToken());
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).build().start();
    }

    @AfterAll
    static void stop() {
        cis.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.json("POST", cis.adminUrl() + "/reset", null).statusCode()).isEqualTo(204);
    }

    private JsonNode read(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void loadsAnAccountWithAmountsAsStringsOrNumbersExactly() throws Exception {
        String account = """
                {"customerName": "Ada Lovelace",
                 "payableItems": [
                   {"description": "Electric", "chargeCode": "EL", "currentAmount": 1234567.89, "pastDueAmount": "0.07",
                    "dueDate": "2024-08-15"},
                   {"description": "Water", "currentAmount": -15.5}],
                 "remainingBalance": "4.93", "remainingDays": 1,
                 "allowableTransactionTypes": ["Cash Only"], "preventCreditCard": true}""";

        HttpResponse<String> put = http.json("PUT", cis.adminUrl() + "/accounts/1001-2", account);

        assertThat(put.statusCode()).isEqualTo(200);
        CisAccount stored = cis.state().account("1001-2").orElseThrow();
        assertThat(stored.payableItems()).extracting(PayableCharge::currentAmount)
                .containsExactly(new BigDecimal("1234567.89"), new BigDecimal("-15.5"));
        assertThat(stored.payableItems().get(0).pastDueAmount()).isEqualTo(new BigDecimal("0.07"));
        assertThat(stored.payableItems().get(1).pastDueAmount()).isEqualTo(BigDecimal.ZERO);
        assertThat(stored.remainingBalance()).isEqualTo(new BigDecimal("4.93"));
        assertThat(stored.preventCreditCard()).isTrue();

        JsonNode got = read(http.get(cis.adminUrl() + "/accounts/1001-2"));
        assertThat(got.at("/payableItems/0/currentAmount").asText()).isEqualTo("1234567.89");
        assertThat(got.at("/payableItems/0/currentAmount").isTextual()).isTrue();
        assertThat(got.at("/payableItems/0/pastDueAmount").asText()).isEqualTo("0.07");
        assertThat(got.at("/payableItems/1/currentAmount").asText()).isEqualTo("-15.5");
        assertThat(got.at("/payableItems/0/dueDate").asText()).isEqualTo("2024-08-15");
        assertThat(got.at("/remainingBalance").asText()).isEqualTo("4.93");

        CLIENTS.factory().client(new CbEndpoint(cis.cbUrl(), Accounts.USER, Accounts.PASSWORD, Duration.ofSeconds(2),
                Duration.ofSeconds(5))).getPayableItemsList("1001-2");
        assertThat(TAP.lastReceived()).contains("<pastDueAmount>0.07</pastDueAmount><currentAmount>1234567.89</currentAmount>",
                "<currentAmount>-15.5</currentAmount>", "<extValue>4.93</extValue>", "<extValue>Y</extValue>");
    }

    @Test
    void loadsAccountsInBulkAndListsThem() throws Exception {
        String accounts = """
                [{"accountNumber": "1001-1", "payableItems": [{"description": "Electric", "currentAmount": "10"}]},
                 {"accountNumber": "1001-2", "payableItems": [{"description": "Water", "currentAmount": 1E+3}]}]""";

        HttpResponse<String> post = http.json("POST", cis.adminUrl() + "/accounts", accounts);

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(read(post).get("loaded").asInt()).isEqualTo(2);
        JsonNode all = read(http.get(cis.adminUrl() + "/accounts"));
        assertThat(all).hasSize(2);
        assertThat(all.at("/1/payableItems/0/currentAmount").asText()).isEqualTo("1000");
    }

    @Test
    void listsEverythingPostedWithArrivalCountsInArrivalOrder() throws Exception {
        cis.state().putAccount(Accounts.prepaid());
        var client = CLIENTS.factory().client(new CbEndpoint(cis.cbUrl(), Accounts.USER, Accounts.PASSWORD,
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
        client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("1001-2", "232.10", "tx-1")));
        client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001-2", true)));
        client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("1001-2", "232.10", "tx-1"),
                SampleMessages.cashPayment("1001-2", "0.07", "tx-2")));
        client.writeAccountHistoryComments(List.of(SampleMessages.comment("1001-2", "321045080002", "AUTOPAY ON")));

        JsonNode postings = read(http.get(cis.adminUrl() + "/postings"));

        assertThat(postings.get("payments")).hasSize(2);
        assertThat(postings.at("/payments/0/transactionId").asText()).isEqualTo("tx-1");
        assertThat(postings.at("/payments/0/arrivals").asInt()).isEqualTo(2);
        assertThat(postings.at("/payments/0/amount").asText()).isEqualTo("232.10");
        assertThat(postings.at("/payments/0/tender").asText()).isEqualTo("creditCardPayment");
        assertThat(postings.at("/payments/1/amount").asText()).isEqualTo("0.07");
        assertThat(postings.at("/payments/1/extensions/1/name").asText()).isEqualTo("billerReference");
        assertThat(postings.at("/payments/0/sequence").asLong()).isLessThan(postings.at("/paperless/0/sequence").asLong());
        assertThat(postings.at("/paperless/0/ebill").asText()).isEqualTo("Y");
        assertThat(postings.at("/historyComments/0/comment").asText()).isEqualTo("AUTOPAY ON");
        assertThat(read(http.get(cis.adminUrl() + "/accounts/1001-2")).get("ebill").asText()).isEqualTo("Y");
    }

    @Test
    void setsReadsAndClearsFaults() throws Exception {
        HttpResponse<String> put = http.json("PUT", cis.adminUrl() + "/faults",
                "{\"latencyMs\": 250, \"failureRate\": 0.25}");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(cis.state().faults()).isEqualTo(new FaultPlan(250, 0.25, false, false, false));
        assertThat(read(http.get(cis.adminUrl() + "/faults")).get("latencyMs").asLong()).isEqualTo(250);

        assertThat(http.json("DELETE", cis.adminUrl() + "/faults", null).statusCode()).isEqualTo(200);
        assertThat(cis.state().faults()).isEqualTo(FaultPlan.NONE);
    }

    @Test
    void resetForgetsEverything() {
        cis.state().putAccount(Accounts.prepaid());
        cis.state().setFaults(FaultPlan.serviceDown());

        assertThat(http.json("POST", cis.adminUrl() + "/reset", null).statusCode()).isEqualTo(204);

        assertThat(cis.state().accounts()).isEmpty();
        assertThat(cis.state().faults()).isEqualTo(FaultPlan.NONE);
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThat(http.json("PUT", cis.adminUrl() + "/accounts/1", "{not json").statusCode()).isEqualTo(400);
        assertThat(http.json("PUT", cis.adminUrl() + "/accounts/1", "{\"remainingBalence\": 1}").statusCode())
                .isEqualTo(400);
        assertThat(http.json("PUT", cis.adminUrl() + "/accounts/1", "{\"accountNumber\": \"2\"}").statusCode())
                .isEqualTo(400);
        assertThat(http.json("PUT", cis.adminUrl() + "/faults", "{\"failureRate\": 2}").statusCode()).isEqualTo(400);
        assertThat(http.json("POST", cis.adminUrl() + "/accounts", "[{\"payableItems\": []}]").statusCode())
                .isEqualTo(400);
        assertThat(http.get(cis.adminUrl() + "/accounts/unknown").statusCode()).isEqualTo(404);
        assertThat(http.get(cis.adminUrl() + "/nothing").statusCode()).isEqualTo(404);
        assertThat(http.json("DELETE", cis.adminUrl() + "/postings", null).statusCode()).isEqualTo(405);
    }

    @Test
    void strangersGet401AndChangeNothing() {
        Http stranger = new Http();
        cis.state().putAccount(Accounts.prepaid());
        cis.state().setFaults(FaultPlan.latency(5));

        for (HttpResponse<String> r : List.of(stranger.json("POST", cis.adminUrl() + "/reset", null),
                stranger.json("PUT", cis.adminUrl() + "/faults", "{\"down\": true}"),
                stranger.json("DELETE", cis.adminUrl() + "/accounts/1001-2", null),
                stranger.get(cis.adminUrl() + "/accounts"),
                stranger.get(cis.adminUrl() + "/postings"))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cis-simulator admin\"");
            assertThat(r.body()).contains("Authorization: Bearer").doesNotContain("1001-2");
        }
        assertThat(cis.state().accounts()).hasSize(1);
        assertThat(cis.state().faults()).isEqualTo(FaultPlan.latency(5));
    }
}
