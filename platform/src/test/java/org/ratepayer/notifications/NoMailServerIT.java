package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;

/** The shared test context has no spring.mail.host, like an installation whose operator set none. */
class NoMailServerIT extends PlatformIT {

    @Test
    void withoutAnSmtpServerTheReceiptIsKeptAsFailedAndThePaymentStands() {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice("520110000001", "5201-1", "10/01/2026", "20.00", "owner@example.com").text()).status()).isEqualTo(201);
        Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"POS","accountNumber":"5201-1","amount":20.00,"payerEmail":"payer@example.com",
                         "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""")));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");

        String path = "/api/v1/billers/" + b.bid() + "/accounts/5201-1/emails";
        await().atMost(Duration.ofSeconds(20)).until(() -> getJson(path, b.apiKey()).json().path(0).path("status").asText().equals("FAILED"));
        JsonNode receipt = getJson(path, b.apiKey()).json().get(0);
        assertThat(receipt.get("kind").asText()).isEqualTo("RECEIPT");
        assertThat(receipt.get("error").asText()).contains("no SMTP server configured");
        // retrying is pointless until an operator configures a server: no next attempt (docs/notices.md, "Delivery")
        assertThat(receipt.get("nextAttemptAt").isNull()).isTrue();
        assertThat(receipt.get("subject").asText()).isEqualTo("Payment receipt — Test Co-op " + b.bid());
    }

    @Test
    void theMailboxPageExistsOnlyInTheDemo() {
        assertThat(send(request("/demo/mailbox").GET()).status()).isEqualTo(404);
    }
}
