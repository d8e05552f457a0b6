package org.ratepayer.payments.internal.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ratepayer.payments.internal.ProcessorIT;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.internal.webhooks.WebhookSignatures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A biller on Stripe end to end (docs/processors.md), Stripe being a WireMock server that answers as its API reference
 * documents: settings 1017 and 1018 through the operator API (the key sealed, never shown), the switch refused while a
 * payer holds a saved method of the sandbox, a kiosk payment with a {@code pm_} token stored and posted to the CIS
 * simulator as a sandbox payment is, a card number refused with 422 before any call, and an answer lost to a timeout
 * (and a 500) settled by the real repair job through the search API, exactly once. Bank payments (docs/processors.md,
 * "Bank accounts at Stripe"): a SetupIntent's bank account debited PENDING, posted once, confirmed or returned by Stripe's
 * signed webhook through the same once-only event path as every processor's (docs/ach.md); bank numbers refused with 422.
 */
class StripeProcessorIT extends ProcessorIT {

    static final String KEY = "sk_test_51RatepayerEndToEnd000";

    static final WireMockServer STRIPE = startedWireMock();

    @DynamicPropertySource
    static void stripeIsWireMock(DynamicPropertyRegistry registry) {
        registry.add("ratepayer.stripe.api-base", () -> "http://localhost:" + STRIPE.port());
        registry.add("ratepayer.stripe.read-timeout", () -> "2500ms");
        // the SetupIntent endpoint's throttle: each test speaks from addresses of its own (X-Forwarded-For, as behind a proxy)
        registry.add("ratepayer.trusted-proxies", () -> "127.0.0.1/32,::1/128");
        registry.add("ratepayer.throttle.lookup.per-address", () -> "3");
    }

    @Autowired
    org.ratepayer.shared.config.PublicUrl publicUrl;

    @AfterAll
    static void stopProcessor() {
        STRIPE.stop();
    }

    @Override
    protected WireMockServer processor() {
        return STRIPE;
    }

    private TestBiller stripeBiller(String account) {
        TestBiller b = billerWithBill(account);
        assertThat(setting(b, 1018, KEY).status()).isEqualTo(200);
        Reply chosen = setting(b, 1017, "stripe");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        return b;
    }

    private static void knownVisa(String token) {
        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_methods/" + token)).willReturn(okJson("""
                {"id": "%s", "object": "payment_method", "type": "card",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2034}}""".formatted(token))));
    }

    private static String succeeded(String id, UUID guid, String authorizationCode) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 12050, "currency": "usd", "status": "succeeded",
                 "metadata": {"payment_guid": "%s"},
                 "latest_charge": {"id": "ch_%s", "object": "charge", "authorization_code": "%s"}}
                """.formatted(id, guid, id, authorizationCode);
    }

    private static String searchAnswer(String... intents) {
        return "{\"object\": \"search_result\", \"url\": \"/v1/payment_intents/search\", \"has_more\": false, \"data\": ["
                + String.join(",", intents) + "]}";
    }

    @Test
    void theStripeKeyIsSealedAndNeverShown() {
        TestBiller b = billerWithBill("9101-1");
        Reply set = setting(b, 1018, KEY);
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(KEY);
        Reply shown = send(asOperator(request("/api/v1/billers/" + b.bid())).GET());
        assertThat(shown.body()).doesNotContain(KEY).contains("********");
        byte[] sealed = jdbc.sql("select value_cipher from biller_setting where biller_id = ? and setting_id = 1018").param(b.bid())
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
        assertThat(jdbc.sql("select value from biller_setting where biller_id = ? and setting_id = 1018").param(b.bid())
                .query(String.class).optional()).isEmpty();
        assertThat(billerService.config(b.bid()).setting(1018)).contains(KEY);

        Reply publishable = setting(b, 1018, "pk_test_51RatepayerPublishable");
        assertThat(publishable.status()).isEqualTo(422);
        assertThat(publishable.body()).contains("setting 1018").doesNotContain("pk_test_51RatepayerPublishable");
        assertThat(billerService.config(b.bid()).setting(1018)).contains(KEY);
        Reply unknownProcessor = setting(b, 1017, "PAYPAL");
        assertThat(unknownProcessor.status()).isEqualTo(422);
        assertThat(unknownProcessor.body()).contains("setting 1017");
    }

    @Test
    void theProcessorCannotBeSwitchedWhileAPayerHoldsASavedMethodOfTheOldOne() {
        TestBiller b = billerWithBill("9102-1");
        Payer pat = directory.register(b.bid(), "pat" + b.bid(), "pat" + b.bid() + "@example.com", List.of("9102-1"), "Processor-2026")
                .payer();
        SavedPaymentMethod card = wallet.save(b.bid(), pat.userId(),
                payments.tokenize(b.bid(), new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null), 12, 2099, null, true);

        Reply refused = setting(b, 1017, "STRIPE");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).startsWith("setting 1017: the biller's payers hold 1 saved payment method of SANDBOX");
        assertThat(billerService.config(b.bid()).setting(1017)).isEmpty();
        // setting it to what it already is (the default) is no switch
        assertThat(setting(b, 1017, "SANDBOX").status()).isEqualTo(200);

        assertThat(wallet.remove(b.bid(), pat.userId(), card.id())).isTrue();
        assertThat(setting(b, 1017, "STRIPE").status()).isEqualTo(200);
        assertThat(billerService.config(b.bid()).setting(1017)).contains("STRIPE");
    }

    @Test
    void aKioskPaymentWithAStripeTokenIsStoredAndPostedAsASandboxOneIs() {
        TestBiller b = stripeBiller("9103-1");
        knownVisa("pm_1QKiosk");
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(okJson(succeeded("pi_3QKiosk", UUID.randomUUID(), "A1B2C3"))));

        Reply paid = pay(b, byToken("9103-1", "pm_1QKiosk"));

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(paid.json().get("approvalCode").asText()).isEqualTo("A1B2C3");
        assertThat(paid.json().get("last4").asText()).isEqualTo("4242");
        String guid = paid.json().get("paymentGuid").asText();
        assertThat(row(guid)).isEqualTo(new Row("APPROVED", "pm_1QKiosk", "VISA", "4242", "A1B2C3", "pi_3QKiosk"));
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo(guid))
                .withFormParam("amount", equalTo("12050"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("payment_method", equalTo("pm_1QKiosk"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[payment_guid]", equalTo(guid))
                .withFormParam("metadata[biller]", equalTo(String.valueOf(b.bid()))));

        await().atMost(PATIENCE).until(() -> posted("9103-1").size() == 1);
        PaymentPosting posting = posted("9103-1").get(0);
        assertThat(posting.amount()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(posting.authorizationCode()).isEqualTo("A1B2C3");
        assertThat(posting.transactionId()).isEqualToIgnoringCase(guid);
    }

    @Test
    void aSavedMethodBelongsToACustomerOfItsOwnAndIsChargedOffSession() {
        TestBiller b = stripeBiller("9108-1");
        Payer pat = directory.register(b.bid(), "pat" + b.bid(), "pat" + b.bid() + "@example.com", List.of("9108-1"), "Processor-2026")
                .payer();
        knownVisa("pm_1QWallet");
        STRIPE.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
                {"id": "cus_QWallet", "object": "customer"}""")));
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_methods/pm_1QWallet/attach")).willReturn(okJson("""
                {"id": "pm_1QWallet", "object": "payment_method", "type": "card", "customer": "cus_QWallet",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2034}}""")));

        SavedPaymentMethod saved = wallet.save(b.bid(), pat.userId(), payments.tokenizeOne(b.bid(), null, null, "pm_1QWallet"), 12, 2034, null, true);

        assertThat(saved.label()).contains("4242");
        assertThat(jdbc.sql("select token from payer_method where method_guid = ?").param(saved.id()).query(String.class).single())
                .isEqualTo("cus_QWallet/pm_1QWallet");
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/customers")).withHeader("Idempotency-Key", equalTo("customer-for-pm_1QWallet")));
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_1QWallet/attach"))
                .withFormParam("customer", equalTo("cus_QWallet")));

        // charged later from the saved token: Stripe is told the Customer and that the payer is not there
        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QWallet")).willReturn(okJson("""
                {"id": "pm_1QWallet", "object": "payment_method", "type": "card", "customer": "cus_QWallet",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2034}}""")));
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(okJson(succeeded("pi_3QSaved", UUID.randomUUID(), "S4V3D1"))));
        Reply paid = pay(b, byToken("9108-1", "cus_QWallet/pm_1QWallet"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("payment_method", equalTo("pm_1QWallet"))
                .withFormParam("customer", equalTo("cus_QWallet"))
                .withFormParam("off_session", equalTo("true")));
        assertThat(row(paid.json().get("paymentGuid").asText()).token()).isEqualTo("cus_QWallet/pm_1QWallet");
    }

    @Test
    void aCardNumberIsRefusedForAStripeBillerBeforeAnyCall() {
        TestBiller b = stripeBiller("9104-1");

        Reply refused = pay(b, """
                {"channel": "IVR", "accountNumber": "9104-1", "amount": 120.50,
                 "card": {"number": "4242424242424242", "expMonth": 12, "expYear": 2099, "cvv": "123", "postalCode": "49331"}}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("field").asText()).isEqualTo("card");
        assertThat(refused.json().get("code").asText()).isEqualTo("method_not_accepted");
        assertThat(refused.json().get("detail").asText()).contains("this biller's processor takes card numbers only in its own hosted fields");
        assertThat(refused.body()).doesNotContain("4242424242424242");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        // the same on the enrolment API: autopay with a card number is refused, nothing enrolled
        Reply autopay = send(request("/api/v1/billers/" + b.bid() + "/accounts/9104-1/autopay").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"enrolled": true,
                         "card": {"number": "4242424242424242", "expMonth": 12, "expYear": 2099, "cvv": "123", "postalCode": "49331"}}""")));
        assertThat(autopay.status()).as(autopay.body()).isEqualTo(422);
        assertThat(autopay.json().get("field").asText()).isEqualTo("card");
        assertThat(autopay.json().get("code").asText()).isEqualTo("method_not_accepted");
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ?", b.bid())).isZero();
        assertThat(STRIPE.getAllServeEvents()).isEmpty();
    }

    @Test
    void aTokenStripeDoesNotConfirmInTimeIsA503AndNothingIsRecorded() {
        TestBiller b = stripeBiller("9107-1");
        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QMute")).willReturn(okJson("""
                {"id": "pm_1QMute", "object": "payment_method", "type": "card", "card": {"brand": "visa", "last4": "4242"}}""")
                .withFixedDelay(5000)));

        Reply unavailable = pay(b, byToken("9107-1", "pm_1QMute"));

        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(503);
        assertThat(unavailable.json().get("code").asText()).isEqualTo("processor_unavailable");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        STRIPE.verify(0, postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
    }

    @Test
    void anAnswerLostToATimeoutIsSettledByTheRepairJobThroughSearchExactlyOnce() {
        TestBiller b = stripeBiller("9105-1");
        knownVisa("pm_1QSlow");
        // Stripe charges, but its answer comes after the adapter stopped waiting (2.5 s)
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(okJson(succeeded("pi_3QLost", UUID.randomUUID(), "LOST01")).withFixedDelay(5000)));

        Reply unknown = pay(b, byToken("9105-1", "pm_1QSlow"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(201);
        assertThat(unknown.json().get("status").asText()).isEqualTo("UNKNOWN");
        String guid = unknown.json().get("paymentGuid").asText();
        assertThat(row(guid).status()).isEqualTo("UNKNOWN");

        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
                .withQueryParam("query", equalTo("metadata['payment_guid']:'" + guid + "'"))
                .willReturn(okJson(searchAnswer(succeeded("pi_3QLost", UUID.fromString(guid), "LOST01")))));
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(UUID.fromString(guid)).update();
        repairJob.repair();
        repairJob.repair();

        assertThat(row(guid)).isEqualTo(new Row("APPROVED", "pm_1QSlow", "VISA", "4242", "LOST01", "pi_3QLost"));
        assertThat(count("select count(*) from payment_event e join payment p using (payment_id) where p.payment_guid = ? and e.to_status = 'APPROVED'",
                UUID.fromString(guid))).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> posted("9105-1").size() == 1);
        assertThat(posted("9105-1").get(0).authorizationCode()).isEqualTo("LOST01");
        Reply answered = getJson("/api/v1/billers/" + b.bid() + "/payments/" + guid, b.apiKey());
        assertThat(answered.json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void aServerErrorLeavesTheOutcomeToTheRepairJobWhichClosesItWhenStripeNeverSawIt() {
        TestBiller b = stripeBiller("9106-1");
        knownVisa("pm_1QFive");
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong on Stripe's end.\"}}")));
        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(searchAnswer())));

        Reply unknown = pay(b, byToken("9106-1", "pm_1QFive"));
        assertThat(unknown.json().get("status").asText()).isEqualTo("UNKNOWN");
        String guid = unknown.json().get("paymentGuid").asText();

        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(UUID.fromString(guid)).update();
        repairJob.repair();
        assertThat(row(guid).status()).as("Stripe's search may lag: not given up yet").isEqualTo("UNKNOWN");

        jdbc.sql("update payment set created_at = now() - interval '16 minutes', updated_at = now() - interval '1 minute' where payment_guid = ?")
                .param(UUID.fromString(guid)).update();
        repairJob.repair();
        assertThat(row(guid).status()).isEqualTo("ERROR");
        assertThat(posted("9106-1")).isEmpty();
    }

    static final String WEBHOOK_SECRET = "whsec_test_StripeProcessorIT0000000000";

    /** A SetupIntent set up in Stripe's bank form for this biller, as Stripe's API reference shows it retrieved. */
    private static void setUpBank(String id, TestBiller b) {
        STRIPE.stubFor(get(urlPathEqualTo("/v1/setup_intents/" + id)).willReturn(okJson("""
                {"id": "%s", "object": "setup_intent", "status": "succeeded", "usage": "on_session", "customer": null,
                 "payment_method_types": ["us_bank_account"], "mandate": "mandate_%s", "metadata": {"biller": "%d"},
                 "payment_method": {"id": "pm_%s", "object": "payment_method", "type": "us_bank_account",
                   "us_bank_account": {"account_type": "checking", "bank_name": "STRIPE TEST BANK", "last4": "6789"}}}
                """.formatted(id, id, b.bid(), id))));
    }

    private static String processing(String id) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 12050, "currency": "usd", "status": "processing",
                 "payment_method_types": ["us_bank_account"],
                 "latest_charge": {"id": "py_%s", "object": "charge", "authorization_code": null}}
                """.formatted(id, id);
    }

    private String paymentIntentEvent(String eventId, String type, String guid, String paymentIntent, String lastPaymentError) {
        return """
                {"id": "%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": 1764950400, "livemode": false,
                 "pending_webhooks": 1, "type": "%s",
                 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 12050, "currency": "usd",
                   "status": "%s", "payment_method_types": ["us_bank_account"],
                   "metadata": {"payment_guid": "%s"}, "last_payment_error": %s}}}
                """.formatted(eventId, type, paymentIntent, lastPaymentError == null ? "succeeded" : "requires_payment_method", guid,
                lastPaymentError == null ? "null" : lastPaymentError);
    }

    private Reply webhook(TestBiller b, String payload) {
        return send(request("/webhooks/stripe/" + b.guid()).header("Content-Type", "application/json")
                .header("Stripe-Signature", WebhookSignatures.sign(payload, WEBHOOK_SECRET, clock.instant().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
    }

    @Test
    void aBankPaymentIsPendingPostedOnceAndConfirmedByStripesSignedWebhook() {
        TestBiller b = stripeBiller("9110-1");
        assertThat(setting(b, 1021, WEBHOOK_SECRET).status()).isEqualTo(200);
        setUpBank("seti_1QBankIT", b);
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(okJson(processing("pi_3QBankIT"))));

        Reply paid = pay(b, byToken("9110-1", "seti_1QBankIT"));

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("PENDING");
        String guid = paid.json().get("paymentGuid").asText();
        assertThat(row(guid)).isEqualTo(new Row("PENDING", "seti_1QBankIT", "CHECKING", "6789", "pi_3QBankIT", "pi_3QBankIT"));
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo(guid))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("payment_method", equalTo("pm_seti_1QBankIT"))
                .withFormParam("mandate", equalTo("mandate_seti_1QBankIT"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[payment_guid]", equalTo(guid)));
        await().atMost(PATIENCE).until(() -> posted("9110-1").size() == 1);
        assertThat(posted("9110-1").get(0).amount()).isEqualByComparingTo(new BigDecimal("120.50"));

        String succeeded = paymentIntentEvent("evt_1QBankOk", "payment_intent.succeeded", guid, "pi_3QBankIT", null);
        Reply confirmed = webhook(b, succeeded);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(row(guid).status()).isEqualTo("APPROVED");
        assertThat(webhook(b, succeeded).json().get("outcome").asText()).as("Stripe's retry of the same event").isEqualTo("DUPLICATE");
        assertThat(count("select count(*) from processor_event where processor = 'stripe' and payment_guid = ?", UUID.fromString(guid)))
                .isEqualTo(1);
        // confirmed, not paid again: still one posting to the CIS
        assertThat(count("select count(*) from posting where biller_id = ? and kind = 'CIS_PAYMENT' and payload ->> 'paymentGuid' = ?",
                b.bid(), guid)).isEqualTo(1);
        assertThat(posted("9110-1")).hasSize(1);
    }

    @Test
    void aBankPaymentStripeFailsIsReturnedWithItsCodeForStaff() {
        TestBiller b = stripeBiller("9111-1");
        assertThat(setting(b, 1021, WEBHOOK_SECRET).status()).isEqualTo(200);
        setUpBank("seti_1QBankNsf", b);
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(okJson(processing("pi_3QBankNsf"))));
        String guid = pay(b, byToken("9111-1", "seti_1QBankNsf")).json().get("paymentGuid").asText();
        await().atMost(PATIENCE).until(() -> posted("9111-1").size() == 1);

        String failed = paymentIntentEvent("evt_1QBankNsf", "payment_intent.payment_failed", guid, "pi_3QBankNsf", """
                {"code": "insufficient_funds", "message": "The customer's account has insufficient funds to cover this payment.",
                 "payment_method": {"id": "pm_seti_1QBankNsf", "object": "payment_method", "type": "us_bank_account"},
                 "type": "invalid_request_error"}""");
        Reply r = webhook(b, failed);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(row(guid).status()).isEqualTo("RETURNED");
        assertThat(jdbc.sql("select return_code from ach_return r join payment p on p.payment_id = r.payment_id where p.payment_guid = ?")
                .param(UUID.fromString(guid)).query(String.class).single()).isEqualTo("R01");
        assertThat(posted("9111-1")).as("the CIS is never touched for a return: staff reverse it").hasSize(1);
    }

    @Test
    void bankNumbersAreRefusedForAStripeBillerBeforeAnyCallAndASetupIntentOfAnotherBillerIsUnknown() {
        TestBiller b = stripeBiller("9112-1");

        Reply refused = pay(b, """
                {"channel": "IVR", "accountNumber": "9112-1", "amount": 120.50,
                 "bank": {"routingNumber": "110000000", "accountNumber": "000123456789", "accountType": "CHECKING"}}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("field").asText()).isEqualTo("bank");
        assertThat(refused.json().get("code").asText()).isEqualTo("method_not_accepted");
        assertThat(refused.body()).doesNotContain("000123456789");
        assertThat(STRIPE.getAllServeEvents()).isEmpty();

        // a SetupIntent this biller did not make (another biller's metadata) is unknown, and nothing is charged
        STRIPE.stubFor(get(urlPathEqualTo("/v1/setup_intents/seti_1QTheirs")).willReturn(okJson("""
                {"id": "seti_1QTheirs", "object": "setup_intent", "status": "succeeded", "mandate": "mandate_1Q",
                 "metadata": {"biller": "0"}, "payment_method": {"id": "pm_1Q", "object": "payment_method", "type": "us_bank_account",
                 "us_bank_account": {"last4": "6789"}}}""")));
        Reply unknown = pay(b, byToken("9112-1", "seti_1QTheirs"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("methodToken: unknown or expired payment method token");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        STRIPE.verify(0, postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
    }

    private Reply setupIntent(String billerKey, String origin, String address, String form) {
        HttpRequest.Builder r = request("/hosted-fields/stripe/" + billerKey + "/setup-intent").header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (origin != null) {
            r.header("Origin", origin);
        }
        return send(r.POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private java.net.http.HttpResponse<String> setupIntentResponse(String billerKey, String origin, String address) throws Exception {
        return http.send(request("/hosted-fields/stripe/" + billerKey + "/setup-intent").header("X-Forwarded-For", address)
                .header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("save=false")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSetupIntentEndpointAnswersOnlyTheBillersOwnPagesAndPartnersAndIsThrottled() throws Exception {
        TestBiller b = stripeBiller("9113-1");
        String own = java.net.URI.create(publicUrl.base()).getScheme() + "://" + java.net.URI.create(publicUrl.base()).getRawAuthority();
        STRIPE.stubFor(post(urlPathEqualTo("/v1/setup_intents")).willReturn(okJson("""
                {"id": "seti_1QPage", "object": "setup_intent", "status": "requires_payment_method", "usage": "on_session",
                 "client_secret": "seti_1QPage_secret_RatepayerIT", "payment_method_types": ["us_bank_account"],
                 "metadata": {"biller": "%d"}}""".formatted(b.bid()))));
        STRIPE.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
                {"id": "cus_QPage", "object": "customer"}""")));

        // the platform's own page: the client secret, never cached
        java.net.http.HttpResponse<String> made = setupIntentResponse(b.guidText(), own, "203.0.113.31");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(made.body()).isEqualTo("{\"clientSecret\":\"seti_1QPage_secret_RatepayerIT\"}");
        assertThat(made.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(made.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/setup_intents"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("usage", equalTo("on_session"))
                .withFormParam("metadata[biller]", equalTo(String.valueOf(b.bid()))));

        // saving: a Customer of its own, for later charges
        assertThat(setupIntent(b.guidText(), own, "203.0.113.32", "save=true").status()).isEqualTo(200);
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/setup_intents")).withFormParam("customer", equalTo("cus_QPage"))
                .withFormParam("usage", equalTo("off_session")));

        // any other origin, or none, gets nothing, and Stripe is not called
        STRIPE.resetRequests();
        Reply elsewhere = setupIntent(b.guidText(), "https://attacker.example", "203.0.113.33", "");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.json().get("field").asText()).isEqualTo("Origin");
        assertThat(setupIntent(b.guidText(), null, "203.0.113.33", "").status()).isEqualTo(403);
        // a Pay Now partner of the biller's (setting 1003) is answered, with its origin named for its browser
        assertThat(setupIntent(b.guidText(), "https://portal.partner.example", "203.0.113.33", "").status()).isEqualTo(403);
        assertThat(setting(b, 1003, "https://portal.partner.example").status()).isEqualTo(200);
        java.net.http.HttpResponse<String> partner = setupIntentResponse(b.guidText(), "https://portal.partner.example", "203.0.113.34");
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(200);
        assertThat(partner.headers().firstValue("Access-Control-Allow-Origin")).contains("https://portal.partner.example");
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/setup_intents")));

        // a key that names no biller, or a biller not on Stripe
        Reply nobody = setupIntent(UUID.randomUUID().toString(), own, "203.0.113.35", "");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().get("field").asText()).isEqualTo("billerKey");
        assertThat(setupIntent("not-a-guid", own, "203.0.113.35", "").status()).isEqualTo(404);
        TestBiller sandbox = billerWithBill("9114-1");
        assertThat(setupIntent(sandbox.guidText(), own, "203.0.113.35", "").status()).isEqualTo(404);

        // each SetupIntent spends one of the address's tries (3 here): then 429 with Retry-After, and no call to Stripe
        STRIPE.resetRequests();
        for (int i = 0; i < 3; i++) {
            assertThat(setupIntent(b.guidText(), own, "203.0.113.36", "").status()).isEqualTo(200);
        }
        java.net.http.HttpResponse<String> throttled = setupIntentResponse(b.guidText(), own, "203.0.113.36");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(setupIntent(b.guidText(), own, "203.0.113.37", "").status()).as("another address").isEqualTo(200);
        STRIPE.verify(4, postRequestedFor(urlPathEqualTo("/v1/setup_intents")));
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("target/test-logs/platform-it.log")))
                .doesNotContain("seti_1QPage_secret_RatepayerIT");
    }

    @Test
    void aBankDebitWhoseAnswerWasLostIsSettledPendingByTheRepairJobAndPostedOnce() {
        TestBiller b = stripeBiller("9115-1");
        setUpBank("seti_1QBankLost", b);
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(okJson(processing("pi_3QBankLost")).withFixedDelay(5000)));

        Reply unknown = pay(b, byToken("9115-1", "seti_1QBankLost"));
        assertThat(unknown.json().get("status").asText()).as(unknown.body()).isEqualTo("UNKNOWN");
        String guid = unknown.json().get("paymentGuid").asText();

        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
                .withQueryParam("query", equalTo("metadata['payment_guid']:'" + guid + "'"))
                .willReturn(okJson(searchAnswer(processing("pi_3QBankLost")))));
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where payment_guid = ?").param(UUID.fromString(guid)).update();
        repairJob.repair();
        repairJob.repair();

        assertThat(row(guid)).isEqualTo(new Row("PENDING", "seti_1QBankLost", "CHECKING", "6789", "pi_3QBankLost", "pi_3QBankLost"));
        await().atMost(PATIENCE).until(() -> posted("9115-1").size() == 1);
        assertThat(count("select count(*) from payment_event e join payment p using (payment_id) where p.payment_guid = ? and e.to_status = 'PENDING'",
                UUID.fromString(guid))).isEqualTo(1);
    }
}
