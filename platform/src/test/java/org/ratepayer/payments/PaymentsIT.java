package org.ratepayer.payments;

import org.ratepayer.payments.internal.IdempotencyKeys;
import org.ratepayer.payments.internal.PaymentRepairJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.InjectedFailures;
import org.ratepayer.PlatformIT;
import org.springframework.beans.factory.annotation.Autowired;

/** The channel payment API (SPEC C6) with the sandbox gateway. */
class PaymentsIT extends PlatformIT {

    static final String VISA = "4111111111111111";
    static final String DECLINED = "4000000000000002";
    static final String PROCESSOR_ERROR = "4000000000000119";
    static final String TIMES_OUT = "4000000000000259";

    @Autowired
    PaymentRepairJob repairJob;

    @Autowired
    IdempotencyKeys keys;

    private TestBiller billerWithBill(String account, String amount) {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "00000001", account, "09/01/2026", "40.00", null)
                .invoice(account.replace("-", "") + "00000002", account, "10/01/2026", amount, null).text()).status())
                .isEqualTo(201);
        return b;
    }

    private Reply pay(TestBiller b, String key, String body) {
        HttpRequest.Builder r = request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return send(r);
    }

    private static String card(String account, String amount, String number) {
        return """
                {"channel":"IVR","accountNumber":"%s","amount":%s,
                 "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"},
                 "payerEmail":"payer@example.com"}""".formatted(account, amount, number);
    }

    private static String bank(String account, String amount, String routing, String acct) {
        return """
                {"channel":"KIOSK","kioskId":"BHappy","accountNumber":"%s","amount":%s,
                 "bank":{"routingNumber":"%s","accountNumber":"%s","accountType":"CHECKING"}}""".formatted(account, amount, routing, acct);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void cardsApproveDeclineOrErrorAsTheSandboxDocuments() {
        TestBiller b = billerWithBill("3101-1", "120.55");
        Reply ok = pay(b, key(), card("3101-1", "120.55", VISA));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(ok.json().get("approvalCode").asText()).matches("\\d{6}");
        assertThat(ok.json().get("amount").decimalValue()).isEqualByComparingTo("120.55");
        assertThat(ok.json().get("fee").decimalValue()).isEqualByComparingTo("0");
        assertThat(ok.json().get("method").asText()).isEqualTo("CARD");
        assertThat(ok.json().get("last4").asText()).isEqualTo("1111");
        assertThat(ok.json().get("channel").asText()).isEqualTo("IVR");
        assertThat(ok.json().get("invoiceNumber").asText()).isEqualTo("3101100000002");

        Reply declined = pay(b, key(), card("3101-1", "120.55", DECLINED));
        assertThat(declined.status()).isEqualTo(201);
        assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.json().get("approvalCode").isNull()).isTrue();
        Reply error = pay(b, key(), card("3101-1", "120.55", PROCESSOR_ERROR));
        assertThat(error.json().get("status").asText()).isEqualTo("ERROR");

        String guid = ok.json().get("paymentGuid").asText();
        Reply got = getJson("/api/v1/billers/" + b.bid() + "/payments/" + guid, b.apiKey());
        assertThat(got.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(got.json().get("brand").asText()).isEqualTo("VISA");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(3);
        assertThat(count("select count(*) from payment_event where payment_id in (select payment_id from payment where biller_id = ?)",
                b.bid())).isEqualTo(6);
    }

    @Test
    void bankPaymentsApproveOrDecline() {
        TestBiller b = billerWithBill("3102-1", "60.00");
        Reply ok = pay(b, key(), bank("3102-1", "60.00", "011000015", "123456789"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(ok.json().get("method").asText()).isEqualTo("ACH");
        assertThat(ok.json().get("last4").asText()).isEqualTo("6789");
        assertThat(ok.json().get("channel").asText()).isEqualTo("KIOSK");
        Reply declined = pay(b, key(), bank("3102-1", "60.00", "011000015", "000111222"));
        assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
        assertThat(jdbc.sql("select kiosk_id from payment where biller_id = ? limit 1").param(b.bid()).query(String.class).single())
                .isEqualTo("BHappy");
    }

    @Test
    void badDetailsAreRefusedNamingTheFieldBeforeAnyGatewayCall() {
        TestBiller b = billerWithBill("3103-1", "60.00");
        Reply luhn = pay(b, key(), card("3103-1", "60.00", "4111111111111112"));
        assertThat(luhn.status()).isEqualTo(400);
        assertThat(luhn.json().get("field").asText()).isEqualTo("card.number");
        Reply routing = pay(b, key(), bank("3103-1", "60.00", "011000016", "123456789"));
        assertThat(routing.status()).isEqualTo(400);
        assertThat(routing.json().get("field").asText()).isEqualTo("bank.routingNumber");
        Reply channel = pay(b, key(), card("3103-1", "60.00", VISA).replace("\"IVR\"", "\"FAX\""));
        assertThat(channel.json().get("field").asText()).isEqualTo("channel");
        Reply noKey = pay(b, null, card("3103-1", "60.00", VISA));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("code").asText()).isEqualTo("idempotency_key_required");
        Reply malformed = pay(b, key(), "{\"channel\":\"IVR\",\"amount\":\"abc\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("amount");
        Reply unknown = pay(b, key(), card("9999-9", "60.00", VISA));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void theBillersRulesDecideWhatMayBePaid() {
        clock.setDay(LocalDate.of(2026, 10, 10));
        TestBiller b = billerWithBill("3104-1", "80.00");
        Reply older = pay(b, key(), card("3104-1", "40.00", VISA).replace("\"amount\"", "\"invoiceNumber\":\"3104100000001\",\"amount\""));
        assertThat(older.status()).isEqualTo(422);
        assertThat(older.json().get("code").asText()).isEqualTo("invoice_not_payable");

        Reply partial = pay(b, key(), card("3104-1", "10.00", VISA));
        assertThat(partial.status()).isEqualTo(422);
        assertThat(partial.json().get("code").asText()).isEqualTo("partial_not_allowed");
        jdbc.sql("update invoice set allow_partial_payments = true, cc_service_fee = 2.95 where biller_id = ?").param(b.bid()).update();
        Reply partialOk = pay(b, key(), card("3104-1", "10.00", VISA));
        assertThat(partialOk.status()).isEqualTo(201);
        assertThat(partialOk.json().get("fee").decimalValue()).isEqualByComparingTo("2.95");

        jdbc.sql("update account set block_ach = true where biller_id = ?").param(b.bid()).update();
        Reply blocked = pay(b, key(), bank("3104-1", "80.00", "011000015", "123456789"));
        assertThat(blocked.status()).isEqualTo(422);
        assertThat(blocked.json().get("code").asText()).isEqualTo("method_blocked");

        jdbc.sql("update invoice set payment_expiration_date = date '2026-10-15', payment_expiration_message = "
                + "'Please call the office to pay this bill' where biller_id = ?").param(b.bid()).update();
        clock.setDay(LocalDate.of(2026, 10, 15));
        Reply lastDay = pay(b, key(), card("3104-1", "80.00", VISA));
        assertThat(lastDay.status()).as("the expiration date itself is still a day to pay: " + lastDay.body()).isEqualTo(201);
        clock.setDay(LocalDate.of(2026, 10, 16));
        Reply expired = pay(b, key(), card("3104-1", "80.00", VISA));
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.json().get("code").asText()).isEqualTo("bill_expired");
        assertThat(expired.json().get("detail").asText()).isEqualTo("Please call the office to pay this bill");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(2);
    }

    /** SPEC C1: a bill expires at the biller's midnight, not the server's (docs/time-zones.md). */
    @Test
    void aBillExpiresAtMidnightInTheBillersZone() {
        TestBiller b = billerWithBill("3109-1", "80.00");
        jdbc.sql("update invoice set payment_expiration_date = date '2026-12-04' where biller_id = ?").param(b.bid()).update();

        // 02:00 UTC on the 5th is still 21:00 on the 4th in New York, the Daffron co-op's zone.
        clock.set(Instant.parse("2026-12-05T02:00:00Z"));
        Reply lateEvening = pay(b, key(), card("3109-1", "80.00", VISA));
        assertThat(lateEvening.status()).as(lateEvening.body()).isEqualTo(201);

        clock.set(Instant.parse("2026-12-05T05:00:00Z"));
        Reply newYorkMidnight = pay(b, key(), card("3109-1", "80.00", VISA));
        assertThat(newYorkMidnight.status()).isEqualTo(422);
        assertThat(newYorkMidnight.json().get("code").asText()).isEqualTo("bill_expired");

        billerService.setTimeZone(b.bid(), "UTC", "test");
        clock.set(Instant.parse("2026-12-05T02:00:00Z"));
        Reply utcBiller = pay(b, key(), card("3109-1", "80.00", VISA));
        assertThat(utcBiller.status()).isEqualTo(422);
        assertThat(utcBiller.json().get("code").asText()).isEqualTo("bill_expired");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void anApiKeyPaysOnlyOnTheCallersChannelsNeverOnThoseOfThePlatformsOwnPaths() {
        TestBiller b = billerWithBill("3108-1", "10.00");
        for (String channel : List.of("AUTOPAY", "SCHEDULED", "WEB", "CPV2", "autopay", "Scheduled", "web", "cpv2", "FAX", "", " ")) {
            Reply r = pay(b, key(), card("3108-1", "10.00", VISA).replace("\"IVR\"", "\"" + channel + "\""));
            assertThat(r.status()).as(channel + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("channel");
            assertThat(r.json().get("detail").asText())
                    .isEqualTo("must be one of IVR, KIOSK, OBD, POS, CSRWEB (upper or lower case)");
        }
        Reply none = pay(b, key(), card("3108-1", "10.00", VISA).replace("\"channel\":\"IVR\",", ""));
        assertThat(none.status()).as(none.body()).isEqualTo(400);
        assertThat(none.json().get("field").asText()).isEqualTo("channel");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        for (String channel : List.of("IVR", "KIOSK", "OBD", "POS", "CSRWEB", "pos")) {
            Reply r = pay(b, key(), card("3108-1", "10.00", VISA).replace("\"IVR\"", "\"" + channel + "\""));
            assertThat(r.status()).as(channel + ": " + r.body()).isEqualTo(201);
            assertThat(r.json().get("channel").asText()).isEqualTo(channel.toUpperCase());
        }
        assertThat(jdbc.sql("select channel from payment where biller_id = ? order by payment_id").param(b.bid())
                .query(String.class).list()).containsExactly("IVR", "KIOSK", "OBD", "POS", "CSRWEB", "POS");
    }

    @Test
    void aCallerCannotRestateTheInvoiceAsPayNowPartnersDo() {
        TestBiller b = billerWithBill("3109-1", "80.00");
        Reply r = pay(b, key(), card("3109-1", "1.00", VISA).replace("\"amount\"",
                "\"invoiceNumber\":\"3109100000002\",\"stated\":{\"balanceDue\":1.00,\"allowPartialPayments\":true},\"amount\""));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("partial_not_allowed");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void withOption74TheIvrCannotPayByASavedMethodButStillByCard() {
        TestBiller b = billerWithBill("3111-1", "25.00");
        Reply enrolled = send(request("/api/v1/billers/" + b.bid() + "/accounts/3111-1/autopay").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"enrolled":true,"card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(VISA))));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        String token = jdbc.sql("select method_token from autopay_enrolment where biller_id = ?").param(b.bid())
                .query(String.class).single();
        String byToken = "{\"channel\":\"IVR\",\"accountNumber\":\"3111-1\",\"amount\":25.00,\"methodToken\":\"" + token + "\"}";
        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/options/74", "{\"value\":true}").status()).isEqualTo(200);

        Reply refused = pay(b, key(), byToken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("saved_method_not_allowed");
        assertThat(refused.json().get("field").asText()).isEqualTo("methodToken");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        assertThat(pay(b, key(), card("3111-1", "25.00", VISA)).status()).isEqualTo(201);

        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/options/74", "{\"value\":false}").status()).isEqualTo(200);
        assertThat(pay(b, key(), byToken).status()).isEqualTo(201);
    }

    @Test
    void aSavedMethodTokenOfOneBillerIsUnknownToEveryOther() {
        TestBiller a = billerWithBill("3110-1", "25.00");
        TestBiller b = billerWithBill("3110-1", "25.00");
        Reply enrolled = send(request("/api/v1/billers/" + a.bid() + "/accounts/3110-1/autopay").header("X-Api-Key", a.apiKey())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"enrolled":true,"card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(VISA))));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        String token = jdbc.sql("select method_token from autopay_enrolment where biller_id = ?").param(a.bid())
                .query(String.class).single();
        String byToken = "{\"channel\":\"CSRWEB\",\"accountNumber\":\"3110-1\",\"amount\":25.00,\"methodToken\":\"%s\"}";

        Reply foreign = pay(b, key(), byToken.formatted(token));
        Reply madeUp = pay(b, key(), byToken.formatted("tok_sbx_" + "x".repeat(24)));
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(400);
        assertThat(foreign.json().get("field").asText()).isEqualTo("methodToken");
        assertThat(foreign.json()).as("another biller's token looks exactly like one that never existed").isEqualTo(madeUp.json());

        String autopay = "/api/v1/billers/" + b.bid() + "/accounts/3110-1/autopay";
        Reply enrolWithIt = send(request(autopay).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enrolled\":true,\"methodToken\":\"" + token + "\"}")));
        assertThat(enrolWithIt.status()).as(enrolWithIt.body()).isEqualTo(400);
        assertThat(enrolWithIt.json().get("field").asText()).isEqualTo("methodToken");
        Reply scheduleWithIt = send(request("/api/v1/billers/" + b.bid() + "/accounts/3110-1/scheduled-payments")
                .header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"2099-01-01\",\"amount\":25.00,"
                        + "\"invoiceNumber\":\"3110100000002\",\"methodToken\":\"" + token + "\"}")));
        assertThat(scheduleWithIt.status()).as(scheduleWithIt.body()).isEqualTo(400);
        assertThat(scheduleWithIt.json().get("field").asText()).isEqualTo("methodToken");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from scheduled_payment where biller_id = ?", b.bid())).isZero();

        Reply own = pay(a, key(), byToken.formatted(token));
        assertThat(own.status()).as("the token itself is good for its own biller: " + own.body()).isEqualTo(201);
        assertThat(own.json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void noAmountAboveTheBillersMaximumPaymentIsTakenAndNoneGivesA500() {
        TestBiller b = billerWithBill("3111-1", "92.94");
        for (String amount : List.of("1000000", "100000.00", "99999999999999.99", "1e20", "1E+999999999", "10E+2147483647")) {
            Reply r = pay(b, key(), card("3111-1", amount, VISA));
            assertThat(r.status()).as(amount + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("amount_above_maximum");
            assertThat(r.json().get("field").asText()).isEqualTo("amount");
            assertThat(r.json().get("detail").asText()).isEqualTo("the amount is more than this biller's maximum payment of 99999.99");
        }
        for (String amount : List.of("0", "-5", "1.005", "1e-5", "-1e20", "\"1e-999999999\"")) {
            Reply r = pay(b, key(), card("3111-1", amount, VISA));
            assertThat(r.status()).as(amount + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("amount_invalid");
            assertThat(r.json().get("field").asText()).isEqualTo("amount");
        }
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        String schedule = "/api/v1/billers/" + b.bid() + "/accounts/3111-1/scheduled-payments";
        String scheduled = "{\"date\":\"2099-01-01\",\"amount\":%s,\"invoiceNumber\":\"3111100000002\","
                + "\"card\":{\"number\":\"" + VISA + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}}";
        Reply tooMuch = send(request(schedule).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(scheduled.formatted("100000.00"))));
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(422);
        assertThat(tooMuch.json().get("code").asText()).isEqualTo("amount_above_maximum");
        assertThat(tooMuch.json().get("field").asText()).isEqualTo("amount");
        assertThat(count("select count(*) from scheduled_payment where biller_id = ?", b.bid())).isZero();

        String setting = "/api/v1/billers/" + b.bid() + "/settings/1005";
        for (String bad : List.of("\"abc\"", "0", "-1", "1.001", "100000000", "\"1e5\"")) {
            Reply refused = operatorPut(setting, "{\"value\":" + bad + "}");
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.json().get("detail").asText()).startsWith("setting 1005 (Maximum single payment): ");
        }
        assertThat(operatorPut(setting, "{\"value\":\"150000\"}").status()).isEqualTo(200);
        Reply big = pay(b, key(), card("3111-1", "100000.00", VISA));
        assertThat(big.status()).as("this biller takes larger payments: " + big.body()).isEqualTo(201);
        Reply above = pay(b, key(), card("3111-1", "150000.01", VISA));
        assertThat(above.json().get("detail").asText()).isEqualTo("the amount is more than this biller's maximum payment of 150000.00");
        Reply scheduledBig = send(request(schedule).header("X-Api-Key", b.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(scheduled.formatted("100000.00"))));
        assertThat(scheduledBig.status()).as(scheduledBig.body()).isEqualTo(201);
        assertThat(operatorPut(setting, "{\"value\":null}").status()).isEqualTo(200);
        assertThat(pay(b, key(), card("3111-1", "100000.00", VISA)).json().get("code").asText()).isEqualTo("amount_above_maximum");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentSubmissionsWithOneKeyMakeExactlyOnePayment() throws Exception {
        TestBiller b = billerWithBill("3105-1", "75.25");
        String key = key();
        String body = card("3105-1", "75.25", VISA);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Reply>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(pool.submit((Callable<Reply>) () -> pay(b, key, body)));
        }
        Set<String> guids = new HashSet<>();
        for (Future<Reply> f : futures) {
            Reply r = f.get();
            assertThat(r.status()).as(r.body()).isIn(201, 409);
            if (r.status() == 201) {
                guids.add(r.json().get("paymentGuid").asText());
            }
        }
        pool.shutdown();
        assertThat(guids).hasSize(1);
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
        Reply replay = pay(b, key, body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("paymentGuid").asText()).isEqualTo(guids.iterator().next());
        Reply reused = pay(b, key, card("3105-1", "75.26", VISA));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aRetryWithTheKeyAnswersByteForByteWhatTheFirstRequestDid() {
        TestBiller b = billerWithBill("3120-1", "80.50");
        String key = key();
        Reply first = pay(b, key, card("3120-1", "80.50", VISA));
        Reply again = pay(b, key, card("3120-1", "80.50", VISA));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"amount\":80.50").contains("\"fee\":0.00");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());

        String refusedKey = key();
        Reply refused = pay(b, refusedKey, card("3120-1", "10.00", VISA));
        Reply refusedAgain = pay(b, refusedKey, card("3120-1", "10.00", VISA));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("partial_not_allowed");
        assertThat(refusedAgain.status()).isEqualTo(422);
        assertThat(refusedAgain.body()).isEqualTo(refused.body());
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void aKeyADeadProcessClaimedWithoutPayingIsTakenOverOnceStaleAndItsFirstClaimantCanNoLongerPayUnderIt() {
        TestBiller b = billerWithBill("3121-1", "80.50");
        String key = key();
        UUID deadClaim = UUID.randomUUID();
        // what a process leaves when it dies after claiming the key and before recording a payment
        jdbc.sql("insert into idempotency_key (biller_id, key, request_sha256, claim) values (?, ?, 'a request', ?)")
                .params(b.bid(), key, deadClaim).update();
        Reply fresh = pay(b, key, card("3121-1", "80.50", VISA));
        assertThat(fresh.status()).as("a claim still fresh may belong to a submission under way").isNotEqualTo(201);
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        jdbc.sql("update idempotency_key set created_at = now() - interval '10 minutes' where biller_id = ? and key = ?")
                .params(b.bid(), key).update();
        Reply taken = pay(b, key, card("3121-1", "80.50", VISA));
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        assertThat(pay(b, key, card("3121-1", "80.50", VISA)).body()).isEqualTo(taken.body());
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isEqualTo(1);
        // the first claimant, waking up, cannot tie a payment of its own to the key
        long paymentId = count("select payment_id from payment where biller_id = ?", b.bid());
        assertThatThrownBy(() -> keys.attach(b.bid(), key, deadClaim, paymentId)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOutcomeLostToATimeoutIsRepairedByAskingTheGateway() {
        TestBiller b = billerWithBill("3106-1", "33.00");
        Reply r = pay(b, key(), card("3106-1", "33.00", TIMES_OUT));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("UNKNOWN");
        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where biller_id = ?").param(b.bid()).update();
        assertThat(repairJob.repair()).isGreaterThanOrEqualTo(1);
        Reply got = getJson("/api/v1/billers/" + b.bid() + "/payments/" + r.json().get("paymentGuid").asText(), b.apiKey());
        assertThat(got.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(got.json().get("approvalCode").asText()).matches("\\d{6}");
    }

    /** One payment made while the database refuses this biller's writes at {@code point}, healed whatever happens. */
    private Reply payFailingAt(InjectedFailures.Point point, TestBiller b, String key, String body) {
        InjectedFailures failures = new InjectedFailures(jdbc);
        failures.fail(point, b.bid());
        try {
            return pay(b, key, body);
        } finally {
            failures.heal(b.bid());
        }
    }

    private List<String> paymentGuids(TestBiller b) {
        return jdbc.sql("select payment_guid::text from payment where biller_id = ? order by payment_id").param(b.bid())
                .query(String.class).list();
    }

    @Test
    void aChargedPaymentWhoseAnswerCannotBeStoredIsNotChargedAgainWhenTheClientRetriesWithItsKey() {
        TestBiller b = billerWithBill("3108-1", "52.10");
        String key = key();
        String body = card("3108-1", "52.10", VISA);
        Reply first = payFailingAt(InjectedFailures.Point.FINISH, b, key, body);
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(count("select count(*) from payment where biller_id = ? and status = 'APPROVED'", b.bid()))
                .as("the processor charged before the answer was lost").isEqualTo(1);

        Reply retry = pay(b, key, body);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(paymentGuids(b)).as("one charge").containsExactly(retry.json().get("paymentGuid").asText());
        Reply again = pay(b, key, body);
        assertThat(again.json().get("paymentGuid").asText()).isEqualTo(retry.json().get("paymentGuid").asText());
        assertThat(paymentGuids(b)).hasSize(1);
    }

    @Test
    void twoRetriesRacingAfterALostAnswerMakeNoSecondCharge() throws Exception {
        TestBiller b = billerWithBill("3109-1", "61.00");
        String key = key();
        String body = card("3109-1", "61.00", VISA);
        assertThat(payFailingAt(InjectedFailures.Point.FINISH, b, key, body).status()).isEqualTo(503);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Reply>> racing = List.of(pool.submit(() -> pay(b, key, body)), pool.submit(() -> pay(b, key, body)));
            for (Future<Reply> f : racing) {
                Reply r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.json().get("paymentGuid").asText()).isEqualTo(paymentGuids(b).get(0));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(paymentGuids(b)).as("one charge").hasSize(1);
    }

    @Test
    void aPaymentLeftBeingProcessedAnswersItsOutcomeToTheRetryOnceTheRepairJobSettlesIt() {
        TestBiller b = billerWithBill("3110-1", "18.40");
        String key = key();
        String body = card("3110-1", "18.40", VISA);
        Reply first = payFailingAt(InjectedFailures.Point.MOVE, b, key, body);
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        Reply meanwhile = pay(b, key, body);
        assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(409);
        assertThat(meanwhile.json().get("code").asText()).isEqualTo("idempotency_key_in_use");

        jdbc.sql("update payment set updated_at = now() - interval '1 minute' where biller_id = ?").param(b.bid()).update();
        assertThat(repairJob.repair()).isGreaterThanOrEqualTo(1);
        Reply settled = pay(b, key, body);
        assertThat(settled.status()).as(settled.body()).isEqualTo(201);
        assertThat(settled.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(paymentGuids(b)).as("one charge").containsExactly(settled.json().get("paymentGuid").asText());
    }

    @Test
    void aPaymentThatAlwaysFailsToSettleDoesNotStopTheOthersAndAGivenUpOneEnds() {
        TestBiller poisoned = billerWithBill("3111-1", "12.00");
        TestBiller good = billerWithBill("3112-1", "13.00");
        InjectedFailures failures = new InjectedFailures(jdbc);
        failures.fail(InjectedFailures.Point.MOVE, poisoned.bid());
        try {
            assertThat(pay(poisoned, key(), card("3111-1", "12.00", VISA)).status()).isEqualTo(503);
            Reply lost = pay(good, key(), card("3112-1", "13.00", TIMES_OUT));
            assertThat(lost.json().get("status").asText()).isEqualTo("UNKNOWN");
            // a scheduled payment recorded but never sent to the processor, as a crash right after its insert leaves it
            UUID neverSent = UUID.randomUUID();
            jdbc.sql("""
                    insert into payment (payment_guid, biller_id, account_number, channel, method, status, amount, method_token,
                                         payer_email, created_at, updated_at)
                    values (?, ?, '3112-1', 'SCHEDULED', 'CARD', 'INITIATED', 13.00, 'tok-never-sent', 'payer@example.com',
                            now() - interval '20 minutes', now() - interval '20 minutes')
                    """).params(neverSent, good.bid()).update();
            jdbc.sql("update payment set updated_at = now() - interval '1 minute' where biller_id in (?, ?) and channel <> 'SCHEDULED'")
                    .params(poisoned.bid(), good.bid()).update();

            repairJob.repair();

            assertThat(jdbc.sql("select status from payment where payment_guid = ?")
                    .param(UUID.fromString(lost.json().get("paymentGuid").asText())).query(String.class).single())
                    .as("repaired despite the payment before it that always fails").isEqualTo("APPROVED");
            assertThat(jdbc.sql("select status from payment where payment_guid = ?").param(neverSent).query(String.class).single())
                    .isEqualTo("ERROR");
            // its payer is told by the autopay emails once the run settles its attempt from this outcome (docs/autopay.md),
            // not by a payment email as well
            assertThat(count("select count(*) from email_message where biller_id = ? and kind = 'PAYMENT_FAILED'", good.bid()))
                    .isZero();
            assertThat(count("select count(*) from payment where biller_id = ? and status = 'INITIATED' "
                    + "and updated_at > now() - interval '20 seconds'", poisoned.bid()))
                    .as("the failing payment waits its turn again behind the others").isEqualTo(1);
        } finally {
            failures.heal(poisoned.bid());
        }
    }

    @Test
    void anotherBillersKeyCannotPayOrRead() {
        TestBiller b = billerWithBill("3107-1", "10.00");
        TestBiller other = newBiller();
        Reply r = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", other.apiKey())
                .header("Idempotency-Key", key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(card("3107-1", "10.00", VISA))));
        assertThat(r.status()).isEqualTo(403);
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
    }
}
