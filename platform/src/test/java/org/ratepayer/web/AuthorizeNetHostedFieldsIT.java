package org.ratepayer.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A biller on Authorize.Net pays on the payment page through Accept.js's hosted form (docs/hosted-fields.md). Authorize.Net
 * is a WireMock server: it serves a stand-in for AcceptUI.js that keeps AcceptUI's documented contract (a button of class
 * "AcceptUI" carrying the login id, the public client key and the name of the page's answer function; the answer's
 * {@code opaqueData} nonce and masked {@code encryptedCardData}), and the API that takes the charge. The page posts only
 * the nonce token; the charge carries the nonce as {@code opaqueData}.
 */
@Tag("browser")
class AuthorizeNetHostedFieldsIT extends CisPageIT {

    static final String LOGIN = "5KP3u95bQpv";
    static final String KEY = "346HZ32z3fP4hTG2";
    static final String CLIENT_KEY = "5FcB6WrfHGS76gHW3v7btBCE3HuuBuke9Pj96Ztfn5R32G5ep42vne7MCWZtAucY";
    static final String NONCE = "eyJ0b2tlbiI6ImZyb20tdGhlLWxpZ2h0Ym94In0";

    static final WireMockServer ANET = startedWireMock();

    @DynamicPropertySource
    static void authorizeNetIsWireMock(DynamicPropertyRegistry registry) {
        registry.add("ratepayer.authorizenet.api-base", () -> "http://localhost:" + ANET.port());
        registry.add("ratepayer.authorizenet.accept-ui-url", () -> "http://localhost:" + ANET.port() + "/v3/AcceptUI.js");
    }

    @AfterAll
    static void stopAuthorizeNet() {
        ANET.stop();
    }

    /** AcceptUI's contract: its buttons open the hosted form, whose answer goes to the function the button names. */
    static final String ACCEPT_UI = """
            (function () {
              document.querySelectorAll('.AcceptUI').forEach(function (button) {
                button.addEventListener('click', function () {
                  window.acceptUiOpenedWith = button.getAttribute('data-apiLoginID') + ' ' + button.getAttribute('data-clientKey');
                  var answer = window[button.getAttribute('data-responseHandler')];
                  setTimeout(function () {
                    answer({messages: {resultCode: 'Ok', message: [{code: 'I_WC_01', text: 'Successful.'}]},
                            opaqueData: {dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: '%s'},
                            encryptedCardData: {cardNumber: 'XXXXXXXXXXXX1111', expDate: '12/30', bin: '411111'}});
                  }, 50);
                });
              });
            })();
            """.formatted(NONCE);

    static final String APPROVED = """
            <?xml version="1.0" encoding="utf-8"?>
            <createTransactionResponse xmlns="AnetApi/xml/v1/schema/AnetApiSchema.xsd"><messages><resultCode>Ok</resultCode>
            <message><code>I00001</code><text>Successful.</text></message></messages><transactionResponse><responseCode>1</responseCode>
            <authCode>HW617E</authCode><avsResultCode>Y</avsResultCode><cvvResultCode>P</cvvResultCode><transId>60019493399</transId>
            <refTransID/><transHash/><testRequest>0</testRequest><accountNumber>XXXX1111</accountNumber><accountType>Visa</accountType>
            <messages><message><code>1</code><description>This transaction has been approved.</description></message></messages>
            </transactionResponse></createTransactionResponse>""";

    private TestBiller authorizeNetBiller(String account) {
        TestBiller b = withBill(refreshingBiller(), account, "88.10");
        String base = "/api/v1/billers/" + b.bid() + "/settings/";
        assertThat(operatorPut(base + "1023", "{\"value\":\"" + LOGIN + "\"}").status()).isEqualTo(200);
        assertThat(operatorPut(base + "1024", "{\"value\":\"" + KEY + "\"}").status()).isEqualTo(200);
        assertThat(operatorPut(base + "1025", "{\"value\":\"" + CLIENT_KEY + "\"}").status()).isEqualTo(200);
        assertThat(operatorPut(base + "1017", "{\"value\":\"AUTHORIZE_NET\"}").status()).isEqualTo(200);
        return b;
    }

    @Test
    void aPayerPaysThroughAcceptUisHostedFormAndOnlyTheNonceReachesRatepayer() {
        ANET.stubFor(get(urlPathEqualTo("/v3/AcceptUI.js")).willReturn(aResponse().withHeader("Content-Type", "application/javascript")
                .withBody(ACCEPT_UI)));
        ANET.stubFor(post(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("<createTransactionRequest"))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody(APPROVED)));
        String account = "4701-1";
        TestBiller b = authorizeNetBiller(account);

        browser.findAccount(url("/pay/" + b.bid()), account, "49331");
        assertThat(browser.has("cardNumber")).as("no card field of Ratepayer's own").isFalse();
        assertThat(browser.text("acceptui-open")).isEqualTo("Enter card details");
        browser.assertAccessible("the payment page with AcceptUI's button");
        browser.fill("amount", "88.10");
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("VISA card ending 1111");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");

        assertThat(jdbc.sql("select method_token from payment where biller_id = ?").param(b.bid()).query(String.class).single())
                .isEqualTo("anet-nonce:CARD:VISA:1111:" + NONCE);
        ANET.verify(1, postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<dataDescriptor>COMMON.ACCEPT.INAPP.PAYMENT</dataDescriptor>"))
                .withRequestBody(containing("<dataValue>" + NONCE + "</dataValue>"))
                .withRequestBody(containing("<amount>88.10</amount>")));
    }

    static final String BANK_NONCE = "eyJ0b2tlbiI6ImZyb20tYWNjZXB0LWpzIn0";

    /**
     * Accept.js's contract for a bank account: {@code Accept.dispatchData(secureData, handler)} sends {@code secureData.bankData}
     * from the browser to Authorize.Net (here: a POST to the stand-in's own origin, as Accept.js posts to Authorize.Net's API)
     * and hands the handler a nonce for it.
     */
    static final String ACCEPT_JS = """
            (function () {
              var api = new URL(document.currentScript.src).origin + '/xml/v1/request.api';
              window.Accept = {
                dispatchData: function (secureData, handler) {
                  fetch(api, { method: 'POST', mode: 'no-cors', body: JSON.stringify({ securePaymentContainerRequest: secureData }) })
                    .then(function () {
                      handler({ messages: { resultCode: 'Ok', message: [{ code: 'I_WC_01', text: 'Successful.' }] },
                                opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: '%s' } });
                    });
                }
              };
            })();
            """.formatted(BANK_NONCE);

    static final String ECHECK_ACCEPTED = """
            <?xml version="1.0" encoding="utf-8"?>
            <createTransactionResponse xmlns="AnetApi/xml/v1/schema/AnetApiSchema.xsd"><messages><resultCode>Ok</resultCode>
            <message><code>I00001</code><text>Successful.</text></message></messages><transactionResponse><responseCode>1</responseCode>
            <authCode/><avsResultCode>P</avsResultCode><cvvResultCode/><transId>60019495098</transId><refTransID/><transHash/>
            <testRequest>0</testRequest><accountNumber>XXXX6789</accountNumber><accountType>eCheck</accountType>
            <messages><message><code>1</code><description>This transaction has been approved.</description></message></messages>
            </transactionResponse></createTransactionResponse>""";

    @Test
    void aPayerPaysFromABankAccountWhoseNumbersGoFromThePageStraightToAuthorizeNet() throws Exception {
        ANET.stubFor(get(urlPathEqualTo("/v3/AcceptUI.js")).willReturn(aResponse().withHeader("Content-Type", "application/javascript")
                .withBody(ACCEPT_UI)));
        ANET.stubFor(get(urlPathEqualTo("/v1/Accept.js")).willReturn(aResponse().withHeader("Content-Type", "application/javascript")
                .withBody(ACCEPT_JS)));
        ANET.stubFor(post(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("securePaymentContainerRequest"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
        ANET.stubFor(post(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("<createTransactionRequest"))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody(ECHECK_ACCEPTED)));
        String account = "4702-1";
        TestBiller b = authorizeNetBiller(account);
        browser.close();
        browser = HeadlessChromium.open(true);

        browser.findAccount(url("/pay/" + b.bid()), account, "49331");
        browser.click("method-ach");
        browser.fill("anet-ach-name", "Pat Doe");
        browser.fill("anet-ach-routing", "011000015");
        browser.fill("anet-ach-account", "000123456789");
        assertThat(browser.element("acceptui-open").isDisplayed()).as("the card button hidden for a bank account").isFalse();
        assertThat(browser.element("anet-ach-account").getDomAttribute("name")).as("never posted with the form").isNull();
        browser.assertAccessible("the payment page with Authorize.Net's bank fields");
        browser.fill("amount", "88.10");
        browser.click("review");
        assertThat(browser.text("review-method")).isEqualTo("Bank account ending 6789");
        browser.click("confirm");
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your bank payment is being processed");

        assertThat(jdbc.sql("select method_token || ' ' || status from payment where biller_id = ?").param(b.bid()).query(String.class)
                .single()).isEqualTo("anet-nonce:BANK:CHECKING:6789:" + BANK_NONCE + " PENDING");
        ANET.verify(1, postRequestedFor(urlPathEqualTo("/xml/v1/request.api"))
                .withRequestBody(containing("<createTransactionRequest"))
                .withRequestBody(containing("<dataValue>" + BANK_NONCE + "</dataValue>"))
                .withRequestBody(containing("<amount>88.10</amount>")));
        // the account number left the browser once, for Authorize.Net, with the biller's public keys; never for the platform
        List<HeadlessChromium.SentRequest> withAccount = browser.requestsSent().stream()
                .filter(r -> (r.url() + r.body()).contains("000123456789")).toList();
        assertThat(withAccount).hasSize(1).allSatisfy(r -> {
            assertThat(r.url()).isEqualTo("http://localhost:" + ANET.port() + "/xml/v1/request.api");
            assertThat(r.body()).contains("\"clientKey\":\"" + CLIENT_KEY + "\"").contains("\"apiLoginID\":\"" + LOGIN + "\"")
                    .contains("\"accountType\":\"checking\"").contains("\"nameOnAccount\":\"Pat Doe\"").doesNotContain(KEY);
        });
        ANET.verify(0, postRequestedFor(urlPathEqualTo("/xml/v1/request.api")).withRequestBody(containing("000123456789"))
                .withRequestBody(containing("<createTransactionRequest")));
    }
}
