package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.batches.Batch;
import org.ratepayer.payments.batches.BatchClosing;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.settlement.Settlements;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.springframework.beans.factory.annotation.Autowired;

/** The staff batch page with the settlement of its business day and a mismatch, in Chromium, axe-core clean (docs/settlement.md). */
class StaffBatchSettlementIT extends PlatformIT {

    private static final String PASSWORD = "a long staff password 1";
    private static final CardDetails VISA = new CardDetails("4111111111111111", 12, 2099, "123", "49331");

    @Autowired
    StaffUsers staffUsers;
    @Autowired
    PaymentService payments;
    @Autowired
    Settlements settlements;
    @Autowired
    BatchClosing closing;

    private UUID pay(TestBiller b, String amount, String at) {
        UUID guid = ((PaymentOutcome.Taken) payments.submit(b.bid(), UUID.randomUUID().toString(),
                new PaymentRequest(Channel.IVR, "7201-1", null, new BigDecimal(amount), VISA, null, null, null, null))).paymentGuid();
        jdbc.sql("update payment set created_at = ? where payment_guid = ?").params(OffsetDateTime.parse(at), guid).update();
        jdbc.sql("update sandbox_charge set created_at = ? where payment_guid = ?").params(OffsetDateTime.parse(at), guid).update();
        return guid;
    }

    @Test
    void theBatchPageShowsTheSettlementAndEachMismatchAndPassesAxe() throws Exception {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText()).invoice("7201100000001", "7201-1", "10/01/2026",
                "50.00", null).text()).status()).isEqualTo(201);
        pay(b, "60.00", "2026-11-10T15:00:00Z");
        UUID lost = pay(b, "55.00", "2026-11-10T16:00:00Z");
        jdbc.sql("delete from sandbox_charge where payment_guid = ?").param(lost).update();
        clock.set(Instant.parse("2026-11-11T15:00:00Z"));
        settlements.settle(b.bid(), LocalDate.parse("2026-11-11"), "operator");
        Batch batch = closing.close(b.bid(), Instant.parse("2026-11-11T04:00:00Z"), "schedule");
        clock.reset();

        Reply r = send(asOperator(request("/api/v1/billers/" + b.bid() + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"email\":\"ana@example.org\"}")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        SignedInStaff admin = new SignedInStaff(b.bid(), staffUsers.list(b.bid()).get(0).userId(), "ana", StaffRole.ADMINISTRATOR, false);
        StaffUsers.IssuedPassword reader = staffUsers.create(admin, "rita", "rita@example.org", StaffRole.READ_ONLY, false);

        try (HeadlessChromium chromium = HeadlessChromium.open()) {
            chromium.get(url("/staff/" + b.bid() + "/sign-in"));
            chromium.fill("username", "rita");
            chromium.fill("password", reader.oneTimePassword());
            chromium.click("sign-in");
            chromium.fill("password", PASSWORD);
            chromium.fill("again", PASSWORD);
            chromium.click("save-password");
            chromium.get(url("/staff/" + b.bid() + "/batches/" + batch.id()));
            assertThat(chromium.text("settled").replaceAll("\\s+", " "))
                    .isEqualTo("Settled on 2026-11-11: payments settled 1 (60.00); funded by the processor in all 1 (60.00).");
            assertThat(chromium.text("mismatch-" + lost).replaceAll("\\s+", " "))
                    .isEqualTo("Approved here, not funded (APPROVED_HERE_UNKNOWN_THERE) " + lost + " 55.00 — —");
            chromium.assertAccessible("staff batch report with its settlement");
        }
    }
}
