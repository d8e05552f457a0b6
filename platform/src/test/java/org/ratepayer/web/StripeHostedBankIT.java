package org.ratepayer.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Stripe biller's payer pays from a bank account on the payment page through Stripe's own bank form
 * (docs/processors.md, "Bank accounts at Stripe"). Stripe is a WireMock server: its API, and a stand-in for Stripe.js that
 * keeps the documented contract of {@code collectBankAccountForSetup} and {@code confirmUsBankAccountSetup} (a
 * SetupIntent's client secret in, the SetupIntent out), since the tests have no network: it shows the driver, the
 * platform's SetupIntent endpoint and the charge, not Stripe's own form. The page posts only the SetupIntent's id.
 */
@Tag("browser")
class StripeHostedBankIT extends CisPageIT {

    static final String KEY = "sk_test_51RatepayerBrowserBank00";
    static final WireMockServer STRIPE = startedWireMock();

    @DynamicPropertySource
    static void stripeIsWireMock(DynamicPropertyRegistry registry) {
        registry.add("ratepayer.stripe.api-base", () -> "http://localhost:" + STRIPE.port());
        registry.add("ratepayer.stripe.js-url", () -> "http://localhost:" + STRIPE.port() + "/v3/");
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.stop();
    }

    /** Stripe.js's contract for a bank account: the form collects it on the SetupIntent, confirming records the mandate. */
    static final String STRIPE_JS = """
            (function () {
              window.Stripe = function (key) {
                window.stripeKey = key;
                return {
                  elements: function () {
                    return { create: function () { return { mount: function (el) { el.textContent = 'Card'; } }; } };
                  },
                  collectBankAccountForSetup: function (options) {
                    window.stripeCollected = JSON.stringify(options.params);
                    return Promise.resolve({ setupIntent: { id: options.clientSecret.split('_secret_')[0], status: 'requires_confirmation' } });
                  },
                  confirmUsBankAccountSetup: function (clientSecret) {
                    window.stripeConfirmed = clientSecret;
                    return Promise.resolve({ setupIntent: { id: clientSecret.split('_secret_')[0], status: 'succeeded' } });
                  }
                };
              };
            })();
            """;

    private TestBiller stripeBiller(String account) {
        TestBiller b = withBill(refreshingBiller(), account, "88.10");
        String base = "/api/v1/billers/" + b.bid() + "/settings/";
        assertThat(operatorPut(base + "1018", "{\"value\":\"" + KEY + "\"}").status()).isEqualTo(200);
        assertThat(operatorPut(base + "1020", "{\"value\":\"pk_test_RatepayerBrowserBank\"}").status()).isEqualTo(200);
        assertThat(operatorPut(base + "1017", "{\"value\":\"STRIPE\"}").status()).isEqualTo(200);
        return b;
    }

    @Test
    void aPayerPaysFromABankAccountSetUpInStripesFormAndOnlyTheSetupIntentReachesRatepayer() {
        String account = "4711-1";
        TestBiller b = stripeBiller(account);
        STRIPE.stubFor(get(urlPathEqualTo("/v3/")).willReturn(aResponse().withHeader("Content-Type", "application/javascript")
                .withBody(STRIPE_JS)));
        STRIPE.stubFor(post(urlPathEqualTo("/v1/setup_intents")).willReturn(okJson("""
                {"id": "seti_1QBrowser", "object": "setup_intent", "status": "requires_payment_method", "usage": "on_session",
                 "client_secret": "seti_1QBrowser_secret_Page", "payment_method_types": ["us_bank_account"],
                 "metadata": {"biller": "%d"}}""".formatted(b.bid()))));
        STRIPE.stubFor(get(urlPathEqualTo("/v1/setup_intents/seti_1QBrowser")).willReturn(okJson("""
                {"id": "seti_1QBrowser", "object": "setup_intent", "status": "succeeded", "usage": "on_session", "customer": null,
                 "payment_method_types": ["us_bank_account"], "mandate": "mandate_1QBrowser", "metadata": {"biller": "%d"},
                 "payment_method": {"id": "pm_1QBrowser", "object": "payment_method", "type": "us_bank_account",
                   "billing_details": {"name": "Pat Payer"},
                   "us_bank_account": {"account_type": "checking", "bank_name": "STRIPE TEST BANK", "last4": "6789"}}}
                """.formatted(b.bid()))));
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(okJson("""
                {"id": "pi_3QBrowser", "object": "payment_intent", "amount": 8810, "currency": "usd", "status": "processing",
                 "payment_method_types": ["us_bank_account"], "latest_charge": {"id": "py_1QBrowser", "object": "charge"}}""")));

        browser.findAccount(url("/pay/" + b.bid()), account, "49331");
        browser.click("method-ach");
        assertThat(browser.text("ach-authorization")).startsWith("If you pay from a bank account: I authorize ");
        browser.fill("stripe-ach-name", "Pat Payer");
        assertThat(browser.has("bankAccountNumber")).as("no bank field of Ratepayer's own").isFalse();
        browser.assertAccessible("the payment page with Stripe's bank account choice");
        browser.fill("amount", "88.10");
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("Bank account ending 6789");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your bank payment is being processed");

        assertThat(jdbc.sql("select method_token || ' ' || status || ' ' || gateway_reference from payment where biller_id = ?")
                .param(b.bid()).query(String.class).single()).isEqualTo("seti_1QBrowser PENDING pi_3QBrowser");
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/setup_intents"))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("usage", equalTo("on_session"))
                .withFormParam("metadata[biller]", equalTo(String.valueOf(b.bid()))));
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("amount", equalTo("8810"))
                .withFormParam("payment_method_types[0]", equalTo("us_bank_account"))
                .withFormParam("payment_method", equalTo("pm_1QBrowser"))
                .withFormParam("mandate", equalTo("mandate_1QBrowser")));
    }
}
