package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.paynow.PayNowPartner;

/**
 * The balance the Pay Now page offers, in a real headless Chromium, against the Daffron CIS simulator
 * (docs/paynow.md, docs/cis-balances.md): the CIS's balance when the partner sends no invoices, the last known one
 * with a notice when the CIS is down, the partner's BalanceDue whatever the CIS says, a credit
 * shown as one and paid ahead, and a prepaid account topped up by any amount.
 */
@Tag("browser")
class PayNowBalancePageIT extends CisPageIT {

    /** A biller refreshing from the simulator, whose invoice file stored {@code stored} on the account's only bill. */
    private TestBiller biller(String account, String stored, CisAccount inCis) {
        TestBiller b = newBiller();
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        String base = "/api/v1/billers/" + b.bid();
        operatorPut(base + "/settings/8", "{\"value\":\"" + cis.cbUrl() + "\"}");
        operatorPut(base + "/settings/9", "{\"value\":\"InvoiceCloud\"}");
        operatorPut(base + "/settings/10", "{\"value\":\"pw\"}");
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(bill(account), account, "10/01/2026", stored, null).text()).status()).isEqualTo(201);
        cis.state().putAccount(inCis);
        return b;
    }

    private static String bill(String account) {
        return account.replace("-", "") + "0000001";
    }

    private String cloudPaymentUrl(TestBiller b, String body) {
        Reply r = send(request("/cloudpaymentsapi/v2").header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("Data").path("CloudPaymentURL").asText();
    }

    private void payByCard() {
        browser.click("method-card");
        browser.typeCard("4111 1111 1111 1111");
        browser.click("review");
        browser.click("confirm");
    }

    private String approved(TestBiller b) {
        return jdbc.sql("select invoice_number || '=' || amount from payment where biller_id = ? and channel = 'CPV2' "
                + "and status = 'APPROVED'").param(b.bid()).query(String.class).single();
    }

    @Test
    void withoutInvoicesThePageShowsAndTakesTheCisBalanceNotTheStoredOne() {
        String account = "1001-1";
        TestBiller b = biller(account, "141.95", CisAccount.of(account, PayableCharge.of("Electric", "154.24", "0")));
        browser.get(cloudPaymentUrl(b, "{\"Customers\": [{\"AccountNumber\": \"" + account + "\"}]}"));
        assertThat(browser.text("balance-" + bill(account))).isEqualTo("$154.24");
        assertThat(browser.text("total")).isEqualTo("$154.24");
        assertThat(browser.text("customer-heading-0")).as("a nameless account is headed by its number alone")
                .isEqualTo("Account 1001-1");
        assertThat(browser.has("fallback-notice")).isFalse();
        browser.assertAccessible("the Pay Now invoices step of a nameless account");
        browser.click("continue");
        payByCard();
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("receipt-amount-0")).isEqualTo("$154.24");
        assertThat(browser.text("receipt-total-0")).isEqualTo("$154.24");
        assertThat(approved(b)).isEqualTo(bill(account) + "=154.24");
    }

    @Test
    void whenTheCisIsDownTheStoredBalanceIsShownWithANoticeAndCanStillBePaid() {
        String account = "1002-1";
        TestBiller b = biller(account, "141.95", CisAccount.of(account, PayableCharge.of("Electric", "154.24", "0")));
        cis.state().setFaults(FaultPlan.serviceDown());
        browser.get(cloudPaymentUrl(b, "{\"Customers\": [{\"AccountNumber\": \"" + account + "\", \"Name\": \"Ana B\"}],"
                + " \"PageLoadOverride\": 1}"));
        assertThat(browser.text("fallback-notice")).contains("last balance we know of").contains("you can still pay");
        assertThat(browser.text("balance-" + bill(account))).isEqualTo("$141.95");
        assertThat(browser.text("customer-heading-0")).isEqualTo("Ana B — Account 1002-1");
        browser.assertAccessible("the Pay Now pay step with the last-known-balance notice");
        assertThat(count("select count(*) from cis_call_failure where biller_id = ? and account_number = ?", b.bid(), account))
                .as("the failure is recorded").isEqualTo(1);
        payByCard();
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(approved(b)).isEqualTo(bill(account) + "=141.95");
    }

    @Test
    void thePartnersBalanceDueWinsOverTheCis() {
        String account = "1003-1";
        TestBiller b = biller(account, "141.95", CisAccount.of(account, PayableCharge.of("Electric", "154.24", "0")));
        browser.get(cloudPaymentUrl(b, "{\"Customers\": [{\"AccountNumber\": \"" + account + "\", \"Invoices\": ["
                + "{\"InvoiceNumber\": \"" + bill(account) + "\", \"BalanceDue\": \"120.00\"}]}], \"PageLoadOverride\": 1}"));
        assertThat(browser.text("balance-" + bill(account))).isEqualTo("$120.00");
        assertThat(browser.text("total")).isEqualTo("$120.00");
        payByCard();
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(approved(b)).as("EBPP-8383").isEqualTo(bill(account) + "=120.00");
    }

    @Test
    void aCreditIsShownAsOneAndThePayerPaysAheadWhatTheyChoose() {
        String account = "1004-1";
        TestBiller b = biller(account, "141.95", CisAccount.of(account, PayableCharge.of("Electric", "-25.00", "0")));
        browser.get(cloudPaymentUrl(b, "{\"Customers\": [{\"AccountNumber\": \"" + account + "\", \"Invoices\": ["
                + "{\"InvoiceNumber\": \"" + bill(account) + "\", \"BalanceDue\": -25}]}]}"));
        assertThat(browser.text("balance-" + bill(account))).isEqualTo("$25.00 credit");
        assertThat(browser.text("total")).as("a credit owes nothing").isEqualTo("$0.00");
        assertThat(browser.text("credit-note")).contains("pay ahead");
        browser.assertAccessible("the Pay Now invoices step with a credit");
        browser.click("continue");
        assertThat(browser.text("credit-" + bill(account))).isEqualTo("$25.00 credit");
        assertThat(browser.element("amount-" + bill(account)).getDomProperty("value")).isEmpty();
        browser.assertAccessible("the Pay Now pay step with a credit to pay ahead");
        browser.fill("amount-" + bill(account), "10.00");
        payByCard();
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(browser.text("receipt-amount-0")).isEqualTo("$10.00");
        assertThat(approved(b)).isEqualTo(bill(account) + "=10.00");
    }

    @Test
    void aPrepaidAccountIsToppedUpByLessThanItsRemainingBalance() {
        String account = "1005-1";
        TestBiller b = biller(account, "50.00", CisAccount.of(account, PayableCharge.of("Electric", "50.00", "0"))
                .withPrepaid(new BigDecimal("4.93"), new BigDecimal("1")));
        browser.get(cloudPaymentUrl(b, "{\"Customers\": [{\"AccountNumber\": \"" + account + "\"}], \"PageLoadOverride\": 1}"));
        assertThat(browser.text("prepaid-note")).contains("any amount");
        assertThat(browser.element("amount-" + bill(account)).getDomProperty("value")).isEqualTo("4.93");
        browser.assertAccessible("the Pay Now pay step of a prepaid account");
        browser.fill("amount-" + bill(account), "2.00");
        payByCard();
        assertThat(browser.text("outcome")).isEqualTo("Thank you, your payment was approved");
        assertThat(approved(b)).isEqualTo(bill(account) + "=2.00");
    }
}
