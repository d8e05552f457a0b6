package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.billers.ConfigCatalogue;

class BillerApiIT extends PlatformIT {

    private Reply create(String body) {
        return send(asOperator(request("/api/v1/billers")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void operatorCreatesADaffronBillerAndGetsItsKeysOnce() {
        long bid = 900_000 + System.nanoTime() % 90_000;
        Reply r = create("{\"bid\": " + bid + ", \"name\": \"Lowell Light & Power\", \"template\": \"daffron\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("bid").asLong()).isEqualTo(bid);
        assertThat(r.json().get("guid").asText()).matches("[0-9a-f-]{36}");
        String wsKey = r.json().at("/issuedKeys/TEST/webServiceKey").asText();
        assertThat(wsKey).startsWith("rp_test_ws_");
        assertThat(r.json().at("/issuedKeys/PROD/apiKey").asText()).startsWith("rp_prod_api_");
        assertThat(r.json().at("/invoiceTypes/0/typeId").asInt()).isEqualTo(42);

        Reply view = send(asOperator(request("/api/v1/billers/" + bid)).GET());
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).doesNotContain(wsKey);
        assertThat(view.json().get("keys")).hasSize(6);
        assertThat(view.json().at("/keys/0/masked").asText()).startsWith("…").hasSize(5);
        assertThat(option(view, 40, 42)).isEqualTo("true");
        assertThat(option(view, 41, 42)).isEqualTo(ConfigCatalogue.MOST_RECENT_INVOICE_FIRST);
        assertThat(option(view, 79, null)).isEqualTo("15");
        assertThat(option(view, 53, null)).isEqualTo("false");
        assertThat(setting(view, 131)).as("each payment its own transactionId (docs/postings.md)")
                .isEqualTo("{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}");
        long standard = 2_000_000 + System.nanoTime() % 90_000;
        assertThat(create("{\"bid\": " + standard + ", \"name\": \"Plain Invoices\", \"template\": \"standard\"}").status())
                .isEqualTo(201);
        assertThat(setting(send(asOperator(request("/api/v1/billers/" + standard)).GET()), 131)).isNull();

        assertThat(create("{\"bid\": " + bid + ", \"name\": \"again\"}").status()).isEqualTo(409);
        assertThat(create("{\"bid\": 5, \"name\": \"x\", \"template\": \"sap\"}").json().get("detail").asText())
                .isEqualTo("template: 'sap' is not one of daffron, standard");
        Reply malformed = create("{\"bid\": 5, \"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("invalid JSON at line 1, column ");
    }

    @Test
    void aBillerHasATimeZoneTheTemplatesByDefaultAndTheOperatorsWhenNamed() {
        long daffron = 900_000 + System.nanoTime() % 90_000;
        assertThat(create("{\"bid\": " + daffron + ", \"name\": \"Eastern Co-op\"}").json().get("timeZone").asText())
                .isEqualTo("America/New_York");
        long standard = 2_000_000 + System.nanoTime() % 90_000;
        assertThat(create("{\"bid\": " + standard + ", \"name\": \"Plain\", \"template\": \"standard\"}")
                .json().get("timeZone").asText()).isEqualTo("UTC");
        long chicago = 3_000_000 + System.nanoTime() % 90_000;
        Reply created = create("{\"bid\": " + chicago + ", \"name\": \"Prairie Power\", \"timeZone\": \"America/Chicago\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(jdbc.sql("select time_zone from biller where biller_id = ?").param(chicago).query(String.class).single())
                .isEqualTo("America/Chicago");

        Reply moved = operatorPut("/api/v1/billers/" + chicago + "/time-zone", "{\"value\": \"America/Denver\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("timeZone").asText()).isEqualTo("America/Denver");
        assertThat(send(asOperator(request("/api/v1/billers/" + chicago)).GET()).json().get("timeZone").asText())
                .isEqualTo("America/Denver");
    }

    @Test
    void anUnknownTimeZoneIsRefusedByNameAndChangesNothing() {
        long bid = 900_000 + System.nanoTime() % 90_000;
        for (String zone : new String[] {"\"Mars/Olympus_Mons\"", "\"-05:00\"", "\"EST\"", "\"\"", "42"}) {
            Reply refused = create("{\"bid\": " + bid + ", \"name\": \"Nowhere\", \"timeZone\": " + zone + "}");
            assertThat(refused.status()).as(zone).isEqualTo(422);
            assertThat(refused.json().get("field").asText()).isEqualTo("timeZone");
            assertThat(refused.json().get("detail").asText()).startsWith("timeZone: ");
        }
        assertThat(jdbc.sql("select count(*) from biller where biller_id = ?").param(bid).query(Long.class).single()).isZero();
        assertThat(create("{\"bid\": " + bid + ", \"name\": \"Nowhere\", \"timeZone\": \"Mars/Olympus_Mons\"}")
                .json().get("detail").asText())
                .isEqualTo("timeZone: 'Mars/Olympus_Mons' is not an IANA time zone (for example America/New_York, "
                        + "America/Chicago or UTC)");

        TestBiller b = newBiller();
        long changes = jdbc.sql("select count(*) from config_change where biller_id = ?").param(b.bid()).query(Long.class).single();
        Reply refused = operatorPut("/api/v1/billers/" + b.bid() + "/time-zone", "{\"value\": \"Eastern\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("field").asText()).isEqualTo("timeZone");
        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/time-zone", "{\"value\": null}").json().get("field").asText())
                .isEqualTo("timeZone");
        assertThat(jdbc.sql("select time_zone from biller where biller_id = ?").param(b.bid()).query(String.class).single())
                .isEqualTo("America/New_York");
        assertThat(jdbc.sql("select count(*) from config_change where biller_id = ?").param(b.bid()).query(Long.class).single())
                .isEqualTo(changes);
    }

    /** The setting's value as the API shows it, as compact JSON; null when the biller does not have it. */
    private static String setting(Reply view, int id) {
        for (var s : view.json().get("settings")) {
            if (s.get("id").asInt() == id && !s.get("value").isNull()) {
                return s.get("value").toString();
            }
        }
        return null;
    }

    private static String option(Reply view, int id, Integer invoiceType) {
        for (var o : view.json().get("options")) {
            if (o.get("id").asInt() == id && (invoiceType == null ? o.get("invoiceType").isNull()
                    : o.get("invoiceType").asInt() == invoiceType)) {
                return o.get("value").asText();
            }
        }
        return null;
    }

    @Test
    void secretsAreEncryptedAtRestAndNeverShownBack() {
        TestBiller b = newBiller();
        String password = "Hunter2-" + System.nanoTime();
        Reply put = operatorPut("/api/v1/billers/" + b.bid() + "/settings/10", "{\"value\": \"" + password + "\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(password).contains("\"value\":\"********\",\"secret\":true");
        Reply get = send(asOperator(request("/api/v1/billers/" + b.bid())).GET());
        assertThat(get.body()).doesNotContain(password);

        var row = jdbc.sql("select value, value_cipher from biller_setting where biller_id = ? and setting_id = 10")
                .param(b.bid()).query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)}).single();
        assertThat(row[0]).isNull();
        assertThat(new String((byte[]) row[1], StandardCharsets.ISO_8859_1)).doesNotContain(password);
        assertThat(count("select count(*) from config_change where biller_id = ? and new_value like ?", b.bid(),
                "%" + password + "%")).isZero();
        for (byte[] stored : jdbc.sql("select key_cipher from biller_key where biller_id = ?").param(b.bid())
                .query((rs, n) -> rs.getBytes(1)).list()) {
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(b.apiKey()).doesNotContain(b.webServiceKey());
        }

        assertThat(billerService.config(b.bid()).setting(10)).contains(password);
        assertThat(billerService.config(b.bid()).toString()).doesNotContain(password);
    }

    @Test
    void everyBadValueIsRefusedNamingTheSetting() {
        TestBiller b = newBiller();
        String base = "/api/v1/billers/" + b.bid();
        assertThat(detail(operatorPut(base + "/settings/999", "{\"value\": 1}")))
                .isEqualTo("setting 999: no such advanced setting");
        assertThat(detail(operatorPut(base + "/options/999", "{\"value\": true}")))
                .isEqualTo("option 999: no such option");
        assertThat(detail(operatorPut(base + "/settings/35", "{\"value\": 3}")))
                .isEqualTo("setting 35 (Service version for payment posting amounts): 3 is out of range 1..2");
        assertThat(detail(operatorPut(base + "/settings/131", "{\"value\": \"{not json\"}")))
                .startsWith("setting 131 (JSON configuration): invalid JSON at line 1, column 2: ");
        assertThat(detail(operatorPut(base + "/settings/64", "{\"value\": \"WEB|CSRWEB\"}")))
                .startsWith("setting 64 (Payment modes for card payments by channel): entry 1 'WEB'");
        assertThat(detail(operatorPut(base + "/settings/8", "{\"value\": \"cis-host:8083/CB\"}")))
                .startsWith("setting 8 (Real-time refresh endpoint URL): ");
        assertThat(detail(operatorPut(base + "/options/64", "{\"value\": \"perhaps\"}")))
                .contains("expected true or false");
        assertThat(detail(operatorPut(base + "/options/131", "{\"value\": \"PREVENT_UPDATES\"}")))
                .contains("requires option 112");
        assertThat(detail(operatorPut(base + "/options/40", "{\"value\": true, \"invoiceType\": 7}")))
                .isEqualTo("option 40: biller " + b.bid() + " has no invoice type 7");
        assertThat(operatorPut(base + "/settings/8", "{\"value\": 5}").status()).isEqualTo(422);

        assertThat(operatorPut(base + "/options/112", "{\"value\": true}").status()).isEqualTo(200);
        assertThat(operatorPut(base + "/options/131", "{\"value\": \"prevent_updates\"}").status()).isEqualTo(200);
        Reply ok = operatorPut(base + "/settings/131",
                "{\"value\": {\"Daffron\": {\"DataPumpConfigs\": {\"TransactionIdSource\": \"PaymentGuid\"}}}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}");
        assertThat(operatorPut(base + "/settings/8", "{\"value\": null}").status()).isEqualTo(200);
        assertThat(operatorPut("/api/v1/billers/1/settings/8", "{\"value\": \"http://x/\"}").status()).isEqualTo(404);
    }

    private static String detail(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        return r.json().get("detail").asText();
    }

    @Test
    void theFileSpecIsValidatedOnWrite() {
        TestBiller b = newBiller();
        Reply bad = operatorPut("/api/v1/billers/" + b.bid() + "/file-spec", "{\"value\": \"FH=1,2;IH=7\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asText()).startsWith("fileSpec: ");
        Reply ok = operatorPut("/api/v1/billers/" + b.bid() + "/file-spec", "{\"value\": \""
                + "FH=1,2,4,5,6;IH=7,8,9,10,11,12,13,39,40,41,46,47,407,2001;CR=58,59,60,61,62,63,64,65,66,67,356,373;ID=70,2101,2102\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("fileSpec").asText()).contains("407,2001");
    }
}
