package org.ratepayer.balances;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PayableCharge;

/** SPEC C3 end to end: the balance API asking the Daffron CIS simulator over MultiSpeak. */
class BalanceRefreshIT extends CisSimulatorIT {

    @AfterEach
    void healCis() {
        cis.state().clearFaults();
    }

    /** A Daffron biller whose refresh endpoint is the simulator, with one imported account. */
    private TestBiller billerWithAccount(String account, boolean option64) {
        TestBiller b = newBiller();
        String base = "/api/v1/billers/" + b.bid();
        assertThat(operatorPut(base + "/settings/8", "{\"value\":\"" + cis.cbUrl() + "\"}").status()).isEqualTo(200);
        operatorPut(base + "/settings/9", "{\"value\":\"" + CIS_USER + "\"}");
        operatorPut(base + "/settings/10", "{\"value\":\"" + CIS_PASSWORD + "\"}");
        operatorPut(base + "/options/64", "{\"value\":" + option64 + "}");
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0000001", account, "10/01/2026", "77.70", null).text()).status())
                .isEqualTo(201);
        return b;
    }

    private static String account(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + "-1";
    }

    private Reply balance(TestBiller b, String account) {
        return getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/balance", b.apiKey());
    }

    @Test
    void sumsEveryPayableItemAndStoresTheAnswer() {
        String acct = account("11");
        TestBiller b = billerWithAccount(acct, true);
        cis.state().putAccount(CisAccount.of(acct,
                PayableCharge.of("Electric", "100.07", "20.00"),
                PayableCharge.of("Water", "34.50", "0.50")));
        Reply r = balance(b, acct);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("source").asText()).isEqualTo("cis");
        assertThat(r.json().get("balanceDue").decimalValue()).isEqualByComparingTo("134.57");
        assertThat(r.json().get("pastDue").decimalValue()).isEqualByComparingTo("20.50");
        assertThat(r.json().get("blockAch").asBoolean()).isFalse();
        assertThat(r.json().get("prepaid").isNull()).isTrue();
        assertThat(r.json().get("refreshedAt").asText()).isNotBlank();
        assertThat(jdbc.sql("select balance_due from account_balance where biller_id = ? and account_number = ?")
                .params(b.bid(), acct).query(BigDecimal.class).single()).isEqualByComparingTo("134.57");
    }

    @Test
    void amountsSurviveExactly() {
        String acct = account("12");
        TestBiller b = billerWithAccount(acct, true);
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("A", "1234567.89", "0.07")));
        assertThat(balance(b, acct).body()).contains("\"balanceDue\":1234567.89").contains("\"pastDue\":0.07");
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("A", "-15.5", "0")));
        Reply credit = balance(b, acct);
        assertThat(credit.body()).contains("\"balanceDue\":-15.5");
    }

    @Test
    void prepaidRemainingBalanceReplacesTheSum() {
        String acct = account("13");
        TestBiller b = billerWithAccount(acct, true);
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "50.00", "0"))
                .withPrepaid(new BigDecimal("4.93"), new BigDecimal("1")));
        Reply r = balance(b, acct);
        assertThat(r.json().get("balanceDue").decimalValue()).isEqualByComparingTo("4.93");
        assertThat(r.json().at("/prepaid/remainingBalance").decimalValue()).isEqualByComparingTo("4.93");
        assertThat(r.json().at("/prepaid/remainingDays").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void cashOnlyBlocksAchAndPreventCreditCardBlocksCardsOnTheAccount() {
        String acct = account("14");
        TestBiller b = billerWithAccount(acct, true);
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.00", "0"))
                .withAllowableTransactionTypes("Cash Only").withPreventCreditCard(true));
        Reply r = balance(b, acct);
        assertThat(r.json().get("blockAch").asBoolean()).isTrue();
        assertThat(r.json().get("blockCc").asBoolean()).isTrue();
        assertThat(flags(b, acct)).isEqualTo("true/true");

        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.00", "0"))
                .withAllowableTransactionTypes("Cash", "Check", "Credit Card"));
        Reply cleared = balance(b, acct);
        assertThat(cleared.json().get("blockAch").asBoolean()).isFalse();
        assertThat(flags(b, acct)).isEqualTo("false/false");
    }

    /** A file for one account whose customer record says BlockPaymentsCC (356) as given. */
    private static String fileBlockingCards(TestBiller b, String account, String invoice, boolean block) {
        return new BifText(b.guidText()).invoice(invoice, account, "10/01/2026", "77.70", null).text()
                .replace("|N|" + account, "|" + (block ? "Y" : "N") + "|" + account);
    }

    private String fileAndInForce(TestBiller b, String acct) {
        return jdbc.sql("select file_block_cc || '/' || block_cc from account where biller_id = ? and account_number = ?")
                .params(b.bid(), acct).query(String.class).single();
    }

    @Test
    void forABillerThatRefreshesOnlyARefreshSetsTheBlockFlagsOnceItHas() {
        String acct = account("19");
        TestBiller b = billerWithAccount(acct, true);
        String digits = acct.replace("-", "");
        // Until the CIS has been asked, the file's flag is all there is.
        assertThat(upload(b, b.webServiceKey(), "g.bif", fileBlockingCards(b, acct, digits + "0000002", true)).status()).isEqualTo(201);
        assertThat(fileAndInForce(b, acct)).isEqualTo("true/true");

        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.00", "0")));
        assertThat(balance(b, acct).json().get("blockCc").asBoolean()).isFalse();
        assertThat(fileAndInForce(b, acct)).isEqualTo("true/false");

        // A later file says block again: it is stored as the file's value, and the CIS's answer stays in force.
        assertThat(upload(b, b.webServiceKey(), "h.bif", fileBlockingCards(b, acct, digits + "0000003", true)).status()).isEqualTo(201);
        assertThat(fileAndInForce(b, acct)).isEqualTo("true/false");
        assertThat(balance(b, acct).json().get("blockCc").asBoolean()).isFalse();

        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.00", "0")).withPreventCreditCard(true));
        jdbc.sql("update account_balance set refreshed_at = now() - interval '7 hours' where biller_id = ?").param(b.bid()).update();
        assertThat(balance(b, acct).json().get("blockCc").asBoolean()).isTrue();
        assertThat(upload(b, b.webServiceKey(), "i.bif", fileBlockingCards(b, acct, digits + "0000004", false)).status()).isEqualTo(201);
        assertThat(fileAndInForce(b, acct)).isEqualTo("false/true");
    }

    @Test
    void forABillerWithoutRefreshTheFileSetsTheBlockFlags() {
        String acct = account("20");
        TestBiller b = newBiller();
        String digits = acct.replace("-", "");
        assertThat(upload(b, b.webServiceKey(), "f.bif", fileBlockingCards(b, acct, digits + "0000001", true)).status()).isEqualTo(201);
        assertThat(fileAndInForce(b, acct)).isEqualTo("true/true");
        assertThat(upload(b, b.webServiceKey(), "g.bif", fileBlockingCards(b, acct, digits + "0000002", false)).status()).isEqualTo(201);
        assertThat(fileAndInForce(b, acct)).isEqualTo("false/false");
    }

    @Test
    void anUnchangedAnswerOnlyMovesTheRefreshTimeAndAnyDifferenceIsStored() {
        String acct = account("17");
        TestBiller b = billerWithAccount(acct, true);
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.00", "0")));
        balance(b, acct);
        jdbc.sql("update account_balance set refreshed_at = now() - interval '1 hour' where biller_id = ?").param(b.bid()).update();

        Reply same = balance(b, acct);
        assertThat(same.json().get("source").asText()).isEqualTo("cis");
        assertThat(stored(b, acct)).isEqualTo("10.00/0|fresh");

        // numerically equal but written differently: the CIS's own text is what is kept
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.000", "0")));
        assertThat(balance(b, acct).body()).contains("\"balanceDue\":10.000");
        assertThat(stored(b, acct)).isEqualTo("10.000/0|fresh");

        // flags changed behind the platform's back are put back to what the CIS says
        jdbc.sql("update account set block_ach = true where biller_id = ? and account_number = ?").params(b.bid(), acct).update();
        assertThat(balance(b, acct).json().get("blockAch").asBoolean()).isFalse();
        assertThat(flags(b, acct)).isEqualTo("false/false");
    }

    private String stored(TestBiller b, String acct) {
        return jdbc.sql("""
                select balance_due || '/' || past_due || '|' || case when refreshed_at > now() - interval '1 minute'
                       then 'fresh' else 'old' end from account_balance where biller_id = ? and account_number = ?""")
                .params(b.bid(), acct).query(String.class).single();
    }

    private String flags(TestBiller b, String acct) {
        return jdbc.sql("select block_ach || '/' || block_cc from account where biller_id = ? and account_number = ?")
                .params(b.bid(), acct).query(String.class).single();
    }

    @Test
    void aRecentRefreshIsReusedForSixHoursUnlessOption64() {
        String acct = account("15");
        TestBiller b = billerWithAccount(acct, false);
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "10.00", "0")));
        assertThat(balance(b, acct).json().get("source").asText()).isEqualTo("cis");
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "99.00", "0")));
        Reply reused = balance(b, acct);
        assertThat(reused.json().get("source").asText()).isEqualTo("cached");
        assertThat(reused.json().get("balanceDue").decimalValue()).isEqualByComparingTo("10.00");

        jdbc.sql("update account_balance set refreshed_at = now() - interval '6 hours 1 minute' where biller_id = ?")
                .param(b.bid()).update();
        Reply stale = balance(b, acct);
        assertThat(stale.json().get("source").asText()).isEqualTo("cis");
        assertThat(stale.json().get("balanceDue").decimalValue()).isEqualByComparingTo("99.00");

        operatorPut("/api/v1/billers/" + b.bid() + "/options/64", "{\"value\":true}");
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "5.00", "0")));
        Reply forced = balance(b, acct);
        assertThat(forced.json().get("source").asText()).isEqualTo("cis");
        assertThat(forced.json().get("balanceDue").decimalValue()).isEqualByComparingTo("5.00");
    }

    @Test
    void everyKindOfCisFailureFallsBackToTheLastKnownBalanceAndIsRecorded() {
        String acct = account("16");
        TestBiller b = billerWithAccount(acct, true);
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "42.00", "1.00")));
        assertThat(balance(b, acct).json().get("source").asText()).isEqualTo("cis");
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "43.00", "0"))
                .withAllowableTransactionTypes("Cash Only"));

        FaultPlan[] faults = {FaultPlan.latency(1_500), FaultPlan.alwaysSoapFault(), FaultPlan.alwaysMalformed(),
                FaultPlan.serviceDown()};
        for (FaultPlan fault : faults) {
            cis.state().setFaults(fault);
            Reply r = balance(b, acct);
            assertThat(r.status()).as(fault.toString()).isEqualTo(200);
            assertThat(r.json().get("source").asText()).as(fault.toString()).isEqualTo("fallback");
            assertThat(r.json().get("balanceDue").decimalValue()).as(fault.toString()).isEqualByComparingTo("42.00");
            assertThat(r.json().get("blockAch").asBoolean()).as(fault.toString()).isFalse();
        }
        cis.state().clearFaults();
        assertThat(jdbc.sql("select string_agg(kind, ',' order by failure_id) from cis_call_failure where biller_id = ?")
                .param(b.bid()).query(String.class).single()).isEqualTo("TIMEOUT,REJECTED,MALFORMED,UNAVAILABLE");
        assertThat(flags(b, acct)).isEqualTo("false/false");
        assertThat(jdbc.sql("select balance_due from account_balance where biller_id = ?").param(b.bid())
                .query(BigDecimal.class).single()).isEqualByComparingTo("42.00");
    }

    @Test
    void wrongCredentialsAreAFailureAndWithoutAnyCisAnswerTheInvoiceIsTheFallback() {
        String acct = account("17");
        TestBiller b = billerWithAccount(acct, true);
        operatorPut("/api/v1/billers/" + b.bid() + "/settings/10", "{\"value\":\"wrong\"}");
        cis.state().putAccount(CisAccount.of(acct, PayableCharge.of("Electric", "42.00", "1.00")));
        Reply r = balance(b, acct);
        assertThat(r.json().get("source").asText()).isEqualTo("fallback");
        assertThat(r.json().get("balanceDue").decimalValue()).isEqualByComparingTo("77.70");
        assertThat(jdbc.sql("select kind || ': ' || message from cis_call_failure where biller_id = ?").param(b.bid())
                .query(String.class).single()).startsWith("REJECTED: ");
        assertThat(count("select count(*) from account_balance where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void withoutARefreshEndpointTheFileBalanceIsShownAndUnknownAccountsAre404() {
        TestBiller b = newBiller();
        upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice("180000000001", "1801-1", "10/01/2026", "12.34", null).text());
        Reply r = balance(b, "1801-1");
        assertThat(r.json().get("source").asText()).isEqualTo("cached");
        assertThat(r.json().get("balanceDue").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(balance(b, "9999-9").status()).isEqualTo(404);
        TestBiller other = newBiller();
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/1801-1/balance", other.apiKey()).status()).isEqualTo(403);
    }
}
