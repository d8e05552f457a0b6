package org.ratepayer.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.PaymentService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real processor end to end: the processor is a WireMock server (one per class, started by the subclass so that its
 * {@code @DynamicPropertySource} can point the adapter at it), the CIS is the simulator, and each test makes a biller with
 * one bill of 120.50 that it moves to the processor through the operator API.
 */
public abstract class ProcessorIT extends CisSimulatorIT {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    protected PaymentRepairJob repairJob;
    @Autowired
    protected PayerDirectory directory;
    @Autowired
    protected Wallet wallet;
    @Autowired
    protected PaymentService payments;

    /** This class's processor stand-in, emptied before and after each test so that no test sees another's requests. */
    protected abstract WireMockServer processor();

    @BeforeEach
    void freshProcessor() {
        processor().resetAll();
    }

    @AfterEach
    void noLostRequests() {
        processor().resetAll();
    }

    /** A biller posting to the simulator with one bill of 120.50 on {@code account}, still on the sandbox. */
    protected TestBiller billerWithBill(String account) {
        TestBiller b = simulatorBiller();
        BifText file = new BifText(b.guidText()).invoice(account.replace("-", "") + "0001", account, "11/01/2026", "120.50", null);
        Reply up = upload(b, b.webServiceKey(), "f.bif", file.text());
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        return b;
    }

    protected Reply setting(TestBiller b, int id, String value) {
        return operatorPut("/api/v1/billers/" + b.bid() + "/settings/" + id, "{\"value\": \"" + value + "\"}");
    }

    /** A payment through the channel API, under a fresh idempotency key. */
    protected Reply pay(TestBiller b, String body) {
        return send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A kiosk payment of the whole bill with a processor's token. */
    protected static String byToken(String account, String token) {
        return """
                {"channel": "KIOSK", "kioskId": "Lobby-1", "accountNumber": "%s", "amount": 120.50, "methodToken": "%s"}
                """.formatted(account, token);
    }

    /** The payments the simulator has been told of on {@code account}. */
    protected List<PaymentPosting> posted(String account) {
        return cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals(account)).toList();
    }

    public record Row(String status, String token, String brand, String last4, String approvalCode, String reference) {
    }

    /** The payment's row as the processor's answers left it. */
    protected Row row(String guid) {
        return jdbc.sql("select status, method_token, card_brand, last4, approval_code, gateway_reference from payment where payment_guid = ?")
                .param(UUID.fromString(guid))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .single();
    }
}
