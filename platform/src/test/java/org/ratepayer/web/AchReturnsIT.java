package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.payments.internal.SandboxAchEvents;
import org.ratepayer.payments.internal.webhooks.ProcessorWebhooks;
import org.ratepayer.payments.internal.webhooks.WebhookSignatures;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Asynchronous bank payments end to end (docs/ach.md) with the sandbox and the CIS simulator: a PENDING payment is
 * posted to the CIS once and receipted once; the sandbox's signed event confirms it (no second posting or receipt) or
 * returns it (RETURNED, one email, on the staff list and the operator API until marked reversed, once); webhook events
 * are taken once, a bad or stale signature changes nothing, an event for an unknown payment is answered 200 and kept;
 * Stripe's own event payloads move a payment the same way; a pending payment cancelled whole is never told of again; staff
 * mark a return reversed in Chromium, axe-core clean.
 */
class AchReturnsIT extends CisPageIT {

    static final String CONFIRMED_ACCOUNT = "000222333";
    static final String RETURNED_ACCOUNT = "000333444";
    static final String PAYER = "payer@example.com";
    static final String STRIPE_SECRET = "whsec_test_5f2b1a7c9d3e4f60718293a4b5c6d7e8";

    @Autowired
    SandboxAchEvents sandboxEvents;
    @Autowired
    ProcessorWebhooks webhooks;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StaffUsers staffUsers;

    private TestBiller billerWithBills(String... accounts) {
        TestBiller b = simulatorBiller();
        BifText file = new BifText(b.guidText());
        int n = 0;
        for (String a : accounts) {
            file.invoice(a.replace("-", "") + "0000000" + (++n), a, "10/01/2026", "40.00", null);
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private Reply payByBank(TestBiller b, String account, String bankAccount) {
        String body = """
                {"channel":"IVR","accountNumber":"%s","amount":40.00,
                 "bank":{"routingNumber":"011000015","accountNumber":"%s","accountType":"CHECKING"},
                 "payerEmail":"%s"}""".formatted(account, bankAccount, PAYER);
        return send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private UUID pending(TestBiller b, String account, String bankAccount) {
        Reply r = payByBank(b, account, bankAccount);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("PENDING");
        return UUID.fromString(r.json().get("paymentGuid").asText());
    }

    private String status(UUID guid) {
        return jdbc.sql("select status from payment where payment_guid = ?").param(guid).query(String.class).single();
    }

    private long postings(TestBiller b, UUID guid) {
        return count("select count(*) from posting where biller_id = ? and kind = 'CIS_PAYMENT' and payload ->> 'paymentGuid' = ?",
                b.bid(), guid.toString());
    }

    private long emails(UUID guid, String kind) {
        return count("select count(*) from email_message where payment_guid = ? and kind = ?", guid, kind);
    }

    /**
     * The sandbox's events come due once the business day the payment was made on has closed: two days on, surely. Other
     * tests' pending charges may be sent too; each test looks at its own payment.
     */
    private void deliverTwoDaysLater() {
        clock.set(Instant.now().plus(Duration.ofDays(2)));
        sandboxEvents.deliverDue();
    }

    private long sandboxEvents(UUID guid) {
        return count("select count(*) from processor_event where processor = 'sandbox' and payment_guid = ?", guid);
    }

    private Reply webhook(String processor, TestBiller b, String payload, String signature) {
        HttpRequest.Builder r = request("/webhooks/" + processor + "/" + b.guid()).header("Content-Type", "application/json");
        if (signature != null) {
            r.header("Stripe-Signature", signature);
        }
        return send(r.POST(HttpRequest.BodyPublishers.ofString(payload)));
    }

    private String signed(String payload, String secret) {
        return WebhookSignatures.sign(payload, secret, clock.instant().getEpochSecond());
    }

    private String paymentIntentEvent(String eventId, String type, UUID guid, String reference, String lastPaymentError) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": 1764950400, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
                 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 4000, "currency": "usd",
                   "status": "%s", "payment_method_types": ["us_bank_account"],
                   "metadata": {"payment_guid": "%s", "biller": "1"}, "last_payment_error": %s}}}
                """.formatted(eventId, type, reference, lastPaymentError.equals("null") ? "succeeded" : "requires_payment_method", guid,
                lastPaymentError);
    }

    private String reference(UUID guid) {
        return jdbc.sql("select gateway_reference from payment where payment_guid = ?").param(guid).query(String.class).single();
    }

    @Test
    void aPendingBankPaymentIsPostedOnceAndItsConfirmationPostsAndReceiptsNothingMore() {
        TestBiller b = billerWithBills("7301-1");
        UUID guid = pending(b, "7301-1", CONFIRMED_ACCOUNT);

        assertThat(status(guid)).isEqualTo("PENDING");
        assertThat(postings(b, guid)).isEqualTo(1);
        assertThat(emails(guid, "RECEIPT")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> cis.state().postings().payments().stream()
                .anyMatch(p -> p.accountNumber().equals("7301-1")));
        // the open day counts it as taken, like an approved payment
        Reply open = getJson("/api/v1/billers/" + b.bid() + "/batches/open", b.apiKey());
        assertThat(open.json().get("paymentCount").asLong()).isEqualTo(1);

        sandboxEvents.deliverDue();
        assertThat(status(guid)).as("not due the same day").isEqualTo("PENDING");
        assertThat(sandboxEvents(guid)).isZero();
        deliverTwoDaysLater();

        assertThat(status(guid)).isEqualTo("APPROVED");
        assertThat(postings(b, guid)).isEqualTo(1);
        assertThat(emails(guid, "RECEIPT")).isEqualTo(1);
        assertThat(emails(guid, "ACH_RETURNED")).isZero();
        assertThat(jdbc.sql("select outcome from processor_event where processor = 'sandbox' and payment_guid = ?").param(guid)
                .query(String.class).list()).containsExactly("APPLIED");
        sandboxEvents.deliverDue();
        assertThat(sandboxEvents(guid)).as("sent once").isEqualTo(1);
        assertThat(cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals("7301-1")).count()).isEqualTo(1);
    }

    @Test
    void aReturnIsEmailedOnceListedForStaffAndMarkedReversedOnceEvenWhenPostedTwice() {
        TestBiller b = billerWithBills("7302-1");
        UUID guid = pending(b, "7302-1", RETURNED_ACCOUNT);
        double before = meters.counter("ratepayer.ach.returns", "code", "R01").count();

        deliverTwoDaysLater();

        assertThat(status(guid)).isEqualTo("RETURNED");
        assertThat(postings(b, guid)).as("the CIS is never touched by a return").isEqualTo(1);
        assertThat(jdbc.sql("select return_code || ' ' || return_reason from ach_return where biller_id = ?").param(b.bid())
                .query(String.class).list()).containsExactly("R01 Insufficient funds");
        assertThat(emails(guid, "ACH_RETURNED")).isEqualTo(1);
        String text = jdbc.sql("select recipients || ' | ' || subject || ' | ' || body_text from email_message where payment_guid = ? and kind = 'ACH_RETURNED'")
                .param(guid).query(String.class).single();
        assertThat(text).startsWith(PAYER + " | Your bank payment was returned")
                .contains("Your bank returned your payment of $40.00").contains("The amount is still owed.")
                .contains("Returned R01: Insufficient funds").contains("Please pay again online");
        assertThat(meters.counter("ratepayer.ach.returns", "code", "R01").count()).isEqualTo(before + 1);
        Reply day = getJson("/api/v1/billers/" + b.bid() + "/batches/open", b.apiKey());
        assertThat(day.json().get("reversals").get("achReturns").get("count").asLong()).isEqualTo(1);
        assertThat(day.json().get("reversals").get("achReturns").get("total").decimalValue()).isEqualByComparingTo("40.00");

        Reply open = send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns")).GET());
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json()).hasSize(1);
        JsonNode row = open.json().get(0);
        assertThat(row.get("paymentGuid").asText()).isEqualTo(guid.toString());
        assertThat(row.get("accountNumber").asText()).isEqualTo("7302-1");
        assertThat(row.get("returnCode").asText()).isEqualTo("R01");
        assertThat(row.get("cisPostings").asText()).matches("[0-9a-f-]{36}");
        assertThat(row.get("reversedAt").isNull()).isTrue();

        Reply first = send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns/" + guid + "/reversed"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        Reply second = send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns/" + guid + "/reversed"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("reversedAt").asText()).isEqualTo(first.json().get("reversedAt").asText());
        assertThat(second.json().get("reversedBy").asText()).isEqualTo("operator");
        assertThat(count("select count(*) from payment_event e join payment p on p.payment_id = e.payment_id where p.payment_guid = ?"
                + " and e.detail = 'marked reversed in the CIS by operator'", guid)).isEqualTo(1);
        assertThat(send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns")).GET()).json()).isEmpty();
        assertThat(send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns?status=reversed")).GET()).json()).hasSize(1);
        assertThat(send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns?status=later")).GET()).status()).isEqualTo(400);
        assertThat(send(asOperator(request("/api/v1/billers/" + b.bid() + "/ach-returns/" + UUID.randomUUID() + "/reversed"))
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(404);
        assertThat(send(request("/api/v1/billers/" + b.bid() + "/ach-returns").header("X-Api-Key", b.apiKey()).GET()).status())
                .as("operator only").isEqualTo(403);
    }

    @Test
    void anEventIsTakenOnceABadOrStaleSignatureChangesNothingAndAnUnknownPaymentIsKept() {
        TestBiller b = billerWithBills("7303-1");
        UUID guid = pending(b, "7303-1", CONFIRMED_ACCOUNT);
        String secret = webhooks.sandboxSecret(b.bid());
        String confirmed = paymentIntentEvent("evt_test_confirm_1", "payment_intent.succeeded", guid, reference(guid), "null");

        Reply once = webhook("sandbox", b, confirmed, signed(confirmed, secret));
        Reply twice = webhook("sandbox", b, confirmed, signed(confirmed, secret));
        assertThat(once.status()).as(once.body()).isEqualTo(200);
        assertThat(once.json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(twice.json().get("outcome").asText()).isEqualTo("DUPLICATE");
        String again = confirmed.replace("evt_test_confirm_1", "evt_test_confirm_2");
        assertThat(webhook("sandbox", b, again, signed(again, secret)).json().get("outcome").asText()).isEqualTo("NO_CHANGE");
        assertThat(status(guid)).isEqualTo("APPROVED");
        assertThat(count("select count(*) from payment_event e join payment p on p.payment_id = e.payment_id where p.payment_guid = ?"
                + " and e.to_status = 'APPROVED'", guid)).isEqualTo(1);
        assertThat(count("select count(*) from processor_event where biller_id = ?", b.bid())).isEqualTo(2);

        // a failure signed with another secret, or signed too long ago: 400, nothing stored, the payment as it was
        String failed = paymentIntentEvent("evt_test_fail_1", "payment_intent.payment_failed", guid, reference(guid),
                "{\"code\": \"insufficient_funds\", \"message\": \"Insufficient funds\"}");
        Reply forged = webhook("sandbox", b, failed, signed(failed, "whsec_not_the_bill3rs_secret"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("field").asText()).isEqualTo("Stripe-Signature");
        Reply stale = webhook("sandbox", b, failed, WebhookSignatures.sign(failed, secret, clock.instant().getEpochSecond() - 600));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(webhook("sandbox", b, failed, null).status()).isEqualTo(400);
        assertThat(status(guid)).isEqualTo("APPROVED");
        assertThat(count("select count(*) from processor_event where biller_id = ?", b.bid())).isEqualTo(2);
        assertThat(webhook("sandbox", newBiller(), failed, signed(failed, secret)).status()).as("another biller's secret").isEqualTo(400);
        assertThat(send(request("/webhooks/sandbox/" + UUID.randomUUID()).POST(HttpRequest.BodyPublishers.ofString(failed))).status())
                .isEqualTo(404);

        UUID stranger = UUID.randomUUID();
        String unknown = paymentIntentEvent("evt_test_unknown_1", "payment_intent.succeeded", stranger, "pi_3QNobody", "null");
        Reply kept = webhook("sandbox", b, unknown, signed(unknown, secret));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().get("outcome").asText()).isEqualTo("UNKNOWN_PAYMENT");
        assertThat(jdbc.sql("select event_type || ' ' || outcome || ' ' || payment_guid from processor_event where event_id = 'evt_test_unknown_1'")
                .query(String.class).single()).isEqualTo("payment_intent.succeeded UNKNOWN_PAYMENT " + stranger);
        Reply listed = send(asOperator(request("/api/v1/billers/" + b.bid() + "/webhook-events")).GET());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).get("eventId").asText()).isEqualTo("evt_test_unknown_1");
        assertThat(listed.json().get(0).get("paymentGuid").asText()).isEqualTo(stranger.toString());
        assertThat(send(asOperator(request("/api/v1/billers/" + b.bid() + "/webhook-events?outcome=APPLIED")).GET()).json()).hasSize(1);
        assertThat(send(asOperator(request("/api/v1/billers/" + b.bid() + "/webhook-events?outcome=SOMETHING")).GET()).status())
                .isEqualTo(400);
    }

    @Test
    void stripeEventsSignedWithTheBillersSecretConfirmFailAndReturnABankPayment() {
        TestBiller b = billerWithBills("7304-1", "7305-1", "7306-1");
        billerService.setSetting(b.bid(), 1021, TextNode.valueOf(STRIPE_SECRET), "test");
        UUID failing = pending(b, "7304-1", CONFIRMED_ACCOUNT);
        UUID disputed = pending(b, "7305-1", CONFIRMED_ACCOUNT);

        // payment_intent.payment_failed as Stripe sends it for an ACH debit the bank refused
        String failed = paymentIntentEvent("evt_1QStripeFail", "payment_intent.payment_failed", failing, reference(failing), """
                {"code": "insufficient_funds", "decline_code": null, "doc_url": "https://stripe.com/docs/error-codes/insufficient-funds",
                 "message": "The customer's account has insufficient funds to cover this payment.",
                 "payment_method": {"id": "pm_1QBank", "object": "payment_method", "type": "us_bank_account"},
                 "type": "invalid_request_error"}""");
        Reply r = webhook("stripe", b, failed, signed(failed, STRIPE_SECRET));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(status(failing)).isEqualTo("RETURNED");
        assertThat(jdbc.sql("select return_code || ' ' || return_reason from ach_return r join payment p on p.payment_id = r.payment_id"
                + " where p.payment_guid = ?").param(failing).query(String.class).single()).isEqualTo("R01 Insufficient funds (insufficient_funds)");
        assertThat(webhook("sandbox", b, failed, signed(failed, STRIPE_SECRET)).status()).as("the sandbox path has its own secret")
                .isEqualTo(400);

        // confirmed, then returned days later: Stripe opens a dispute on the ACH charge
        String succeeded = paymentIntentEvent("evt_1QStripeOk", "payment_intent.succeeded", disputed, reference(disputed), "null");
        assertThat(webhook("stripe", b, succeeded, signed(succeeded, STRIPE_SECRET)).json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(status(disputed)).isEqualTo("APPROVED");
        String dispute = """
                {"id": "evt_1QStripeDispute", "object": "event", "api_version": "2024-06-20", "created": 1765209600, "livemode": false,
                 "type": "charge.dispute.created",
                 "data": {"object": {"id": "du_1QDispute", "object": "dispute", "amount": 4000, "currency": "usd",
                   "charge": "py_1QCharge", "payment_intent": "%s", "reason": "debit_not_authorized", "status": "lost",
                   "is_charge_refundable": false}}}""".formatted(reference(disputed));
        assertThat(webhook("stripe", b, dispute, signed(dispute, STRIPE_SECRET)).json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(status(disputed)).isEqualTo("RETURNED");
        assertThat(jdbc.sql("select return_code from ach_return r join payment p on p.payment_id = r.payment_id where p.payment_guid = ?")
                .param(disputed).query(String.class).single()).isEqualTo("R10");

        String other = """
                {"id": "evt_1QCustomer", "object": "event", "type": "customer.created", "data": {"object": {"id": "cus_1Q"}}}""";
        assertThat(webhook("stripe", b, other, signed(other, STRIPE_SECRET)).json().get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(postings(b, failing) + postings(b, disputed)).isEqualTo(2);
        assertThat(emails(failing, "ACH_RETURNED") + emails(disputed, "ACH_RETURNED")).isEqualTo(2);
    }

    private Reply cancel(TestBiller b, UUID guid, String amount) {
        return send(asOperator(request("/api/v1/billers/" + b.bid() + "/payments/" + guid + "/refunds"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": \"" + amount + "\", \"reason\": \"wrong account\"}")));
    }

    @Test
    void aPendingPaymentCancelledWholeWhileItsDayIsOpenIsNeverDebitedNorReturned() {
        TestBiller b = billerWithBills("7308-1");
        UUID guid = pending(b, "7308-1", RETURNED_ACCOUNT);

        Reply part = cancel(b, guid, "10.00");
        assertThat(part.status()).as(part.body()).isEqualTo(422);
        assertThat(part.body()).contains("amount").contains("a bank payment still being processed can only be cancelled whole, 40.00");
        assertThat(status(guid)).isEqualTo("PENDING");

        Reply whole = cancel(b, guid, "40.00");
        assertThat(whole.status()).as(whole.body()).isEqualTo(201);
        assertThat(whole.json().get("kind").asText()).isEqualTo("VOID");
        assertThat(whole.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(status(guid)).isEqualTo("VOIDED");
        assertThat(jdbc.sql("select voided_at is not null from sandbox_charge where payment_guid = ?").param(guid).query(Boolean.class)
                .single()).as("the sandbox never sends it to the bank").isTrue();
        assertThat(count("select count(*) from email_message where biller_id = ? and kind = 'REFUND'", b.bid())).isEqualTo(1);

        // the account would have been returned R01: cancelled, the sandbox tells nothing of it, and nothing is listed
        deliverTwoDaysLater();
        assertThat(sandboxEvents(guid)).isZero();
        assertThat(status(guid)).isEqualTo("VOIDED");
        assertThat(emails(guid, "ACH_RETURNED")).isZero();
        assertThat(count("select count(*) from ach_return where biller_id = ?", b.bid())).isZero();
        assertThat(postings(b, guid)).as("posted to the CIS once, when it was taken; staff reverse the void by hand").isEqualTo(1);
        Reply again = cancel(b, guid, "40.00");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("the payment is VOIDED");
    }

    @Test
    void staffMarkAReturnReversedInTheCisAndThePagesPassAxe() {
        TestBiller b = billerWithBills("7307-1");
        UUID guid = pending(b, "7307-1", RETURNED_ACCOUNT);
        deliverTwoDaysLater();
        assertThat(status(guid)).isEqualTo("RETURNED");
        clock.reset();
        Reply created = send(asOperator(request("/api/v1/billers/" + b.bid() + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"email\":\"ana@example.org\"}")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        SignedInStaff admin = new SignedInStaff(b.bid(), staffUsers.list(b.bid()).get(0).userId(), "ana", StaffRole.ADMINISTRATOR, false);
        StaffUsers.IssuedPassword csr = staffUsers.create(admin, "carl", "carl@example.org", StaffRole.CSR, false);

        signInStaff(b.bid(), "carl", csr.oneTimePassword(), PASSWORD);
        browser.click("ach-returns-link");
        assertThat(browser.text("return-" + guid).replaceAll("\\s+", " ")).startsWith("7307-1 " + PAYER + " 40.00 ")
                .contains("R01 Insufficient funds " + guid + " CIS posting ");
        browser.assertAccessible("staff ACH returns, one open");
        browser.click("mark-" + guid);
        assertThat(browser.text("return-details")).contains("R01 Insufficient funds");
        browser.assertAccessible("staff ACH return, confirming");
        browser.click("confirm-reversed");
        assertThat(browser.text("marked")).contains(guid.toString());
        assertThat(browser.text("no-open-returns")).isEqualTo("No returned bank payment is waiting.");
        assertThat(browser.text("reversed-" + guid)).contains("staff:carl");
        browser.assertAccessible("staff ACH returns, one reversed");
        browser.get(url("/staff/" + b.bid() + "/payments/" + guid));
        assertThat(browser.text("payment-status")).isEqualTo("RETURNED");
        assertThat(browser.text("ach-return").replaceAll("\\s+", " "))
                .isEqualTo("The member's bank returned this payment: R01 Insufficient funds. Marked reversed in the CIS by staff:carl.");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target from staff_audit where biller_id = ? and action like 'ach-return%'")
                .param(b.bid()).query(String.class).list()).isEqualTo(List.of("carl ach-return.reversed payment " + guid));
        assertThat(jdbc.sql("select reversed_by from ach_return where biller_id = ?").param(b.bid()).query(String.class).single())
                .isEqualTo("staff:carl");

        // a read-only user reads the list but cannot mark: no link, and the post is refused, changing nothing
        StaffUsers.IssuedPassword reader = staffUsers.create(admin, "rita", "rita@example.org", StaffRole.READ_ONLY, false);
        StaffHttp rita = new StaffHttp(this::url, "192.0.2.201");
        rita.signIn(b.bid(), "rita", reader.oneTimePassword(), null, PASSWORD, clock);
        String page = rita.get("/staff/" + b.bid() + "/ach-returns").body();
        assertThat(page).contains("id=\"reversed-" + guid + "\"").doesNotContain("id=\"mark-");
        long audited = count("select count(*) from staff_audit where biller_id = ?", b.bid());
        String csrf = "_csrf=" + StaffHttp.enc(StaffHttp.csrf(page));
        assertThat(rita.postRaw("/staff/" + b.bid() + "/ach-returns/" + guid + "/reversed", csrf).statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from staff_audit where biller_id = ?", b.bid())).isEqualTo(audited);
    }

    static final String PASSWORD = "a long staff password 1";
}
