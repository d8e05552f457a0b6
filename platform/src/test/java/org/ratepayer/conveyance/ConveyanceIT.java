package org.ratepayer.conveyance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.TestSmtp;
import org.ratepayer.bif.FileSpec;
import org.ratepayer.bif.FileSpecIds;
import org.ratepayer.bif.RowType;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.HistoryCommentPosting;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Conveyance end to end (docs/conveyance.md), by each of its three triggers: the API, an invoice file's Conveyance flag
 * (FileSpecId 2017) and a changed customer name with option 1011 on. Each takes the account from every user, ends its
 * autopay (AUTOPAY OFF posted once, and heard by the CIS simulator), cancels its scheduled payments (SCHED_PAY_CNCL with
 * option 1001), detaches the saved method that paid only it, records the conveyance, and emails the old owners.
 */
class ConveyanceIT extends CisSimulatorIT {

    private static final String PAYER_PASSWORD = "Conveyance-2026";
    private static final LocalDate D = LocalDate.of(2026, 11, 15);
    private static final LocalDate PAY_ON = LocalDate.of(2026, 11, 25);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String FORMAT_GUID = "BA1CEC36-997C-48E3-8406-437640EDFF84";

    static final GreenMail SMTP = TestSmtp.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        TestSmtp.sendTo(SMTP, registry);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    PayerDirectory directory;

    @Autowired
    Wallet wallet;

    @Autowired
    PaymentService payments;

    @Autowired
    AutopayEnrolments autopay;

    @Autowired
    ScheduledPayments scheduled;

    @BeforeEach
    void day() {
        clock.setDay(D);
    }

    /** A customer record of a test file: the account's invoice, the name on it, its email and the Conveyance flag ("" for none). */
    record Bill(String invoiceNumber, String account, String customerName, String email, String conveyance) {
    }

    /**
     * The world a conveyance acts on: account {@code a} held by pat and sam, account {@code other} held by pat. Pat's
     * wallet has {@code onlyA} (A's autopay charges it) and {@code shared} (A's scheduled payment and the other
     * account's autopay charge it).
     */
    record World(TestBiller b, String a, String other, String pat, String sam, Payer patUser, SavedPaymentMethod onlyA,
            SavedPaymentMethod shared) {
        String patEmail() {
            return "pat-" + b.bid() + "@example.com";
        }

        String samEmail() {
            return "sam-" + b.bid() + "@example.com";
        }
    }

    private static String account(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + "-1";
    }

    private static String invoiceOf(String account, int n) {
        return account.replace("-", "") + "000" + n;
    }

    /** A Daffron biller posting to the simulator, option 1001 on, whose CR rows end with the Conveyance flag (FileSpecId 2017). */
    private World world(boolean autoConveyance) {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), CIS_USER, CIS_PASSWORD);
        billerService.setOption(b.bid(), 1001, null, BooleanNode.TRUE, "test");
        if (autoConveyance) {
            billerService.setOption(b.bid(), 1011, null, BooleanNode.TRUE, "test");
        }
        FileSpec daffron = FileSpec.daffronDefault();
        List<Integer> cr = new ArrayList<>(daffron.columns().get(RowType.CR));
        cr.add(FileSpecIds.CONVEYANCE);
        billerService.setFileSpec(b.bid(), daffron.withColumns(RowType.CR, cr).format(), "test");
        String a = account("71");
        String other = account("72");
        for (String x : List.of(a, other)) {
            cis.state().putAccount(CisAccount.of(x, PayableCharge.of("Electric", "120.50", "0")));
        }
        assertThat(upload(b, "f1.bif", new Bill(invoiceOf(a, 1), a, "Pat Doe", "own-" + a + "@example.com", ""),
                new Bill(invoiceOf(other, 1), other, "Pat Doe", null, "")).status()).isEqualTo(201);

        String pat = "pat" + b.bid();
        String sam = "sam" + b.bid();
        Payer patUser = directory.register(b.bid(), pat, "pat-" + b.bid() + "@example.com", List.of(a, other), PAYER_PASSWORD).payer();
        directory.register(b.bid(), sam, "sam-" + b.bid() + "@example.com", List.of(a), PAYER_PASSWORD);
        SavedPaymentMethod onlyA = save(b, patUser, "4111111111111111");
        SavedPaymentMethod shared = save(b, patUser, "5555555555554444");
        String onlyAToken = wallet.token(b.bid(), patUser.userId(), onlyA.id()).orElseThrow();
        String sharedToken = wallet.token(b.bid(), patUser.userId(), shared.id()).orElseThrow();
        autopay.enrol(b.bid(), a, shown(onlyA), onlyAToken, null, null, pat);
        autopay.enrol(b.bid(), other, shown(shared), sharedToken, null, null, pat);
        scheduled.create(b.bid(), a, invoiceOf(a, 1), PAY_ON, new BigDecimal("60.25"), shared.method(), sharedToken, shared.brand(),
                shared.last4(), pat);
        return new World(b, a, other, pat, sam, patUser, onlyA, shared);
    }

    private SavedPaymentMethod save(TestBiller b, Payer user, String number) {
        PaymentGateway.Tokenized t = payments.tokenize(b.bid(), new CardDetails(number, 12, 2099, "123", "49331"), null);
        return wallet.save(b.bid(), user.userId(), t, 12, 2099, null, false);
    }

    private static AutopayEnrolments.ShownMethod shown(SavedPaymentMethod m) {
        return new AutopayEnrolments.ShownMethod(m.method(), m.brand(), m.last4());
    }

    private Reply upload(TestBiller b, String name, Bill... bills) {
        return upload(b, b.webServiceKey(), name, bif(b, bills));
    }

    private static String bif(TestBiller b, Bill... bills) {
        StringBuilder sb = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        for (Bill bill : bills) {
            String base = bill.account().split("-")[0];
            String sub = bill.account().split("-")[1];
            sb.append("IH|R|").append(FORMAT_GUID).append('|').append(bill.invoiceNumber()).append("|11/10/2026|12/01/2026|120.50|")
                    .append(base).append('|').append(sub).append("|321045080002|12345|").append(base).append("-12345|0.00\n");
            sb.append("CR|").append(bill.account()).append('|').append(bill.customerName()).append("|1 Main St||Lowell|MI|49331|616-555-0100|")
                    .append(bill.email() == null ? "" : bill.email()).append("|N|").append(bill.account()).append('|')
                    .append(bill.conveyance()).append('\n');
            sb.append("ID|Energy charge|120.50\n");
            total = total.add(new BigDecimal("120.50"));
        }
        return "FH|" + b.guidText() + "|11/01/2026 08:00:00|" + bills.length + "|" + total.toPlainString() + "\n" + sb;
    }

    private Reply convey(TestBiller b, String key, String account, String idempotencyKey, String body) {
        HttpRequest.Builder r = request("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/conveyance").header("X-Api-Key", key);
        if (idempotencyKey != null) {
            r.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            r.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send(r);
    }

    // --- what is asserted of every trigger

    private long autopayOffPostings(World w) {
        return count("""
                select count(*) from posting where biller_id = ? and kind = 'CIS_AUTOPAY'
                and payload->>'accountNumber' = ? and payload->>'enrolled' = 'false'""", w.b().bid(), w.a());
    }

    private long cancelPostings(World w) {
        return count("""
                select count(*) from posting where biller_id = ? and kind = 'CIS_SCHEDULED_PAYMENT'
                and payload->>'accountNumber' = ? and payload->>'change' = 'CANCELLED'""", w.b().bid(), w.a());
    }

    private static List<String> comments(String account) {
        return cis.state().postings().historyComments().stream().filter(c -> c.customerId().equals(account))
                .map(HistoryCommentPosting::comment).toList();
    }

    private List<String> holders(World w, String account) {
        return jdbc.sql("""
                select u.username from payer_account a join payer_user u on u.user_id = a.user_id
                where a.biller_id = ? and a.account_number = ? order by u.username""").params(w.b().bid(), account)
                .query(String.class).list();
    }

    private boolean removed(SavedPaymentMethod m) {
        return jdbc.sql("select removed_at is not null from payer_method where method_guid = ?").param(m.id()).query(Boolean.class).single();
    }

    private static List<MimeMessage> caught(String subject) {
        return TestSmtp.receivedWithSubject(SMTP, subject);
    }

    private static List<String> to(MimeMessage m) throws MessagingException {
        Address[] to = m.getRecipients(Message.RecipientType.TO);
        return to == null ? List.of() : Arrays.stream(to).map(a -> a.toString().toLowerCase(Locale.ROOT)).toList();
    }

    private static String subject(World w) {
        return "Account " + w.a() + " is no longer in your online account — Test Co-op " + w.b().bid();
    }

    /** Everything one conveyance of account {@code a} removes, and the old owners' one email; {@code trigger} is the record's. */
    private void assertConveyed(World w, String trigger, String oldName, String newName) throws Exception {
        long bid = w.b().bid();
        assertThat(holders(w, w.a())).as("no user holds the conveyed account").isEmpty();
        assertThat(holders(w, w.other())).as("pat keeps the other account").containsExactly(w.pat());
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ? and account_number = ?", bid, w.a())).isZero();
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ? and account_number = ?", bid, w.other())).isOne();
        assertThat(autopayOffPostings(w)).as("AUTOPAY OFF queued once").isOne();
        assertThat(jdbc.sql("select status from scheduled_payment where biller_id = ? and account_number = ?").params(bid, w.a())
                .query(String.class).list()).containsExactly("CANCELLED");
        assertThat(cancelPostings(w)).as("SCHED_PAY_CNCL queued once (option 1001)").isOne();
        assertThat(removed(w.onlyA())).as("the method only the conveyed account's autopay charged").isTrue();
        assertThat(removed(w.shared())).as("the method the other account's autopay charges too").isFalse();

        var row = jdbc.sql("""
                select trigger_kind, old_customer_name, new_customer_name, array_to_string(users_removed, ',') as users,
                       autopay_cancelled, scheduled_cancelled, methods_detached
                from account_conveyance where biller_id = ? and account_number = ?""").params(bid, w.a())
                .query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getString(3)), rs.getString(4),
                        String.valueOf(rs.getBoolean(5)), String.valueOf(rs.getInt(6)), String.valueOf(rs.getInt(7)))).single();
        assertThat(row).containsExactly(trigger, oldName, String.valueOf(newName), w.pat() + "," + w.sam(), "true", "1", "1");

        await().atMost(PATIENCE).until(() -> comments(w.a()).contains("AUTOPAY OFF") && comments(w.a()).stream()
                .anyMatch(c -> c.startsWith("SCHED_PAY_CNCL")));
        assertThat(comments(w.a())).containsExactly("AUTOPAY ON", "SCHED_PAY 11252026 60.25 " + invoiceOf(w.a(), 1), "AUTOPAY OFF",
                "SCHED_PAY_CNCL 11252026 60.25 " + invoiceOf(w.a(), 1));

        // GreenMail keeps one copy per recipient: one email, to both old owners
        await().atMost(PATIENCE).until(() -> caught(subject(w)).size() == 2);
        for (MimeMessage mail : caught(subject(w))) {
            assertThat(to(mail)).containsExactlyInAnyOrder(w.patEmail(), w.samEmail());
        }
        String body = jdbc.sql("select body_text from email_message where biller_id = ? and account_number = ? and kind = 'CONVEYANCE'")
                .params(bid, w.a()).query(String.class).single();
        assertThat(body).contains("Account:", w.a(), "Online access:", "Ended", "Autopay:", "Cancelled",
                "Scheduled payment cancelled:", "$60.25 on November 25, 2026 (invoice " + invoiceOf(w.a(), 1) + ")",
                "Saved payment methods removed:", "Test Co-op " + bid);
    }

    @Test
    void theApiConveysAnAccountOnceAndAKeyRepeatedAnswersTheSameConveyance() throws Exception {
        World w = world(false);

        Reply r = convey(w.b(), w.b().apiKey(), w.a(), "move-1", "{\"newCustomerName\":\"Jordan Smith\",\"reason\":\"sold the house\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("accountNumber").asText()).isEqualTo(w.a());
        assertThat(j.get("trigger").asText()).isEqualTo("API");
        assertThat(j.get("usersRemoved").toString()).isEqualTo("[\"" + w.pat() + "\",\"" + w.sam() + "\"]");
        assertThat(j.get("autopayCancelled").asBoolean()).isTrue();
        assertThat(j.get("scheduledPaymentsCancelled").asInt()).isOne();
        assertThat(j.get("methodsDetached").asInt()).isOne();
        assertThat(j.get("replayed").asBoolean()).isFalse();
        assertConveyed(w, "API", "Pat Doe", "Jordan Smith");
        assertThat(jdbc.sql("select customer_name from account where biller_id = ? and account_number = ?").params(w.b().bid(), w.a())
                .query(String.class).single()).isEqualTo("Jordan Smith");

        Reply again = convey(w.b(), w.b().apiKey(), w.a(), "move-1", "{\"newCustomerName\":\"Jordan Smith\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("conveyanceId").asLong()).isEqualTo(j.get("conveyanceId").asLong());
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isOne();

        // without a key: recorded again, and nothing is left to remove or post
        Reply third = convey(w.b(), w.b().apiKey(), w.a(), null, null);
        assertThat(third.status()).as(third.body()).isEqualTo(200);
        assertThat(third.json().get("usersRemoved").size()).isZero();
        assertThat(third.json().get("autopayCancelled").asBoolean()).isFalse();
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isEqualTo(2);
        assertThat(autopayOffPostings(w)).isOne();
        assertThat(cancelPostings(w)).isOne();
        // no user held it any more: the account's own email on record is told
        await().atMost(PATIENCE).until(() -> caught(subject(w)).size() == 3);
        assertThat(to(caught(subject(w)).get(2))).containsExactly("own-" + w.a().toLowerCase(Locale.ROOT) + "@example.com");

        // the operator may convey too
        Reply byOperator = send(asOperator(request("/api/v1/billers/" + w.b().bid() + "/accounts/" + w.other() + "/conveyance"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(200);
        assertThat(holders(w, w.other())).isEmpty();
    }

    @Test
    void twoRequestsAtOnceConveyOnceWithOneKeyAndPostAutopayOffOnceWithout() throws Exception {
        World w = world(false);

        List<java.util.concurrent.CompletableFuture<Reply>> sameKey = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sameKey.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> convey(w.b(), w.b().apiKey(), w.a(), "at-once", null)));
        }
        List<Reply> answers = sameKey.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(answers).extracting(Reply::status).containsExactly(200, 200);
        assertThat(answers).extracting(a -> a.json().get("conveyanceId").asLong()).containsOnly(answers.get(0).json().get("conveyanceId").asLong());
        assertThat(answers).extracting(a -> a.json().get("replayed").asBoolean()).containsExactlyInAnyOrder(true, false);
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isOne();

        List<java.util.concurrent.CompletableFuture<Reply>> noKey = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            noKey.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> convey(w.b(), w.b().apiKey(), w.other(), null, null)));
        }
        assertThat(noKey.stream().map(java.util.concurrent.CompletableFuture::join).map(Reply::status).toList()).containsExactly(200, 200);
        assertThat(autopayOffPostings(w)).isOne();
        assertThat(count("""
                select count(*) from posting where biller_id = ? and kind = 'CIS_AUTOPAY'
                and payload->>'accountNumber' = ? and payload->>'enrolled' = 'false'""", w.b().bid(), w.other())).isOne();
    }

    @Test
    void refusedRequestsChangeNothing() {
        World w = world(false);
        TestBiller another = newBiller();

        Reply unknown = convey(w.b(), w.b().apiKey(), "999999-9", null, null);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("account_not_found");

        Reply foreign = convey(w.b(), another.apiKey(), w.a(), null, null);
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);

        Reply malformed = convey(w.b(), w.b().apiKey(), w.a(), null, "{\"newCustomerName\": [1]}");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("newCustomerName");

        Reply tooLong = convey(w.b(), w.b().apiKey(), w.a(), null, "{\"reason\":\"" + "x".repeat(1001) + "\"}");
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asText()).isEqualTo("reason");

        Reply badKey = convey(w.b(), w.b().apiKey(), w.a(), "  ", null);
        assertThat(badKey.status()).as(badKey.body()).isEqualTo(400);
        assertThat(badKey.json().get("field").asText()).isEqualTo("Idempotency-Key");

        assertThat(holders(w, w.a())).containsExactly(w.pat(), w.sam());
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ? and account_number = ?", w.b().bid(), w.a())).isOne();
        assertThat(autopayOffPostings(w)).isZero();
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isZero();
        assertThat(removed(w.onlyA())).isFalse();
    }

    @Test
    void aFileFlagConveysTheAccountInTheImportAndTheSameFileAgainDoesNothing() throws Exception {
        World w = world(false);

        String file = bif(w.b(), new Bill(invoiceOf(w.a(), 2), w.a(), "Jordan Smith", "jordan@example.com", "Y"),
                new Bill(invoiceOf(w.other(), 2), w.other(), "Pat Doe", null, "N"));
        Reply r = upload(w.b(), w.b().webServiceKey(), "f2.bif", file);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("conveyed").asLong()).isOne();
        assertConveyed(w, "FILE", "Pat Doe", "Jordan Smith");
        assertThat(jdbc.sql("select file_id from account_conveyance where biller_id = ?").param(w.b().bid()).query(Long.class).single())
                .isEqualTo(r.json().get("fileId").asLong());

        Reply again = upload(w.b(), w.b().webServiceKey(), "f2.bif", file);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isOne();
        assertThat(autopayOffPostings(w)).isOne();
    }

    @Test
    void aChangedNameConveysTheAccountWhenTheBillerTurnedAutoConveyanceOn() throws Exception {
        World w = world(true);

        // the same name retyped is no new owner
        Reply same = upload(w.b(), "f2.bif", new Bill(invoiceOf(w.a(), 2), w.a(), "PAT   DOE", "own-" + w.a() + "@example.com", ""),
                new Bill(invoiceOf(w.other(), 2), w.other(), "pat doe", null, ""));
        assertThat(same.status()).as(same.body()).isEqualTo(201);
        assertThat(same.json().has("conveyed")).as("nothing conveyed: no count shown").isFalse();
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isZero();
        assertThat(holders(w, w.a())).containsExactly(w.pat(), w.sam());

        Reply r = upload(w.b(), "f3.bif", new Bill(invoiceOf(w.a(), 3), w.a(), "Jordan Smith", "jordan@example.com", ""),
                new Bill(invoiceOf(w.other(), 3), w.other(), "Pat Doe", null, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("conveyed").asLong()).isOne();
        assertConveyed(w, "NAME_CHANGE", "PAT   DOE", "Jordan Smith");

        // the next file carries the new owner's name again: no second conveyance
        Reply next = upload(w.b(), "f4.bif", new Bill(invoiceOf(w.a(), 4), w.a(), "Jordan Smith", "jordan@example.com", ""));
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isOne();
        assertThat(autopayOffPostings(w)).isOne();
    }

    @Test
    void aChangedNameConveysNothingWithAutoConveyanceOff() {
        World w = world(false);

        Reply r = upload(w.b(), "f2.bif", new Bill(invoiceOf(w.a(), 2), w.a(), "Jordan Smith", "jordan@example.com", ""));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(jdbc.sql("select customer_name from account where biller_id = ? and account_number = ?").params(w.b().bid(), w.a())
                .query(String.class).single()).isEqualTo("Jordan Smith");
        assertThat(count("select count(*) from account_conveyance where biller_id = ?", w.b().bid())).isZero();
        assertThat(holders(w, w.a())).containsExactly(w.pat(), w.sam());
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ? and account_number = ?", w.b().bid(), w.a())).isOne();
        assertThat(autopayOffPostings(w)).isZero();
        assertThat(removed(w.onlyA())).isFalse();
    }
}
