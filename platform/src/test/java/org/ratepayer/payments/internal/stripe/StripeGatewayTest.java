package org.ratepayer.payments.internal.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.stripe.Stripe;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.gateway.MethodNotAcceptedException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.internal.RecordedChargesMap;
import org.ratepayer.payments.gateway.PaymentGateway.Outcome;
import org.ratepayer.payments.gateway.PaymentGateway.Result;

/**
 * The Stripe adapter against a WireMock server answering as Stripe's API reference documents (PaymentIntents create,
 * search, retrieve and cancel; Refunds create; PaymentMethods retrieve): each request is checked field by field, form
 * parameters and headers, and each answer mapped to what the platform records (docs/processors.md). No network.
 */
class StripeGatewayTest {

    static final long BID = 4242;
    static final String KEY = "sk_test_51RatepayerTestKey0000";
    static final String OTHER_KEY = "sk_test_51SomeoneElsesKey00000";

    static WireMockServer stripe;

    final RecordedChargesMap references = new RecordedChargesMap();
    StripeGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripe.start();
        // WireMock's first answer in a JVM is slow on a busy machine: one before the tests, so only the stubs' delays count
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + stripe.port() + "/v1/warm-up")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @BeforeEach
    void fresh() {
        stripe.resetAll();
        gateway = gateway("http://localhost:" + stripe.port());
    }

    StripeGateway gateway(String apiBase) {
        return new StripeGateway(new StripeProperties(apiBase, Duration.ofSeconds(2), Duration.ofMillis(1500), 0, "https://js.stripe.com/v3/"),
                bid -> Optional.of(bid == BID ? KEY : OTHER_KEY),
                references);
    }

    static String paymentIntent(String id, String status, String extra) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 1234, "currency": "usd", "status": "%s",
                 "capture_method": "automatic_async", "metadata": {"payment_guid": "g", "biller": "4242"}%s}
                """.formatted(id, status, extra);
    }

    static String withCharge(String authorizationCode) {
        return """
                , "latest_charge": {"id": "ch_3Q1", "object": "charge", "amount": 1234, "status": "succeeded", "paid": true,
                   "authorization_code": %s}""".formatted(authorizationCode == null ? "null" : "\"" + authorizationCode + "\"");
    }

    static MappingBuilder create() {
        return post(urlPathEqualTo("/v1/payment_intents"));
    }

    @Test
    void settlementIsWhatThePayoutsArrivingThatDayCarried() {
        UUID known = UUID.randomUUID();
        references.put(BID + "/" + known, "pi_3QKnown");
        stripe.stubFor(get(urlPathEqualTo("/v1/payouts")).willReturn(okJson("""
                {"object": "list", "url": "/v1/payouts", "has_more": false, "data": [
                  {"id": "po_1Q", "object": "payout", "amount": 3234, "currency": "usd", "status": "paid", "arrival_date": 1764892800}]}
                """)));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions")).withQueryParam("type", equalTo("payment")).willReturn(okJson("""
                {"object": "list", "url": "/v1/balance_transactions", "has_more": false, "data": [
                  {"id": "txn_3", "object": "balance_transaction", "amount": 4000, "fee": 32, "net": 3968, "currency": "usd",
                   "type": "payment", "source": {"id": "py_3", "object": "charge", "amount": 4000, "payment_intent": "pi_3QBank"}}]}
                """)));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions")).withQueryParam("type", equalTo("charge")).willReturn(okJson("""
                {"object": "list", "url": "/v1/balance_transactions", "has_more": false, "data": [
                  {"id": "txn_1", "object": "balance_transaction", "amount": 1234, "fee": 66, "net": 1168, "currency": "usd",
                   "type": "charge", "source": {"id": "ch_1", "object": "charge", "amount": 1234, "payment_intent": "pi_3QKnown"}},
                  {"id": "txn_2", "object": "balance_transaction", "amount": 2000, "fee": 88, "net": 1912, "currency": "usd",
                   "type": "charge", "source": {"id": "ch_2", "object": "charge", "amount": 2000, "payment_intent": "pi_3QStranger"}}]}
                """)));

        List<PaymentGateway.Settlement> settled = gateway.settled(BID, java.time.LocalDate.of(2025, 12, 5));

        assertThat(settled).containsExactly(
                new PaymentGateway.Settlement(known, new BigDecimal("12.34"), "pi_3QKnown"),
                new PaymentGateway.Settlement(UUID.nameUUIDFromBytes("pi_3QStranger".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new BigDecimal("20.00"), "pi_3QStranger"),
                // a bank debit's balance transaction is of type "payment" (its source a py_ charge)
                new PaymentGateway.Settlement(UUID.nameUUIDFromBytes("pi_3QBank".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new BigDecimal("40.00"), "pi_3QBank"));
        // 2025-12-05T00:00Z and the day after, as Unix seconds
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/payouts"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withQueryParam("status", equalTo("paid"))
                .withQueryParam("arrival_date[gte]", equalTo("1764892800"))
                .withQueryParam("arrival_date[lt]", equalTo("1764979200")));
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("payout", equalTo("po_1Q"))
                .withQueryParam("type", equalTo("charge"))
                .withQueryParam("expand[0]", equalTo("data.source")));
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("payout", equalTo("po_1Q"))
                .withQueryParam("type", equalTo("payment"))
                .withQueryParam("expand[0]", equalTo("data.source")));
    }

    @Test
    void aChargeIsOneConfirmedPaymentIntentKeyedByThePaymentGuid() {
        UUID guid = UUID.randomUUID();
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QApproved", "succeeded", withCharge("831000")))));

        Result r = gateway.charge(BID, guid, "pm_1QVisa", new BigDecimal("12.34"));

        assertThat(r).isEqualTo(new Result(Outcome.APPROVED, "831000", "pi_3QApproved", "Approved"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo(guid.toString()))
                .withHeader("Stripe-Version", equalTo(Stripe.API_VERSION))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
                .withFormParam("amount", equalTo("1234"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("payment_method", equalTo("pm_1QVisa"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[payment_guid]", equalTo(guid.toString()))
                .withFormParam("metadata[biller]", equalTo("4242"))
                .withFormParam("automatic_payment_methods[enabled]", equalTo("true"))
                .withFormParam("automatic_payment_methods[allow_redirects]", equalTo("never"))
                .withFormParam("expand[0]", equalTo("latest_charge")));
    }

    /** A SetupIntent of Stripe's API reference, succeeded for a bank account in Stripe's form, as retrieved with its payment_method. */
    static String setupIntent(String id, String status, String biller, String customer, String usage) {
        return """
                {"id": "%s", "object": "setup_intent", "status": "%s", "usage": "%s", "customer": %s,
                 "payment_method_types": ["us_bank_account"], "mandate": %s, "metadata": {"biller": "%s"},
                 "client_secret": "%s_secret_Q", "latest_attempt": "setatt_1Q",
                 "payment_method": {"id": "pm_1QBank", "object": "payment_method", "type": "us_bank_account",
                   "billing_details": {"name": "Pat Payer"},
                   "us_bank_account": {"account_holder_type": "individual", "account_type": "checking", "bank_name": "STRIPE TEST BANK",
                     "last4": "6789", "routing_number": "110000000"}}}
                """.formatted(id, status, usage, customer == null ? "null" : "\"" + customer + "\"",
                "succeeded".equals(status) ? "\"mandate_1QBank\"" : "null", biller, id);
    }

    static void setUp(String id, String status, String biller, String customer, String usage) {
        stripe.stubFor(get(urlPathEqualTo("/v1/setup_intents/" + id)).willReturn(okJson(setupIntent(id, status, biller, customer, usage))));
    }

    @Test
    void aBankDebitIsAPaymentIntentUnderTheMandateOfItsSetupIntentAndPendingWhileProcessing() {
        UUID guid = UUID.randomUUID();
        setUp("seti_1QBank", "succeeded", "4242", null, "on_session");
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QBank", "processing",
                ", \"payment_method_types\": [\"us_bank_account\"], \"payment_method\": \"pm_1QBank\", \"mandate\": \"mandate_1QBank\""
                        + withCharge(null)))));

        Result r = gateway.charge(BID, guid, "seti_1QBank", new BigDecimal("12.34"));

        assertThat(r).isEqualTo(new Result(Outcome.PENDING, "pi_3QBank", "pi_3QBank", "Pending: the bank payment is being processed"));
        assertThat(r.outcome().status()).isEqualTo(org.ratepayer.payments.PaymentStatus.PENDING);
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/setup_intents/seti_1QBank"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withQueryParam("expand[0]", equalTo("payment_method")));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo(guid.toString()))
                .withHeader("Stripe-Version", equalTo(Stripe.API_VERSION))
                .withFormParam("amount", equalTo("1234"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("payment_method", equalTo("pm_1QBank"))
                .withFormParam("mandate", equalTo("mandate_1QBank"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[payment_guid]", equalTo(guid.toString()))
                .withFormParam("metadata[biller]", equalTo("4242"))
                .withFormParam("expand[0]", equalTo("latest_charge"))
                // one payment on the page: no Customer, the payer is there; Stripe forbids automatic methods beside a type list
                .withoutFormParam("customer")
                .withoutFormParam("off_session")
                .withoutFormParam("mandate_data[customer_acceptance][type]")
                .withoutFormParam("automatic_payment_methods[enabled]"));
    }

    @Test
    void aBankDebitThatWaitsForMicrodepositsIsCancelledAndDeclinedNeverLeftLookingPaid() {
        setUp("seti_1QBank", "succeeded", "4242", null, "on_session");
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QVerify", "requires_action", """
                , "payment_method_types": ["us_bank_account"],
                 "next_action": {"type": "verify_with_microdeposits", "verify_with_microdeposits": {"microdeposit_type": "descriptor_code"}}"""))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QVerify/cancel"))
                .willReturn(okJson(paymentIntent("pi_3QVerify", "canceled", ", \"cancellation_reason\": \"abandoned\""))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "seti_1QBank", new BigDecimal("12.34"));

        assertThat(r).isEqualTo(new Result(Outcome.DECLINED, null, "pi_3QVerify",
                "Declined: the bank account must be verified first (microdeposits); the debit was cancelled"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QVerify/cancel"))
                .withHeader("Idempotency-Key", equalTo("abandon-pi_3QVerify"))
                .withFormParam("cancellation_reason", equalTo("abandoned")));
    }

    @Test
    void aBankLookUpStillProcessingIsPendingAndWaitingForVerificationIsDeclined() {
        UUID guid = UUID.randomUUID();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": [%s]}
                """.formatted(paymentIntent("pi_3QBank", "processing", ", \"payment_method_types\": [\"us_bank_account\"]")))));

        assertThat(gateway.lookup(BID, guid)).contains(new Result(Outcome.PENDING, "pi_3QBank", "pi_3QBank",
                "Pending: the bank payment is being processed"));

        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": [%s]}
                """.formatted(paymentIntent("pi_3QBank", "requires_action", ", \"payment_method_types\": [\"us_bank_account\"]")))));
        assertThat(gateway.lookup(BID, guid)).contains(new Result(Outcome.DECLINED, null, "pi_3QBank",
                "Declined: the bank account must be verified first (microdeposits)"));
    }

    @Test
    void aSetupIntentForAPageIsForABankAccountOnlyAndNamesTheBiller() {
        stripe.stubFor(post(urlPathEqualTo("/v1/setup_intents")).willReturn(okJson(setupIntent("seti_1QNew", "requires_payment_method",
                "4242", null, "on_session"))));

        assertThat(gateway.bankSetupIntent(BID, false)).isEqualTo("seti_1QNew_secret_Q");

        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/setup_intents"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("usage", equalTo("on_session"))
                .withFormParam("metadata[biller]", equalTo("4242"))
                .withoutFormParam("customer"));
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/customers")));
    }

    @Test
    void aSetupIntentForAMethodToSaveHasACustomerOfItsOwnAndIsForLaterCharges() {
        stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
                {"id": "cus_QBank", "object": "customer"}""")));
        stripe.stubFor(post(urlPathEqualTo("/v1/setup_intents")).willReturn(okJson(setupIntent("seti_1QSave", "requires_payment_method",
                "4242", "cus_QBank", "off_session"))));

        assertThat(gateway.bankSetupIntent(BID, true)).isEqualTo("seti_1QSave_secret_Q");

        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/customers")).withFormParam("metadata[biller]", equalTo("4242")));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/setup_intents"))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("usage", equalTo("off_session"))
                .withFormParam("customer", equalTo("cus_QBank"))
                .withFormParam("metadata[biller]", equalTo("4242")));
    }

    @Test
    void aSetUpBankAccountIsKnownOnlyWhenItsSetupIntentIsThisBillersAndSucceeded() {
        setUp("seti_1QOk", "succeeded", "4242", null, "on_session");
        setUp("seti_1QTheirs", "succeeded", "77", null, "on_session");
        setUp("seti_1QVerifying", "requires_action", "4242", null, "on_session");
        stripe.stubFor(get(urlPathEqualTo("/v1/setup_intents/seti_1QGone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "intent",
                         "message": "No such setupintent: 'seti_1QGone'"}}""")));

        assertThat(gateway.known(BID, "seti_1QOk")).contains(new PaymentGateway.Tokenized("seti_1QOk", Method.ACH, "CHECKING", "6789"));
        assertThat(gateway.known(BID, "seti_1QTheirs")).as("made for another biller").isEmpty();
        assertThat(gateway.known(BID, "seti_1QVerifying")).as("microdeposits not yet verified").isEmpty();
        assertThat(gateway.known(BID, "seti_1QGone")).as("another account's, or none").isEmpty();
    }

    @Test
    void aSavedBankAccountKeepsItsCustomerAndMandateAndIsChargedOffSessionUnderIt() {
        setUp("seti_1QSave", "succeeded", "4242", "cus_QBank", "off_session");
        PaymentGateway.Tokenized setUp = gateway.known(BID, "seti_1QSave").orElseThrow();

        PaymentGateway.Tokenized saved = gateway.forReuse(BID, setUp);

        assertThat(saved).isEqualTo(new PaymentGateway.Tokenized("cus_QBank/pm_1QBank/mandate_1QBank", Method.ACH, "CHECKING", "6789"));
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/customers")));

        stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QBank")).willReturn(okJson("""
                {"id": "pm_1QBank", "object": "payment_method", "type": "us_bank_account", "customer": "cus_QBank",
                 "us_bank_account": {"account_type": "savings", "bank_name": "STRIPE TEST BANK", "last4": "6789"}}""")));
        assertThat(gateway.known(BID, saved.token()))
                .contains(new PaymentGateway.Tokenized("cus_QBank/pm_1QBank/mandate_1QBank", Method.ACH, "SAVINGS", "6789"));
        assertThat(gateway.known(BID, "cus_QOther/pm_1QBank/mandate_1QBank")).as("another customer's").isEmpty();

        UUID guid = UUID.randomUUID();
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QAuto", "processing", """
                , "payment_method_types": ["us_bank_account"]"""))));
        assertThat(gateway.charge(BID, guid, saved.token(), new BigDecimal("40.00")).outcome()).isEqualTo(Outcome.PENDING);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo(guid.toString()))
                .withFormParam("amount", equalTo("4000"))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("payment_method", equalTo("pm_1QBank"))
                .withFormParam("customer", equalTo("cus_QBank"))
                .withFormParam("mandate", equalTo("mandate_1QBank"))
                .withFormParam("off_session", equalTo("true"))
                .withFormParam("confirm", equalTo("true"))
                .withoutFormParam("automatic_payment_methods[enabled]"));
        // known and forReuse asked for the SetupIntent; the saved token's charge needs it no more
        stripe.verify(2, getRequestedFor(urlPathEqualTo("/v1/setup_intents/seti_1QSave")));
    }

    @Test
    void aBankAccountSetUpForOnePaymentCannotBeSaved() {
        setUp("seti_1QOnce", "succeeded", "4242", null, "on_session");
        PaymentGateway.Tokenized once = gateway.known(BID, "seti_1QOnce").orElseThrow();

        assertThatThrownBy(() -> gateway.forReuse(BID, once)).isInstanceOf(org.ratepayer.payments.gateway.InvalidPaymentMethodException.class)
                .hasMessage("methodToken: this bank account was set up for one payment; enter it again to save it");
    }

    @Test
    void withoutAnAuthorizationCodeThePaymentIntentIdIsTheApprovalCode() {
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QNoAuth", "succeeded", withCharge(null)))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "pm_1QVisa", new BigDecimal("5"));

        assertThat(r).isEqualTo(new Result(Outcome.APPROVED, "pi_3QNoAuth", "pi_3QNoAuth", "Approved"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents")).withFormParam("amount", equalTo("500")));
    }

    @Test
    void aCardErrorIsADeclineWithItsDeclineCode() {
        stripe.stubFor(create().willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                  "message": "Your card has insufficient funds.", "param": "",
                  "payment_intent": %s}}
                """.formatted(paymentIntent("pi_3QDeclined", "requires_payment_method", "")))));

        Result r = gateway.charge(BID, UUID.randomUUID(), "pm_1QChargeDeclined", new BigDecimal("12.34"));

        assertThat(r).isEqualTo(new Result(Outcome.DECLINED, null, "pi_3QDeclined",
                "Declined: card_declined (insufficient_funds): Your card has insufficient funds."));
    }

    @Test
    void aServerErrorLeavesTheOutcomeUnknownAsStripeDocumentsIt() {
        stripe.stubFor(create().willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong on Stripe's end.\"}}")));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), "pm_1QVisa", new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class).hasMessageContaining("500");
    }

    @Test
    void aRefusedKeyIsAnErrorAndNothingWasTaken() {
        stripe.stubFor(create().willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"api_key_expired\", \"message\": \"Expired API Key provided\"}}")));

        Result r = gateway.charge(BID, UUID.randomUUID(), "pm_1QVisa", new BigDecimal("12.34"));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).isEqualTo("Processor error: api_key_expired: Expired API Key provided").doesNotContain(KEY);
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QLate", "succeeded", withCharge("111111"))).withFixedDelay(3000)));

        assertThatThrownBy(() -> gateway.charge(BID, UUID.randomUUID(), "pm_1QVisa", new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
    }

    @Test
    void noConnectionIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        StripeGateway unreachable = gateway("http://localhost:" + closed);

        assertThatThrownBy(() -> unreachable.charge(BID, UUID.randomUUID(), "pm_1QVisa", new BigDecimal("12.34")))
                .isInstanceOf(PaymentGateway.GatewayUnavailableException.class);
    }

    @Test
    void lookUpSearchesByTheGuidInMetadata() {
        UUID guid = UUID.randomUUID();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": [%s]}
                """.formatted(paymentIntent("pi_3QFound", "succeeded", withCharge("424242"))))));

        assertThat(gateway.lookup(BID, guid)).contains(new Result(Outcome.APPROVED, "424242", "pi_3QFound", "Approved"));
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withQueryParam("query", equalTo("metadata['payment_guid']:'" + guid + "'"))
                .withQueryParam("expand[0]", equalTo("data.latest_charge")));
    }

    @Test
    void lookUpOfAChargeStripeNeverSawIsEmpty() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": []}""")));

        assertThat(gateway.lookup(BID, UUID.randomUUID())).isEmpty();
    }

    @Test
    void lookUpOfADeclinedChargeIsADecline() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": [%s]}
                """.formatted(paymentIntent("pi_3QGone", "requires_payment_method",
                ", \"last_payment_error\": {\"type\": \"card_error\", \"code\": \"card_declined\", \"decline_code\": \"stolen_card\", \"message\": \"Your card was declined.\"}")))));

        assertThat(gateway.lookup(BID, UUID.randomUUID()))
                .contains(new Result(Outcome.DECLINED, null, "pi_3QGone", "Declined: card_declined (stolen_card): Your card was declined."));
    }

    @ParameterizedTest(name = "refund of {0} of the 12.34 charge: {1} cents")
    @CsvSource({"12.34, 1234", "5.00, 500", "0.01, 1"})
    void aRefundNamesThePaymentIntentTheAmountInCentsAndItsOwnIdAsIdempotencyKey(String amount, String cents) {
        UUID guid = UUID.randomUUID();
        UUID refundId = UUID.randomUUID();
        references.put(BID + "/" + guid, "pi_3QRefundable");
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(okJson("""
                {"id": "re_3QRefund", "object": "refund", "amount": %s, "currency": "usd", "payment_intent": "pi_3QRefundable",
                 "status": "succeeded"}""".formatted(cents))));

        Result r = gateway.refund(BID, guid, refundId, new BigDecimal(amount));

        assertThat(r).isEqualTo(new Result(Outcome.APPROVED, "re_3QRefund", "re_3QRefund", "Refund succeeded"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo(refundId.toString()))
                .withFormParam("payment_intent", equalTo("pi_3QRefundable"))
                .withFormParam("amount", equalTo(cents))
                .withFormParam("metadata[payment_guid]", equalTo(guid.toString()))
                .withFormParam("metadata[refund_id]", equalTo(refundId.toString())));
    }

    @Test
    void aRefundOfAChargeWithoutARecordedReferenceFindsItsPaymentIntentBySearch() {
        UUID guid = UUID.randomUUID();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": [%s]}
                """.formatted(paymentIntent("pi_3QSearched", "succeeded", "")))));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(okJson("""
                {"id": "re_3QPending", "object": "refund", "amount": 100, "payment_intent": "pi_3QSearched", "status": "pending"}""")));

        assertThat(gateway.refund(BID, guid, UUID.randomUUID(), new BigDecimal("1.00")).outcome()).isEqualTo(Outcome.APPROVED);
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds")).withFormParam("payment_intent", equalTo("pi_3QSearched")));
    }

    @Test
    void aRefundAboveWhatIsLeftIsDeclinedByStripe() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "pi_3QSmall");
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "invalid_request_error", "code": "amount_too_large", "param": "amount",
                          "message": "Refund amount ($20.00) is greater than unrefunded amount on charge ($12.34)"}}""")));

        Result r = gateway.refund(BID, guid, UUID.randomUUID(), new BigDecimal("20.00"));

        assertThat(r).isEqualTo(new Result(Outcome.DECLINED, null, null,
                "Refund refused: amount_too_large: Refund amount ($20.00) is greater than unrefunded amount on charge ($12.34)"));
    }

    @Test
    void aRefundWithoutAnAnswerIsATimeout() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "pi_3QSlow");
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(okJson("{\"id\": \"re_1\", \"object\": \"refund\", \"status\": \"succeeded\"}")
                .withFixedDelay(3000)));

        assertThatThrownBy(() -> gateway.refund(BID, guid, UUID.randomUUID(), new BigDecimal("1.00")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
    }

    @Test
    void anAutomaticallyCapturedChargeCannotBeVoided() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "pi_3QCaptured");
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QCaptured")).willReturn(okJson(paymentIntent("pi_3QCaptured", "succeeded", ""))));

        assertThat(gateway.voidCharge(BID, guid)).isEqualTo(new Result(Outcome.DECLINED, null, "pi_3QCaptured", "settled: refund instead"));
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QCaptured/cancel")));
    }

    @Test
    void anUncapturedChargeIsVoidedByCancellingItsPaymentIntent() {
        UUID guid = UUID.randomUUID();
        references.put(BID + "/" + guid, "pi_3QHeld");
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QHeld")).willReturn(okJson(paymentIntent("pi_3QHeld", "requires_capture", ""))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QHeld/cancel")).willReturn(okJson(paymentIntent("pi_3QHeld", "canceled", ""))));

        assertThat(gateway.voidCharge(BID, guid)).isEqualTo(new Result(Outcome.APPROVED, "pi_3QHeld", "pi_3QHeld", "Voided"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QHeld/cancel"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo("void-" + guid)));
    }

    @Test
    void aBankDebitStillProcessingIsCancelledUntilStripeHasSentItToTheBank() {
        UUID early = UUID.randomUUID();
        references.put(BID + "/" + early, "pi_3QEarly");
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QEarly")).willReturn(okJson(paymentIntent("pi_3QEarly", "processing", ""))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QEarly/cancel")).willReturn(okJson(paymentIntent("pi_3QEarly", "canceled", ""))));
        assertThat(gateway.voidCharge(BID, early)).isEqualTo(new Result(Outcome.APPROVED, "pi_3QEarly", "pi_3QEarly", "Voided"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QEarly/cancel"))
                .withHeader("Idempotency-Key", equalTo("void-" + early)));

        UUID late = UUID.randomUUID();
        references.put(BID + "/" + late, "pi_3QLate");
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QLate")).willReturn(okJson(paymentIntent("pi_3QLate", "processing", ""))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QLate/cancel")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                          "message": "You cannot cancel this PaymentIntent because it has a status of processing."}}""")));
        assertThat(gateway.voidCharge(BID, late)).isEqualTo(new Result(Outcome.DECLINED, null, "pi_3QLate",
                "the debit was sent to the bank already: wait for its confirmation, then refund it"));
    }

    @Test
    void aKnownPaymentMethodShowsItsBrandAndLastFour() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QSaved")).willReturn(okJson("""
                {"id": "pm_1QSaved", "object": "payment_method", "type": "card",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2034, "funding": "credit"}}""")));

        assertThat(gateway.known(BID, "pm_1QSaved")).contains(new PaymentGateway.Tokenized("pm_1QSaved", Method.CARD, "VISA", "4242"));
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_1QSaved")).withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void anotherAccountsPaymentMethodIsUnknown() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QTheirs")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "payment_method",
                          "message": "No such PaymentMethod: 'pm_1QTheirs'"}}""")));

        assertThat(gateway.known(BID, "pm_1QTheirs")).isEmpty();
        assertThat(gateway.known(BID, "tok_sbx_abc")).isEmpty();
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_1QTheirs")));
    }

    @Test
    void savingAMethodAttachesItToACustomerOfItsOwnBeforeItsFirstCharge() {
        stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
                {"id": "cus_QSaved", "object": "customer", "metadata": {"biller": "4242"}}""")));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_methods/pm_1QVisa/attach")).willReturn(okJson("""
                {"id": "pm_1QVisa", "object": "payment_method", "type": "card", "customer": "cus_QSaved",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2034}}""")));

        PaymentGateway.Tokenized kept = gateway.forReuse(BID, new PaymentGateway.Tokenized("pm_1QVisa", Method.CARD, "VISA", "4242"));

        assertThat(kept).isEqualTo(new PaymentGateway.Tokenized("cus_QSaved/pm_1QVisa", Method.CARD, "VISA", "4242"));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo("customer-for-pm_1QVisa"))
                .withFormParam("metadata[biller]", equalTo("4242")));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_1QVisa/attach"))
                .withHeader("Idempotency-Key", equalTo("attach-pm_1QVisa-cus_QSaved"))
                .withFormParam("customer", equalTo("cus_QSaved")));
        assertThat(gateway.forReuse(BID, kept)).as("a saved method is kept as it is").isEqualTo(kept);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/customers")));
    }

    @Test
    void aMethodStripeWillNotAttachIsNotSaved() {
        stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
                {"id": "cus_QOnce", "object": "customer"}""")));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_methods/pm_1QUsed/attach")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "message": "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again."}}""")));

        assertThatThrownBy(() -> gateway.forReuse(BID, new PaymentGateway.Tokenized("pm_1QUsed", Method.CARD, "VISA", "4242")))
                .isInstanceOf(org.ratepayer.payments.gateway.InvalidPaymentMethodException.class)
                .hasMessage("methodToken: this payment method cannot be saved; enter it again");
    }

    @Test
    void aSavedMethodIsChargedWithItsCustomerAsTheMerchantsOwnCharge() {
        UUID guid = UUID.randomUUID();
        stripe.stubFor(create().willReturn(okJson(paymentIntent("pi_3QAutopay", "succeeded", withCharge("441100")))));

        Result r = gateway.charge(BID, guid, "cus_QSaved/pm_1QVisa", new BigDecimal("80.00"));

        assertThat(r.outcome()).isEqualTo(Outcome.APPROVED);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo(guid.toString()))
                .withFormParam("payment_method", equalTo("pm_1QVisa"))
                .withFormParam("customer", equalTo("cus_QSaved"))
                .withFormParam("off_session", equalTo("true"))
                .withFormParam("confirm", equalTo("true")));
    }

    @Test
    void aSavedMethodIsKnownOnlyWhileItStillBelongsToItsCustomer() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QVisa")).willReturn(okJson("""
                {"id": "pm_1QVisa", "object": "payment_method", "type": "card", "customer": "cus_QSaved",
                 "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2034}}""")));

        assertThat(gateway.known(BID, "cus_QSaved/pm_1QVisa"))
                .contains(new PaymentGateway.Tokenized("cus_QSaved/pm_1QVisa", Method.CARD, "VISA", "4242"));
        assertThat(gateway.known(BID, "cus_QOther/pm_1QVisa")).as("another customer's pair").isEmpty();
        assertThat(gateway.known(BID, "cus_QSaved/tok_1")).as("not a payment method").isEmpty();
    }

    @Test
    void aBankPaymentMethodWithoutItsSetupIntentIsNotTaken() {
        // no mandate comes with it: the platform has no payer's acceptance to send, so it is taken only as its SetupIntent
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1QBank")).willReturn(okJson("""
                {"id": "pm_1QBank", "object": "payment_method", "type": "us_bank_account",
                 "us_bank_account": {"bank_name": "STRIPE TEST BANK", "last4": "6789", "account_holder_type": "individual"}}""")));

        assertThat(gateway.known(BID, "pm_1QBank")).isEmpty();
        assertThat(gateway.known(BID, "cus_QBank/pm_1QBank")).as("a saved pair without its mandate").isEmpty();
    }

    @Test
    void cardNumbersAndBankAccountsAreRefusedBeforeAnyCall() {
        assertThat(gateway.acceptsCardNumbers()).isFalse();
        assertThat(gateway.acceptsCardNumbers(BID)).isFalse();
        assertThatThrownBy(() -> gateway.tokenizeCard(BID, null, null)).isInstanceOf(MethodNotAcceptedException.class)
                .hasMessage("card: " + MethodNotAcceptedException.CARD_NUMBERS);
        assertThatThrownBy(() -> gateway.tokenizeBank(BID, null)).isInstanceOf(MethodNotAcceptedException.class)
                .hasMessage("bank: " + MethodNotAcceptedException.BANK_ACCOUNTS);
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0} dollars: {1}")
    @CsvSource({"12.34, 1234", "12.3, 1230", "12, 1200", "0.01, 1", "99999.99, 9999999", "12.340, 1234",
            "12.345, refused", "0, refused", "0.00, refused", "-1.00, refused"})
    void amountsAreWholeCents(String dollars, String cents) {
        if (cents.equals("refused")) {
            assertThatThrownBy(() -> StripeGateway.cents(new BigDecimal(dollars))).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(StripeGateway.cents(new BigDecimal(dollars))).isEqualTo(Long.parseLong(cents));
        }
    }
}
