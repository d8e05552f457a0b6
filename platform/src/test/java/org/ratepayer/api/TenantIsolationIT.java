package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;

/** One biller's keys never read or write another biller's data. */
class TenantIsolationIT extends PlatformIT {

    @Test
    void aBillersKeysCannotReadOrUploadForAnotherBiller() {
        TestBiller a = newBiller();
        TestBiller b = newBiller();
        assertThat(upload(a, a.webServiceKey(), "a.bif",
                new BifText(a.guidText()).invoice("700000000001", "7001-1", "10/01/2026", "10.00", null).text()).status())
                .isEqualTo(201);

        Reply read = getJson("/api/v1/billers/" + a.bid() + "/invoices?account=7001-1", b.apiKey());
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().get("detail").asText()).isEqualTo("this key does not belong to biller " + a.bid());
        assertThat(read.body()).doesNotContain("7001-1\"");

        Reply write = upload(a, b.webServiceKey(), "b.bif",
                new BifText(a.guidText()).invoice("700000000002", "7002-1", "10/01/2026", "10.00", null).text());
        assertThat(write.status()).isEqualTo(403);
        assertThat(count("select count(*) from invoice where invoice_number = '700000000002'")).isZero();

        assertThat(getJson("/api/v1/billers/" + a.bid() + "/invoice-files", b.webServiceKey()).status()).isEqualTo(403);
        // b cannot see a's account even through its own path
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/invoices?account=7001-1", b.apiKey()).status()).isEqualTo(404);
    }

    @Test
    void keysAreCheckedForKindAndEnvironment() {
        TestBiller a = newBiller();
        Reply apiKeyUpload = upload(a, a.apiKey(), "a.bif", "FH|x");
        assertThat(apiKeyUpload.status()).isEqualTo(403);
        assertThat(apiKeyUpload.json().get("detail").asText()).contains("use the biller's WEB_SERVICE key");

        Reply prodKey = getJson("/api/v1/billers/" + a.bid() + "/invoice-files", a.prodApiKey());
        assertThat(prodKey.status()).isEqualTo(401);

        Reply wrong = getJson("/api/v1/billers/" + a.bid() + "/invoice-files", "rp_test_api_nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("title").asText()).isEqualTo("Invalid API key");

        Reply none = send(request("/api/v1/billers/" + a.bid() + "/invoice-files").GET());
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void billerKeysCannotUseTheAdminApi() {
        TestBiller a = newBiller();
        Reply r = send(request("/api/v1/billers/" + a.bid()).header("X-Api-Key", a.apiKey()).GET());
        assertThat(r.status()).isEqualTo(403);
        Reply put = send(request("/api/v1/billers/" + a.bid() + "/settings/8").header("X-Api-Key", a.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"http://evil/\"}")));
        assertThat(put.status()).isEqualTo(403);
        Reply metrics = send(request("/actuator/prometheus").header("X-Api-Key", a.apiKey()).GET());
        assertThat(metrics.status()).isEqualTo(403);
        assertThat(send(request("/actuator/health").GET()).status()).isEqualTo(200);
    }
}
