package org.ratepayer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpRequest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.paynow.PayNowPartner;
import org.ratepayer.servicedesk.search.SearchFilter;
import org.ratepayer.servicedesk.search.SearchHit;
import org.ratepayer.servicedesk.search.StaffSearch;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;
import org.ratepayer.web.PortalHttp;

/**
 * Old account numbers after a conversion onto a new CIS (docs/conversion-old-numbers.md). Each test converts its
 * biller's accounts as the conversion does (every table holding the number re-keyed, one account_renumbering row per
 * account), then names the OLD number where a caller pays or looks up: the channel payment API, the balance and invoice
 * look-ups, Pay Now, the payment page, remote registration, the staff search. Each lands on the new account, and the CIS simulator hears
 * only the new number. A late invoice file with old numbers is refused naming each, and stores nothing. A number that a
 * live account holds is that account's, whoever held it before.
 */
class OldAccountNumbersIT extends CisSimulatorIT {

    private static final String VISA = "4111111111111111";
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final OffsetDateTime CONVERTED = OffsetDateTime.parse("2026-12-01T15:00:00Z");

    @Autowired
    StaffSearch staffSearch;

    @Autowired
    PaymentService payments;

    /** A biller posting to the simulator, with one bill of 77.70 for each account, converted from old to new numbers. */
    private TestBiller converted(String... oldThenNew) {
        return converted(newBiller(), oldThenNew);
    }

    private TestBiller converted(TestBiller b, String... oldThenNew) {
        for (int url : new int[] {8, 11, 14, 17}) {
            billerService.setSetting(b.bid(), url, TextNode.valueOf(cis.cbUrl()), "test");
            billerService.setSetting(b.bid(), url + 1, TextNode.valueOf(CIS_USER), "test");
            billerService.setSetting(b.bid(), url + 2, TextNode.valueOf(CIS_PASSWORD), "test");
        }
        BifText file = new BifText(b.guidText());
        for (int i = 0; i < oldThenNew.length; i += 2) {
            file.invoice("INV-" + b.bid() + "-" + i, oldThenNew[i], "11/01/2026", "77.70", null);
        }
        Reply up = upload(b, b.webServiceKey(), "before.bif", file.text());
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        for (int i = 0; i < oldThenNew.length; i += 2) {
            convert(b.bid(), oldThenNew[i], oldThenNew[i + 1]);
        }
        return b;
    }

    /**
     * What the conversion does for one account, in small: the account under its new number, every other table that
     * holds the biller's account number re-keyed, the old one gone, and the change recorded.
     */
    private void convert(long bid, String from, String to) {
        jdbc.sql("""
                insert into account (biller_id, account_number, customer_number, customer_name, address1, address2, city, state,
                                     zip, phone, email, display_account_number, block_cc, block_ach)
                select biller_id, ?, customer_number, customer_name, address1, address2, city, state, zip, phone, email,
                       ?, block_cc, block_ach
                from account where biller_id = ? and account_number = ?
                """).params(to, to, bid, from).update();
        List<String> tables = jdbc.sql("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and c.column_name = 'account_number' and t.table_type = 'BASE TABLE'
                  and c.table_name not in ('account', 'account_renumbering')
                  and exists (select 1 from information_schema.columns b where b.table_schema = c.table_schema
                              and b.table_name = c.table_name and b.column_name = 'biller_id')
                """).query(String.class).list();
        for (String table : tables) {
            jdbc.sql("update " + table + " set account_number = ? where biller_id = ? and account_number = ?")
                    .params(to, bid, from).update();
        }
        assertThat(jdbc.sql("delete from account where biller_id = ? and account_number = ?").params(bid, from).update())
                .isEqualTo(1);
        jdbc.sql("""
                insert into account_renumbering (biller_id, old_account_number, new_account_number, conversion_id, renumbered_at)
                values (?, ?, ?, 1, ?)
                on conflict (biller_id, old_account_number) do update set new_account_number = excluded.new_account_number
                """).params(bid, from, to, CONVERTED).update();
    }

    private Reply pay(TestBiller b, String account, String amount) {
        return send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"%s","amount":%s,
                         "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(account, amount, VISA))));
    }

    private static List<PaymentPosting> posted(UUID paymentGuid) {
        return cis.state().postings().payments().stream()
                .filter(p -> p.transactionId().equalsIgnoreCase(paymentGuid.toString())).toList();
    }

    @Test
    void aPaymentByTheOldNumberThroughTheChannelApiLandsOnTheNewAccountAndTheCisHearsTheNewNumber() {
        TestBiller b = converted("1001-1", "500123-0");
        cis.state().putAccount(CisAccount.of("500123-0", PayableCharge.of("Electric", "77.70", "0")));

        Reply paid = pay(b, "1001-1", "77.70");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(paid.json().get("accountNumber").asText()).as("the answer names the number used").isEqualTo("500123-0");
        UUID guid = UUID.fromString(paid.json().get("paymentGuid").asText());

        assertThat(jdbc.sql("select account_number || ' ' || invoice_number || ' ' || amount from payment where payment_guid = ?")
                .param(guid).query(String.class).single()).isEqualTo("500123-0 INV-" + b.bid() + "-0 77.70");
        assertThat(count("select count(*) from account where biller_id = ? and account_number = '1001-1'", b.bid())).isZero();
        await().atMost(PATIENCE).until(() -> posted(guid).size() == 1);
        assertThat(posted(guid).get(0).accountNumber()).isEqualTo("500123-0");
        assertThat(posted(guid).get(0).amount()).isEqualByComparingTo("77.70");
    }

    @Test
    void aCsrPaymentByTheOldNumberKeepsTheStaffUserWhoTookIt() {
        TestBiller b = converted("1006-1", "500130-0");
        PaymentOutcome taken = payments.submit(b.bid(), "csr-old-number", new PaymentRequest(Channel.CSRWEB, "1006-1", null,
                new BigDecimal("77.70"), new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null, null, null, null)
                .takenBy("carol"));
        assertThat(taken).as(String.valueOf(taken)).isInstanceOf(PaymentOutcome.Taken.class);
        assertThat(jdbc.sql("select account_number || ' ' || channel || ' ' || taken_by from payment where biller_id = ?")
                .param(b.bid()).query(String.class).single()).isEqualTo("500130-0 CSRWEB carol");
    }

    @Test
    void theBalanceAndInvoiceLookUpsByTheOldNumberAnswerForTheNewAccount() {
        TestBiller b = converted("1002-1", "500124-0");
        cis.state().putAccount(CisAccount.of("500124-0", PayableCharge.of("Electric", "61.25", "0")));

        Reply balance = getJson("/api/v1/billers/" + b.bid() + "/accounts/1002-1/balance", b.apiKey());
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        assertThat(balance.json().get("accountNumber").asText()).isEqualTo("500124-0");
        assertThat(balance.json().get("source").asText()).isEqualTo("cis");
        assertThat(balance.json().get("balanceDue").decimalValue()).isEqualByComparingTo("61.25");

        Reply invoices = getJson("/api/v1/billers/" + b.bid() + "/invoices?account=1002-1", b.apiKey());
        assertThat(invoices.status()).as(invoices.body()).isEqualTo(200);
        assertThat(invoices.json().at("/account/accountNumber").asText()).isEqualTo("500124-0");
        assertThat(invoices.json().at("/invoices/0/invoiceNumber").asText()).isEqualTo("INV-" + b.bid() + "-0");
        assertThat(invoices.json().at("/invoices/0/accountNumber").asText()).isEqualTo("500124-0");

        // a number that never existed is still unknown
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/1003-1/balance", b.apiKey()).status()).isEqualTo(404);
    }

    @Test
    void aLateInvoiceFileWithOldNumbersIsRefusedNamingEachAndStoresNothing() {
        TestBiller b = converted("1004-1", "500125-0", "1005-1", "500126-0");
        long invoicesBefore = count("select count(*) from invoice where biller_id = ?", b.bid());
        long accountsBefore = count("select count(*) from account where biller_id = ?", b.bid());
        String late = new BifText(b.guidText())
                .invoice("LATE-1", "1004-1", "12/01/2026", "80.00", null)
                .invoice("LATE-2", "500125-0", "12/01/2026", "81.00", null)
                .invoice("LATE-3", "1005-1", "12/01/2026", "82.00", null).text();

        Reply refused = upload(b, b.webServiceKey(), "late.bif", late);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errorCount").asLong()).isEqualTo(2);
        JsonNode errors = refused.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("AccountNumber");
        assertThat(errors.get(0).get("fileSpecId").asInt()).isEqualTo(59);
        assertThat(errors.get(0).get("message").asText())
                .isEqualTo("account 1004-1 on line 3 was renumbered 2026-12-01 to 500125-0; this file predates the conversion");
        assertThat(errors.get(1).get("message").asText())
                .isEqualTo("account 1005-1 on line 9 was renumbered 2026-12-01 to 500126-0; this file predates the conversion");

        // nothing of the file is stored; its record says why, as the biller's file list shows it
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isEqualTo(invoicesBefore);
        assertThat(count("select count(*) from account where biller_id = ?", b.bid())).isEqualTo(accountsBefore);
        assertThat(count("select count(*) from invoice where biller_id = ? and invoice_number like 'LATE-%'", b.bid())).isZero();
        assertThat(jdbc.sql("select outcome || ' ' || error_count || ' ' || (errors->0->>'message') from invoice_file "
                + "where biller_id = ? and file_name = 'late.bif'").param(b.bid()).query(String.class).single())
                .isEqualTo("REJECTED 2 account 1004-1 on line 3 was renumbered 2026-12-01 to 500125-0; this file predates the conversion");
        Reply list = getJson("/api/v1/billers/" + b.bid() + "/invoice-files", b.webServiceKey());
        assertThat(list.body()).contains("late.bif").contains("REJECTED");

        // the same bills under the new numbers are taken
        Reply ok = upload(b, b.webServiceKey(), "after.bif", new BifText(b.guidText())
                .invoice("LATE-1", "500125-0", "12/01/2026", "80.00", null)
                .invoice("LATE-3", "500126-0", "12/01/2026", "82.00", null).text());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(count("select count(*) from account where biller_id = ?", b.bid())).isEqualTo(accountsBefore);
    }

    @Test
    void aLiveAccountWithANumberThatIsAlsoSomeonesOldNumberWins() {
        // the conversion gave 1006-1's number to the account that was 2006-1
        TestBiller b = converted("1006-1", "500127-0", "2006-1", "1006-1");
        cis.state().putAccount(CisAccount.of("1006-1", PayableCharge.of("Electric", "77.70", "0")));

        Reply paid = pay(b, "1006-1", "77.70");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("accountNumber").asText()).isEqualTo("1006-1");
        assertThat(jdbc.sql("select account_number || ' ' || invoice_number from payment where payment_guid = ?")
                .param(UUID.fromString(paid.json().get("paymentGuid").asText())).query(String.class).single())
                .as("the bill of the account that holds 1006-1 now").isEqualTo("1006-1 INV-" + b.bid() + "-2");
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/1006-1/balance", b.apiKey()).json()
                .get("accountNumber").asText()).isEqualTo("1006-1");

        // and a file naming 1006-1 is that account's bill, not a late one
        Reply ok = upload(b, b.webServiceKey(), "next.bif", new BifText(b.guidText())
                .invoice("NEXT-1", "1006-1", "12/01/2026", "50.00", null).text());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void payNowWithAnOldNumberOpensTheNewAccountsBillAndCreatesNoAccountUnderTheOldOne() throws Exception {
        TestBiller b = converted("1007-1", "500128-0");
        PayNowPartner.configure(billerService, b.bid(), "https://portal.example");
        String invoice = "INV-" + b.bid() + "-0";
        long accountsBefore = count("select count(*) from account where biller_id = ?", b.bid());

        for (boolean create : new boolean[] {false, true}) {
            Reply r = send(request("/cloudpaymentsapi/v2").header("Content-Type", "application/json")
                    .header("Authorization", PayNowPartner.basic(b.cpv2Key()))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"CreateCustomerRecord":%s,"Customers":[{"AccountNumber":"1007-1","Name":"Pat Doe",
                             "Invoices":[{"InvoiceNumber":"%s","BalanceDue":"20.00"}]}]}""".formatted(create, invoice))));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String page = PayNowPartner.open(http, r.json().path("Data").path("CloudPaymentURL").asText());
            assertThat(send(request(page).GET()).body()).contains(invoice).contains("20.00");
        }
        assertThat(jdbc.sql("""
                select string_agg(distinct c->>'accountNumber', ',') from paynow_session s,
                       jsonb_array_elements((s.request->'request'->'customers') || (s.request->'items')) c
                where s.biller_id = ?""").param(b.bid()).query(String.class).single())
                .as("the session's customers and items").isEqualTo("500128-0");
        assertThat(count("select count(*) from account where biller_id = ?", b.bid())).isEqualTo(accountsBefore);
        assertThat(count("select count(*) from account where biller_id = ? and account_number = '1007-1'", b.bid())).isZero();
        assertThat(count("select count(*) from invoice where biller_id = ? and account_number = '500128-0'", b.bid())).isEqualTo(1);
    }

    @Test
    void thePaymentPageFindsTheAccountByTheNumberOnAnOldBill() {
        TestBiller b = converted("1008-1", "500129-0");
        cis.state().putAccount(CisAccount.of("500129-0", PayableCharge.of("Electric", "77.70", "0")));
        PortalHttp payer = new PortalHttp(this::url);
        HttpResponse<String> found = payer.post("/pay/" + b.bid(), payer.csrfField("/pay/" + b.bid())
                + "&accountNumber=1008-1&secondValue=49331");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(302);
        assertThat(found.headers().firstValue("Location").orElseThrow()).endsWith("/pay/" + b.bid() + "/account");
        String page = payer.get("/pay/" + b.bid() + "/account").body();
        assertThat(page).contains("500129-0").contains("INV-" + b.bid() + "-0");
    }

    @Test
    void theCisRegisteringOrUnlinkingAPayerWithAnOldNumberActsOnTheNewAccount() {
        TestBiller b = converted("1009-1", "500130-0");
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/remote-auth/users").header("X-Api-Key", b.webServiceKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"pat","email":"pat@example.org","accounts":["1009-1"]}""")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("accounts").toString()).isEqualTo("[\"500130-0\"]");
        assertThat(jdbc.sql("""
                select string_agg(l.account_number, ',') from payer_account l join payer_user u on u.user_id = l.user_id
                where u.biller_id = ? and u.username = 'pat'""").param(b.bid()).query(String.class).single())
                .isEqualTo("500130-0");
        Reply registration = getJson("/api/v1/billers/" + b.bid() + "/remote-auth/accounts/1009-1/registration",
                b.webServiceKey());
        assertThat(registration.json().get("accountNumber").asText()).isEqualTo("500130-0");
        assertThat(registration.json().get("users").toString()).isEqualTo("[\"pat\"]");

        Reply unlinked = send(request("/api/v1/billers/" + b.bid() + "/remote-auth/users/pat/accounts/1009-1")
                .header("X-Api-Key", b.webServiceKey()).DELETE());
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.json().get("accounts").toString()).isEqualTo("[]");
        assertThat(count("select count(*) from payer_account where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void theStaffSearchFindsAnAccountByItsOldNumberUnlessALiveAccountHasIt() {
        // 1010-1 became 500131-0, and the account that was 2010-1 took 1010-1
        TestBiller b = converted("1010-1", "500131-0", "2010-1", "1010-1");
        assertThat(staffSearch.search(b.bid(), "2010-1", SearchFilter.NONE, 1, 25).hits()).extracting(SearchHit::accountNumber)
                .containsExactly("1010-1");
        assertThat(staffSearch.search(b.bid(), "1010-1", SearchFilter.NONE, 1, 25).hits()).extracting(SearchHit::accountNumber)
                .containsExactly("1010-1");
        assertThat(staffSearch.search(b.bid(), "500131-0", SearchFilter.NONE, 1, 25).hits()).extracting(SearchHit::accountNumber)
                .containsExactly("500131-0");
        assertThat(staffSearch.search(b.bid(), "3010-1", SearchFilter.NONE, 1, 25).hits()).isEmpty();
    }

    @Test
    void aPayerSigningUpWithTheNumberOnAnOldBillRegistersTheNewAccount() {
        // a biller whose payers sign up themselves (under the Daffron template the CIS registers them)
        TestBiller b = converted(newBiller("standard"), "1011-1", "500132-0");
        PortalHttp payer = new PortalHttp(this::url);
        String path = "/portal/" + b.bid() + "/register";
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile(
                "name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(payer.get(path).body());
        assertThat(csrf.find()).as("the sign-up form's token").isTrue();
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        HttpResponse<String> found = payer.post(path, "_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                + "&accountNumber=1011-1&zip=49331");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("500132-0").doesNotContain("1011-1\"");
    }

    @Test
    void aPaymentOfSeveralAccountsNamedByOldNumbersIsAllocatedToTheNewAccounts() {
        TestBiller b = converted("1012-1", "500133-0", "1013-1", "500134-0");
        billerService.setOption(b.bid(), 54, null, BooleanNode.TRUE, "test");
        cis.state().putAccount(CisAccount.of("500133-0", PayableCharge.of("Electric", "77.70", "0")));
        cis.state().putAccount(CisAccount.of("500134-0", PayableCharge.of("Electric", "77.70", "0")));

        PaymentOutcome outcome = payments.submit(b.bid(), UUID.randomUUID().toString(), PaymentRequest.ofAccounts(Channel.CSRWEB,
                List.of(new PaymentRequest.Allocation("1012-1", null, new BigDecimal("77.70")),
                        new PaymentRequest.Allocation("1013-1", null, new BigDecimal("77.70"))),
                new BigDecimal("155.40"), new CardDetails(VISA, 12, 2099, "123", "49331"), null, null, null, null));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Taken.class);
        assertThat(jdbc.sql("""
                select string_agg(account_number || ' ' || amount, ', ' order by position) from payment_allocation
                where biller_id = ?""").param(b.bid()).query(String.class).single()).isEqualTo("500133-0 77.70, 500134-0 77.70");
    }
}
