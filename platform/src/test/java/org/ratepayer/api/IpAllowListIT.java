package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.xml.ws.WebServiceException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.billing.web.soap.CloudInvoicingService;
import org.ratepayer.billing.web.soap.CloudManagementService;
import org.ratepayer.paynow.PayNowPartner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A biller's IP allow-list (SPEC C1, docs/ip-allow-list.md) over HTTP: set through the API, enforced on every call made
 * with one of the biller's keys (REST, the SOAP and form upload, the Pay Now API), never on the payer pages. This
 * context reads forwarded headers the way a proxy-fronted node might be misconfigured to (Tomcat's
 * {@code server.forward-headers-strategy=native}, which trusts loopback), and trusts only {@code ::1} as a proxy: a
 * call through 127.0.0.1 is an untrusted peer, one through [::1] a trusted proxy.
 */
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "ratepayer.trusted-proxies=::1"})
class IpAllowListIT extends PlatformIT {

    private static final String ELSEWHERE = "203.0.113.0/24";

    @Autowired
    MeterRegistry meters;

    private String base(String host) {
        return "http://" + host + ":" + port;
    }

    private HttpRequest.Builder from(String host, String path) {
        return HttpRequest.newBuilder(URI.create(base(host) + path));
    }

    private Reply listsAs(String apiKey, long bid) {
        return send(from("127.0.0.1", "/api/v1/billers/" + bid + "/ip-allow-list").header("X-Api-Key", apiKey).GET());
    }

    private Reply put(long bid, String kind, String env, String body) {
        return operatorPut("/api/v1/billers/" + bid + "/ip-allow-list/" + kind + "/" + env, body);
    }

    private double refusedCount(String kind) {
        Counter c = meters.find("ratepayer.api.address.refused").tag("key_kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void restCallsWithTheBillersKeyComeOnlyFromItsListedAddresses() {
        TestBiller b = newBiller();
        TestBiller other = newBiller();

        // nothing set: every key from any address, and the lists read back empty
        Reply empty = listsAs(b.apiKey(), b.bid());
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json()).hasSize(6);
        empty.json().forEach(l -> assertThat(l.path("ranges")).isEmpty());

        Reply set = put(b.bid(), "API", "TEST", "{\"ranges\":[\"203.0.113.0/24\", \"2001:DB8::/32\", \"198.51.100.7\"]}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("ranges").toString())
                .isEqualTo("[\"203.0.113.0/24\",\"2001:db8::/32\",\"198.51.100.7/32\"]");
        assertThat(jdbc.sql("select what, new_value, changed_by from config_change where biller_id = ? and what like 'ip-allow-list%'")
                .param(b.bid()).query().listOfRows())
                .containsExactly(Map.of("what", "ip-allow-list API TEST",
                        "new_value", "203.0.113.0/24 2001:db8::/32 198.51.100.7/32", "changed_by", "operator"));

        double before = refusedCount("API");
        Reply refused = listsAs(b.apiKey(), b.bid());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"type\":\"https://ratepayer.org/problems/address-not-allowed\"")
                .contains("calls from 127.0.0.1 are not allowed for this biller's API key")
                .doesNotContain("203.0.113").doesNotContain("2001:db8").doesNotContain(Long.toString(other.bid()));
        assertThat(refusedCount("API")).isEqualTo(before + 1);

        // another biller's list is its own; the same biller's other keys and the PROD list are not this one
        assertThat(listsAs(other.apiKey(), other.bid()).status()).isEqualTo(200);
        assertThat(send(from("127.0.0.1", "/api/v1/billers/" + b.bid() + "/invoice-files?fileName=x.bif")
                .header("X-Api-Key", b.webServiceKey()).POST(HttpRequest.BodyPublishers.ofString(
                        new BifText(b.guidText()).invoice("830000000001", "8301-1", "10/01/2026", "1.00", null).text()))).status())
                .isEqualTo(201);
        // the operator is never subject to a biller's list, so it can always undo a lock-out
        assertThat(send(asOperator(from("127.0.0.1", "/api/v1/billers/" + b.bid() + "/ip-allow-list")).GET()).status()).isEqualTo(200);

        assertThat(put(b.bid(), "API", "TEST", "{\"ranges\":[\"127.0.0.0/8\"]}").status()).isEqualTo(200);
        assertThat(listsAs(b.apiKey(), b.bid()).status()).isEqualTo(200);
        assertThat(put(b.bid(), "API", "PROD", "{\"ranges\":[\"" + ELSEWHERE + "\"]}").status()).isEqualTo(200);
        assertThat(listsAs(b.apiKey(), b.bid()).status()).as("this installation is TEST: the PROD list is not its").isEqualTo(200);

        // the biller itself may set its lists with its API key, from an address its API list holds
        Reply byBiller = send(from("127.0.0.1", "/api/v1/billers/" + b.bid() + "/ip-allow-list/API/TEST").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"ranges\":[]}")));
        assertThat(byBiller.status()).as(byBiller.body()).isEqualTo(200);
        assertThat(count("select count(*) from biller_ip_allow_list where biller_id = ? and key_kind = 'API' and environment = 'TEST'",
                b.bid())).isZero();
        assertThat(jdbc.sql("select changed_by from config_change where biller_id = ? and what like 'ip-allow-list%' order by change_id desc limit 1")
                .param(b.bid()).query(String.class).single()).isEqualTo("biller " + b.bid() + " api key");
        // and never another biller's
        assertThat(send(from("127.0.0.1", "/api/v1/billers/" + other.bid() + "/ip-allow-list").header("X-Api-Key", b.apiKey()).GET())
                .status()).isEqualTo(403);
    }

    @Test
    void aWrongEntryIsNamedByItsIndexAndNothingChanges() {
        TestBiller b = newBiller();
        assertThat(put(b.bid(), "API", "TEST", "{\"ranges\":[\"10.0.0.0/8\"]}").status()).isEqualTo(200);
        long changes = count("select count(*) from config_change where biller_id = ?", b.bid());

        Reply bad = put(b.bid(), "API", "TEST", "{\"ranges\":[\"192.0.2.0/24\", \"10.0.0.1/8\", \"portal.example.org\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("ranges[1]");
        assertThat(bad.json().path("detail").asText())
                .isEqualTo("ranges[1]: '10.0.0.1/8' has address bits set past its prefix; the range starts at 10.0.0.0/8");
        Reply name = put(b.bid(), "API", "TEST", "{\"ranges\":[\"portal.example.org\"]}");
        assertThat(name.json().path("field").asText()).isEqualTo("ranges[0]");
        assertThat(name.json().path("detail").asText()).contains("is not an IPv4 or IPv6 address");
        Reply missing = put(b.bid(), "API", "TEST", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("field").asText()).isEqualTo("ranges");
        String many = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"10.0." + i + ".0/24\"").toList());
        Reply tooMany = put(b.bid(), "API", "TEST", "{\"ranges\":[" + many + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("detail").asText()).isEqualTo("ranges: at most 100 entries; use wider ranges");

        assertThat(jdbc.sql("select array_to_string(ranges, ' ') from biller_ip_allow_list where biller_id = ?").param(b.bid())
                .query(String.class).list()).containsExactly("10.0.0.0/8");
        assertThat(count("select count(*) from config_change where biller_id = ?", b.bid())).isEqualTo(changes);
        assertThat(put(999_999_999L, "API", "TEST", "{\"ranges\":[]}").status()).isEqualTo(404);
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        TestBiller b = newBiller();
        assertThat(put(b.bid(), "API", "TEST", "{\"ranges\":[\"198.51.100.0/24\"]}").status()).isEqualTo(200);
        String path = "/api/v1/billers/" + b.bid() + "/ip-allow-list";

        // 127.0.0.1 is no trusted proxy here, whatever Tomcat's own forwarded-headers valve believes: its header is ignored
        Reply bare = send(from("127.0.0.1", path).header("X-Api-Key", b.apiKey()).header("X-Forwarded-For", "198.51.100.7").GET());
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.json().path("detail").asText()).startsWith("calls from 127.0.0.1 are not allowed");

        // ::1 is a trusted proxy: the address it forwards is the client's
        assertThat(send(from("[::1]", path).header("X-Api-Key", b.apiKey()).header("X-Forwarded-For", "198.51.100.7").GET()).status())
                .isEqualTo(200);
        // what the client wrote itself, left of the address the proxy appended, counts for nothing
        Reply spoofed = send(from("[::1]", path).header("X-Api-Key", b.apiKey()).header("X-Forwarded-For", "198.51.100.7, 192.0.2.9").GET());
        assertThat(spoofed.status()).isEqualTo(403);
        assertThat(spoofed.json().path("detail").asText()).startsWith("calls from 192.0.2.9 are not allowed");
        // the proxy forwarding nothing: the proxy itself is the caller
        assertThat(send(from("[::1]", path).header("X-Api-Key", b.apiKey()).GET()).status()).isEqualTo(403);
    }

    @Test
    void throttlingCountsTheForwardedClientOnlyFromATrustedProxy() {
        String path = "/api/v1/billers/" + newBiller().bid() + "/ip-allow-list";
        int refusedAfter = 0;
        for (int attempt = 1; attempt <= 40 && refusedAfter == 0; attempt++) {
            int status = send(from("[::1]", path).header("X-Api-Key", "rp_wrong_key_" + attempt)
                    .header("X-Forwarded-For", "192.0.2.77").GET()).status();
            assertThat(status).isIn(401, 429);
            refusedAfter = status == 429 ? attempt - 1 : 0;
        }
        assertThat(refusedAfter).as("wrong keys allowed to the forwarded client before 429").isBetween(20, 30);

        // another client behind the same proxy has its own budget
        assertThat(send(from("[::1]", path).header("X-Api-Key", "rp_wrong_key").header("X-Forwarded-For", "192.0.2.78").GET())
                .status()).isEqualTo(401);
        // the same header from a peer that is no trusted proxy names nobody: the peer itself is counted
        assertThat(send(from("127.0.0.1", path).header("X-Api-Key", "rp_wrong_key").header("X-Forwarded-For", "192.0.2.77").GET())
                .status()).isEqualTo(401);
    }

    @Test
    void aRefusedUploadIsASoapFaultAndStoresNothing() {
        TestBiller b = newBiller();
        assertThat(put(b.bid(), "WEB_SERVICE", "TEST", "{\"ranges\":[\"" + ELSEWHERE + "\"]}").status()).isEqualTo(200);
        String file = new BifText(b.guidText()).invoice("840000000001", "8401-1", "10/01/2026", "12.34", null).text();

        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(CloudInvoicingService.class);
        factory.setAddress(base("127.0.0.1") + "/portal/webservices/CloudInvoicing.asmx");
        CloudInvoicingService soap = (CloudInvoicingService) factory.create();
        double before = refusedCount("WEB_SERVICE");
        assertThatThrownBy(() -> soap.uploadInvoiceFile(b.guidText(), b.webServiceKey(), b.bid() + "_10012026.bif", file))
                .isInstanceOf(WebServiceException.class)
                .hasMessageEndingWith("calls from 127.0.0.1 are not allowed for this biller's web-service key; "
                        + "the biller's IP allow-list decides which addresses may use it");
        assertThat(refusedCount("WEB_SERVICE")).isEqualTo(before + 1);

        Reply form = send(from("127.0.0.1", "/portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("BillerGUID=" + enc(b.guidText()) + "&WebServiceKey=" + enc(b.webServiceKey())
                        + "&FileName=form.bif&FileContents=" + enc(file))));
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.body()).contains("<Status>DENIED</Status>").contains("not allowed for this biller's web-service key");

        Reply rest = upload(b, b.webServiceKey(), "rest.bif", file);
        assertThat(rest.status()).isEqualTo(403);

        assertThat(count("select count(*) from invoice_file where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from account where biller_id = ?", b.bid())).isZero();

        // the API key's list is another list: an empty web-service list lets the same upload in
        assertThat(put(b.bid(), "WEB_SERVICE", "TEST", "{\"ranges\":[]}").status()).isEqualTo(200);
        assertThat(soap.uploadInvoiceFile(b.guidText(), b.webServiceKey(), b.bid() + "_10012026.bif", file).status).isEqualTo("IMPORTED");

        // UpdateCustomerRecord answers to the same web-service list
        assertThat(put(b.bid(), "WEB_SERVICE", "TEST", "{\"ranges\":[\"" + ELSEWHERE + "\"]}").status()).isEqualTo(200);
        JaxWsProxyFactoryBean management = new JaxWsProxyFactoryBean();
        management.setServiceClass(CloudManagementService.class);
        management.setAddress(base("127.0.0.1") + "/portal/webservices/CloudManagement.asmx");
        CloudManagementService records = (CloudManagementService) management.create();
        String phone = jdbc.sql("select phone from account where biller_id = ? and account_number = '8401-1'").param(b.bid())
                .query(String.class).optional().orElse(null);
        assertThatThrownBy(() -> records.updateCustomerRecord(b.guidText(), b.webServiceKey(), "8401-1", null, "(555) 010-9999",
                null, null, null, null, null))
                .isInstanceOf(WebServiceException.class)
                .hasMessageContaining("calls from 127.0.0.1 are not allowed for this biller's web-service key");
        assertThat(jdbc.sql("select phone from account where biller_id = ? and account_number = '8401-1'").param(b.bid())
                .query(String.class).optional().orElse(null)).isEqualTo(phone);
    }

    @Test
    void thePayNowApiIsRefusedButThePayerPagesNever() throws Exception {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://www.yourdomain.com https://portal.example");
        String seed;
        try (InputStream in = getClass().getResourceAsStream("/paynow/seed-004.json")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Reply created = payNow(b, seed);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String link = created.json().path("Data").path("CloudPaymentURL").asText();

        for (String kind : List.of("WEB_SERVICE", "API", "CPV2")) {
            assertThat(put(b.bid(), kind, "TEST", "{\"ranges\":[\"" + ELSEWHERE + "\"]}").status()).isEqualTo(200);
        }
        long sessions = count("select count(*) from paynow_session where biller_id = ?", b.bid());
        Reply refused = payNow(b, seed);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("type").asText()).isEqualTo("https://ratepayer.org/problems/address-not-allowed");
        assertThat(refused.json().path("detail").asText())
                .startsWith("calls from 127.0.0.1 are not allowed for this biller's Pay Now (Cloud Payments) key");
        assertThat(count("select count(*) from paynow_session where biller_id = ?", b.bid())).isEqualTo(sessions);

        // the payer's pages: the hosted Pay Now page, the payment page, the portal, the staff portal
        String page = PayNowPartner.open(http, link.replace("localhost", "127.0.0.1"));
        assertThat(page).startsWith("/paynow/");
        assertThat(send(from("127.0.0.1", page).GET()).status()).isEqualTo(200);
        assertThat(send(from("127.0.0.1", "/pay/" + b.bid()).GET()).status()).isEqualTo(200);
        assertThat(send(from("127.0.0.1", "/portal/" + b.bid() + "/register").GET()).status()).isEqualTo(200);
        assertThat(send(from("127.0.0.1", "/staff/" + b.bid() + "/search").GET()).status()).isNotEqualTo(403);
    }

    private Reply payNow(TestBiller b, String body) {
        return send(from("127.0.0.1", "/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
