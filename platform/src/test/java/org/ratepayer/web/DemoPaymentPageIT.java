package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.shared.config.RatepayerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A payer pays a demo bill in Chromium, end to end: search, live balance from the CIS simulator, the
 * bill PDF, pay by card, receipt page, and the receipt email caught by the demo's SMTP catcher. The
 * annotations match DemoIT's so the demo context is shared.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ratepayer.data-dir=target/test-data/demo-${random.uuid}",
        "ratepayer.environment=TEST",
        "db-scheduler.enabled=false"})
@ActiveProfiles("demo")
class DemoPaymentPageIT {

    @Autowired
    RatepayerProperties props;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPayerPaysADemoBillByCardAndGetsTheReceiptByEmail() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(props.dataDir().resolve("demo.json").toFile());
        String baseUrl = manifest.get("baseUrl").asText();
        var row = jdbc.sql("""
                select a.account_number, a.zip, i.total_amount_due from account a
                join invoice i on i.biller_id = a.biller_id and i.account_number = a.account_number and i.status = 'OPEN'
                where a.biller_id = 2178 and a.account_number = '1001-1'
                """).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString()}).single();
        String payer = "browser-payer@example.com";
        try (HeadlessChromium browser = HeadlessChromium.open()) {
            browser.findAccount(baseUrl + "/pay/2178", row[0], row[1]);
            assertThat(browser.text("balance").replace(",", "")).isEqualTo(row[2]);
            browser.assertAccessible("the demo biller's account page");
            assertThat(browser.fetchStart("view-bill")).isEqualTo("200 application/pdf %PDF-");
            browser.fill("payerEmail", payer);
            browser.payByCard(row[2], "4111111111111111");
            browser.click("confirm");
            assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
            String guid = browser.text("payment-guid").toUpperCase(java.util.Locale.ROOT);
            browser.assertAccessible("the demo biller's receipt");

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest mailbox = HttpRequest.newBuilder(URI.create(manifest.get("mailbox").asText())).build();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> http.send(mailbox, HttpResponse.BodyHandlers.ofString()).body().contains(guid));
            String page = http.send(mailbox, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains(payer).contains("Payment receipt").contains("ending in 1111").doesNotContain("4111111111111111");
            browser.get(manifest.get("mailbox").asText());
            browser.assertAccessible("the demo mailbox with the receipt email");

            // and the demo's CIS has it, through the data pump
            String approval = jdbc.sql("select approval_code from payment where payment_guid = ?::uuid")
                    .param(guid.toLowerCase(java.util.Locale.ROOT)).query(String.class).single();
            HttpRequest postings = HttpRequest.newBuilder(URI.create(manifest.get("cisSimulator").get("adminUrl").asText() + "/postings"))
                    .header("Authorization", "Bearer " + manifest.get("cisSimulator").get("adminToken").asText()).build();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode payments = new ObjectMapper().readTree(http.send(postings, HttpResponse.BodyHandlers.ofString()).body())
                        .get("payments");
                for (JsonNode p : payments) {
                    if (p.get("accountNumber").asText().equals(row[0]) && approval.equals(p.get("authorizationCode").asText())) {
                        return p.get("paymentMode").asText().equals("WEB") && new java.math.BigDecimal(p.get("amount").asText())
                                .compareTo(new java.math.BigDecimal(row[2])) == 0;
                    }
                }
                return false;
            });
        }
    }
}
