package org.ratepayer.enrolments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;

/** Autopay's maximum and a bank account's debit authorization, kept as NACHA asks (docs/payers.md). */
class AutopayTermsIT extends PlatformIT {

    private static final String CARD = "\"card\":{\"number\":\"4111111111111111\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}";
    private static final String BANK = "\"bank\":{\"routingNumber\":\"011000015\",\"accountNumber\":\"123456789\",\"accountType\":\"CHECKING\"}";

    private TestBiller billerWithAccount(String account) {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "a.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "00000001", account, "10/01/2026", "80.00", null).text()).status()).isEqualTo(201);
        return b;
    }

    private Reply put(TestBiller b, String account, String body) {
        return send(request("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/autopay").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aMaximumIsKeptAndShownAndAnUnusableOneChangesNothing() {
        TestBiller b = billerWithAccount("8101-1");
        Reply on = put(b, "8101-1", "{\"enrolled\":true," + CARD + ",\"maximumAmount\":150.00}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.body()).contains("\"maximumAmount\":150.00");
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/8101-1/autopay", b.apiKey()).body()).contains("\"maximumAmount\":150.00");

        for (String bad : new String[] {"0", "-5", "1.005", "1000000"}) {
            Reply r = put(b, "8101-1", "{\"enrolled\":true," + CARD + ",\"maximumAmount\":" + bad + "}");
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("maximumAmount");
        }
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/8101-1/autopay", b.apiKey()).body()).contains("\"maximumAmount\":150.00");
        Reply offWithMaximum = put(b, "8101-1", "{\"enrolled\":false,\"maximumAmount\":10}");
        assertThat(offWithMaximum.status()).isEqualTo(400);
        assertThat(put(b, "8101-1", "{\"enrolled\":true," + CARD + "}").json().has("maximumAmount")).isFalse();
    }

    @Test
    void aBankAccountsAuthorizationIsKeptAndRevokedNeverDeleted() {
        TestBiller b = billerWithAccount("8102-1");
        Reply byApi = put(b, "8102-1", "{\"enrolled\":true," + BANK + "}");
        assertThat(byApi.status()).as(byApi.body()).isEqualTo(200);
        Reply agreed = put(b, "8102-1", "{\"enrolled\":true," + BANK + ",\"achAuthorization\":{\"terms\":\"I authorize monthly debits\","
                + "\"agreedAt\":\"2026-10-02T09:30:00-04:00\",\"agreedFrom\":\"203.0.113.7\"}}");
        assertThat(agreed.status()).as(agreed.body()).isEqualTo(200);

        assertThat(jdbc.sql("""
                select terms || '|' || coalesce(agreed_from, '-') || '|' || (revoked_at is null) from ach_authorization
                where biller_id = ? order by authorization_id""").param(b.bid()).query(String.class).list())
                .containsExactly("Authorization held by the biller, as stated by its API call|-|false",
                        "I authorize monthly debits|203.0.113.7|true");
        assertThat(count("select count(*) from ach_authorization where biller_id = ? and agreed_at = '2026-10-02T13:30:00Z'", b.bid()))
                .isEqualTo(1);

        assertThat(put(b, "8102-1", "{\"enrolled\":true," + CARD + "}").status()).isEqualTo(200);
        assertThat(count("select count(*) from ach_authorization where biller_id = ? and revoked_at is null", b.bid())).isZero();
        assertThat(put(b, "8102-1", "{\"enrolled\":false}").status()).isEqualTo(200);
        assertThat(count("select count(*) from ach_authorization where biller_id = ?", b.bid())).isEqualTo(2);
    }
}
