package org.ratepayer.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;

/**
 * Setting 1006 end to end (docs/cis-account-number.md): with CUSTOM2_CUSTOM3:3, account 6101-1 (Custom2
 * 6101, Custom3 1 in its file) is asked for and posted to the CIS as 6101001; the posting records the
 * parts it was queued with, and the platform keeps calling the account 6101-1.
 */
class CisAccountNumberIT extends CisSimulatorIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    /** Every CIS endpoint on the simulator, setting 1006 as given, and one bill for {@code account}. */
    private TestBiller biller(String setting1006, String account) {
        TestBiller b = newBiller();
        for (int url : new int[] {8, 11, 14, 17}) {
            billerService.setSetting(b.bid(), url, TextNode.valueOf(cis.cbUrl()), "test");
            billerService.setSetting(b.bid(), url + 1, TextNode.valueOf(CIS_USER), "test");
            billerService.setSetting(b.bid(), url + 2, TextNode.valueOf(CIS_PASSWORD), "test");
        }
        if (setting1006 != null) {
            Reply set = operatorPut("/api/v1/billers/" + b.bid() + "/settings/1006", "{\"value\":\"" + setting1006 + "\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0000001", account, "10/01/2026", "77.70", null).text()).status())
                .isEqualTo(201);
        return b;
    }

    @Test
    void custom2AndCustom3NameTheAccountInTheRefreshAndInPostings() {
        TestBiller b = biller("custom2_custom3:3", "6101-1");
        assertThat(jdbc.sql("select value from biller_setting where biller_id = ? and setting_id = 1006").param(b.bid())
                .query(String.class).single()).isEqualTo("CUSTOM2_CUSTOM3:3");
        cis.state().putAccount(CisAccount.of("6101001", PayableCharge.of("Electric", "12.34", "0")));

        Reply balance = getJson("/api/v1/billers/" + b.bid() + "/accounts/6101-1/balance", b.apiKey());
        assertThat(balance.json().get("source").asText()).as(balance.body()).isEqualTo("cis");
        assertThat(balance.json().get("balanceDue").decimalValue()).isEqualByComparingTo("12.34");

        Reply on = send(request("/api/v1/billers/" + b.bid() + "/accounts/6101-1/paperless").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enrolled\":true}")));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'DELIVERED'",
                b.bid()) == 1);
        assertThat(paperless("6101001")).containsExactly("Y");
        assertThat(paperless("6101-1")).isEmpty();
        assertThat(jdbc.sql("""
                select order_key || ' ' || (payload->>'accountNumber') || ' ' || (payload->'parts'->>'base') || ' '
                       || (payload->'parts'->>'sub') from posting where biller_id = ?""").param(b.bid())
                .query(String.class).single()).isEqualTo("6101-1 6101-1 6101 1");
    }

    @Test
    void byDefaultTheAccountGoesAsInTheFile() {
        TestBiller b = biller(null, "6102-1");
        cis.state().putAccount(CisAccount.of("6102-1", PayableCharge.of("Electric", "5.00", "0")));

        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/6102-1/balance", b.apiKey()).json()
                .get("balanceDue").decimalValue()).isEqualByComparingTo("5.00");
        send(request("/api/v1/billers/" + b.bid() + "/accounts/6102-1/paperless").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enrolled\":true}")));
        await().atMost(PATIENCE).until(() -> paperless("6102-1").size() == 1);
        assertThat(paperless("6102-1")).containsExactly("Y");
    }

    @Test
    void anInvalidValueIsRefusedNamingTheSetting() {
        TestBiller b = newBiller();
        Reply bad = operatorPut("/api/v1/billers/" + b.bid() + "/settings/1006", "{\"value\":\"CUSTOM2+CUSTOM3\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("setting 1006").contains("'CUSTOM2+CUSTOM3' is neither AS_IN_FILE nor CUSTOM2_CUSTOM3:N");
    }

    private static List<String> paperless(String account) {
        return cis.state().postings().paperless().stream().filter(p -> p.accountNumber().equals(account)).map(p -> p.ebill()).toList();
    }
}
