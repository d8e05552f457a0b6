package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/v1/billers/{bid}/payments} (docs/api.md, "Listing payments"): filters, newest first, paging,
 * bad values refused naming the parameter, and one biller's key seeing nothing of another's.
 */
class PaymentListIT extends PlatformIT {

    private static final String VISA = "4111111111111111";
    private static final String DECLINED = "4000000000000002";

    @Autowired
    PaymentService payments;

    private TestBiller b;
    /** Payment GUIDs in the order they were made, oldest first. */
    private final List<String> made = new ArrayList<>();

    private String pay(TestBiller biller, String channel, String account, String amount, String card) {
        Reply paid = send(request("/api/v1/billers/" + biller.bid() + "/payments").header("X-Api-Key", biller.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"%s","accountNumber":"%s","amount":%s,"kioskId":"K1",
                         "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(channel, account, amount, card))));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        return paid.json().get("paymentGuid").asText();
    }

    /** Puts a payment at a moment of our choosing (the database stamps payments with its own clock). */
    private void at(String guid, String instant) {
        jdbc.sql("update payment set created_at = ? where payment_guid = ?").params(OffsetDateTime.parse(instant), UUID.fromString(guid))
                .update();
    }

    private TestBiller billerWithBills() {
        TestBiller biller = newBiller();
        BifText file = new BifText(biller.guidText());
        file.invoice("6101100000001", "6101-1", "10/01/2026", "50.00", null);
        file.invoice("6102100000001", "6102-1", "10/01/2026", "20.00", null);
        assertThat(upload(biller, biller.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return biller;
    }

    @BeforeEach
    void fivePayments() {
        b = billerWithBills();
        // newBiller's zone is the Daffron template's, America/New_York (UTC-5 in November)
        made.add(pay(b, "IVR", "6101-1", "50.00", VISA));
        at(made.get(0), "2026-11-01T15:00:00Z");
        made.add(pay(b, "KIOSK", "6102-1", "20.00", VISA));
        at(made.get(1), "2026-11-03T03:30:00Z"); // 22:30 on 2 November in New York
        made.add(pay(b, "IVR", "6102-1", "20.00", DECLINED));
        at(made.get(2), "2026-11-03T05:30:00Z"); // 00:30 on 3 November in New York
        PaymentOutcome.Taken both = (PaymentOutcome.Taken) payments.submit(b.bid(), UUID.randomUUID().toString(),
                PaymentRequest.ofAccounts(Channel.CSRWEB, List.of(new PaymentRequest.Allocation("6101-1", null, new BigDecimal("50.00")),
                        new PaymentRequest.Allocation("6102-1", null, new BigDecimal("20.00"))), new BigDecimal("70.00"),
                        new CardDetails(VISA, 12, 2099, "123", "49331"), null, null, null, null));
        made.add(both.paymentGuid().toString());
        at(made.get(3), "2026-11-04T12:00:00Z");
        made.add(pay(b, "POS", "6101-1", "50.00", VISA));
        at(made.get(4), "2026-11-05T12:00:00Z");
    }

    private Reply list(TestBiller biller, String query) {
        return getJson("/api/v1/billers/" + biller.bid() + "/payments" + query, biller.apiKey());
    }

    private List<String> guids(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("paymentGuid").asText()));
        return out;
    }

    private List<String> made(int... indexes) {
        List<String> out = new ArrayList<>();
        for (int i : indexes) {
            out.add(made.get(i));
        }
        return out;
    }

    @Test
    void everyPaymentNewestFirstWithItsAllocationsAndMethodButNeverTheCardNumber() {
        Reply all = list(b, "");

        assertThat(guids(all)).containsExactlyElementsOf(made(4, 3, 2, 1, 0));
        assertThat(all.json().get("page").asInt()).isEqualTo(1);
        assertThat(all.json().get("size").asInt()).isEqualTo(20);
        assertThat(all.json().get("totalItems").asLong()).isEqualTo(5);
        assertThat(all.json().get("totalPages").asInt()).isEqualTo(1);
        JsonNode both = all.json().get("items").get(1);
        assertThat(both.get("accountNumber").asText()).isEqualTo("6101-1");
        assertThat(both.get("amount").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(both.get("fee").decimalValue()).isEqualByComparingTo("0");
        assertThat(both.get("channel").asText()).isEqualTo("CSRWEB");
        assertThat(both.get("status").asText()).isEqualTo("APPROVED");
        assertThat(OffsetDateTime.parse(both.get("createdAt").asText())).isAtSameInstantAs(OffsetDateTime.parse("2026-11-04T12:00:00Z"));
        assertThat(both.get("allocations")).hasSize(2);
        assertThat(both.get("allocations").get(0).get("accountNumber").asText()).isEqualTo("6101-1");
        assertThat(both.get("allocations").get(0).get("invoiceNumber").asText()).isEqualTo("6101100000001");
        assertThat(both.get("allocations").get(0).get("amount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(both.get("allocations").get(1).get("accountNumber").asText()).isEqualTo("6102-1");
        assertThat(both.get("allocations").get(1).get("amount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(both.get("method").get("type").asText()).isEqualTo("CARD");
        assertThat(both.get("method").get("brand").asText()).isEqualTo("VISA");
        assertThat(both.get("method").get("last4").asText()).isEqualTo("1111");
        assertThat(all.body()).doesNotContain(VISA).doesNotContain("methodToken").doesNotContain("token");
        assertThat(all.json().get("items").get(4).get("allocations")).hasSize(1);
    }

    @Test
    void filtersByAccountChannelStatusAndTheBillersDays() {
        assertThat(guids(list(b, "?account=6102-1"))).as("a payment of several accounts is listed under each")
                .containsExactlyElementsOf(made(3, 2, 1));
        assertThat(guids(list(b, "?channel=ivr"))).containsExactlyElementsOf(made(2, 0));
        assertThat(guids(list(b, "?status=DECLINED"))).containsExactlyElementsOf(made(2));
        assertThat(guids(list(b, "?account=6102-1&channel=IVR&status=approved"))).isEmpty();
        assertThat(guids(list(b, "?from=2026-11-02&to=2026-11-02"))).as("22:30 in New York is still 2 November there")
                .containsExactlyElementsOf(made(1));
        assertThat(guids(list(b, "?from=2026-11-03"))).containsExactlyElementsOf(made(4, 3, 2));
        assertThat(guids(list(b, "?to=2026-11-04"))).as("to includes its whole day").containsExactlyElementsOf(made(3, 2, 1, 0));
        assertThat(guids(list(b, "?from=2026-11-03&to=2026-11-04&channel=CSRWEB"))).containsExactlyElementsOf(made(3));
    }

    @Test
    void pagesOfTwoCoverEveryPaymentOnceInOrder() {
        Reply first = list(b, "?size=2");
        Reply second = list(b, "?size=2&page=2");
        Reply third = list(b, "?size=2&page=3");
        Reply beyond = list(b, "?size=2&page=4");

        assertThat(guids(first)).containsExactlyElementsOf(made(4, 3));
        assertThat(guids(second)).containsExactlyElementsOf(made(2, 1));
        assertThat(guids(third)).containsExactlyElementsOf(made(0));
        assertThat(guids(beyond)).isEmpty();
        assertThat(third.json().get("totalItems").asLong()).isEqualTo(5);
        assertThat(third.json().get("totalPages").asInt()).isEqualTo(3);
        assertThat(guids(list(b, "?size=100"))).hasSize(5);
    }

    @Test
    void aBadValueIsRefusedNamingItsParameter() {
        String[][] cases = {
                {"?channel=PHONE", "channel"}, {"?status=PAID", "status"}, {"?from=2026-13-01", "from"},
                {"?to=yesterday", "to"}, {"?from=2026-11-05&to=2026-11-04", "to"}, {"?page=0", "page"},
                {"?page=-1", "page"}, {"?page=abc", "page"}, {"?size=101", "size"}, {"?size=0", "size"},
                {"?size=99999999999999", "size"}, {"?account=" + "9".repeat(65), "account"}};
        for (String[] c : cases) {
            Reply r = list(b, c[0]);
            assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void anotherBillersKeySeesNothingOfThisBillersAndTheOperatorSeesAll() {
        TestBiller other = billerWithBills();
        String theirs = pay(other, "IVR", "6101-1", "50.00", VISA);

        Reply withOtherKey = getJson("/api/v1/billers/" + b.bid() + "/payments", other.apiKey());
        assertThat(withOtherKey.status()).isEqualTo(403);
        assertThat(withOtherKey.body()).doesNotContain(made.get(0));
        assertThat(guids(list(other, ""))).containsExactly(theirs);
        assertThat(guids(list(other, "?account=6101-1"))).containsExactly(theirs);
        assertThat(send(request("/api/v1/billers/" + b.bid() + "/payments").GET()).status()).isEqualTo(401);
        Reply operator = send(asOperator(request("/api/v1/billers/" + b.bid() + "/payments?size=1")));
        assertThat(guids(operator)).containsExactlyElementsOf(made(4));
    }
}
