package org.ratepayer.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.conversion.internal.AccountTables;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.postings.PumpHold;
import org.ratepayer.shared.web.Caller;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A conversion end to end over the operator API (docs/conversion.md): export, plan, apply, verify, rollback, on a biller
 * with invoices, a payment, autopay, paperless, saved methods, a scheduled payment and registrations; and the refusals
 * that leave the biller exactly as it was, compared row by row.
 */
class ConversionIT extends CisSimulatorIT {

    private static final LocalDate D = LocalDate.of(2026, 11, 15);
    private static final String FORMAT_GUID = "BA1CEC36-997C-48E3-8406-437640EDFF84";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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
    @Autowired
    PaperlessEnrolments paperless;
    @Autowired
    PumpHold pump;
    @Autowired
    AccountTables tables;
    @Autowired
    Conversions conversions;

    @BeforeEach
    void day() {
        clock.setDay(D);
    }

    /** Accounts a (autopay with pat's card, a payment), b (paperless), c (a scheduled payment with sam's card). */
    record World(TestBiller b, String a, String bb, String c, String pat, String sam) {
        List<String> accounts() {
            return List.of(a, bb, c);
        }
    }

    private static String invoiceOf(String account, int n) {
        return account.replace("-", "") + "000" + n;
    }

    private World world() {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), CIS_USER, CIS_PASSWORD);
        String stem = String.valueOf(b.bid() % 100_000);
        String a = "81" + stem + "-1";
        String bb = "82" + stem + "-1";
        String c = "83" + stem + "-1";
        for (String x : List.of(a, bb, c)) {
            cis.state().putAccount(CisAccount.of(x, PayableCharge.of("Electric", "120.50", "0")));
        }
        Reply up = upload(b, b.webServiceKey(), "f1.bif", bif(b, a, bb, c));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String pat = "pat" + b.bid();
        String sam = "sam" + b.bid();
        Payer patUser = directory.register(b.bid(), pat, pat + "@example.com", List.of(a, bb), "Conversion-2026").payer();
        Payer samUser = directory.register(b.bid(), sam, sam + "@example.com", List.of(c), "Conversion-2026").payer();
        SavedPaymentMethod patCard = save(b, patUser, "4111111111111111");
        SavedPaymentMethod samCard = save(b, samUser, "5555555555554444");
        String patToken = wallet.token(b.bid(), patUser.userId(), patCard.id()).orElseThrow();
        String samToken = wallet.token(b.bid(), samUser.userId(), samCard.id()).orElseThrow();
        autopay.enrol(b.bid(), a, new AutopayEnrolments.ShownMethod(patCard.method(), patCard.brand(), patCard.last4()), patToken, null,
                null, pat);
        paperless.set(b.bid(), bb, true, Caller.operatorCaller());
        scheduled.create(b.bid(), c, invoiceOf(c, 1), D.plusDays(10), new BigDecimal("60.25"), samCard.method(), samToken, samCard.brand(),
                samCard.last4(), sam);
        PaymentOutcome paid = payments.submit(b.bid(), UUID.randomUUID().toString(), new PaymentRequest(Channel.IVR, a, null,
                new BigDecimal("120.50"), new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null, null, null, null, null, null));
        assertThat(paid).as(paid.toString()).isInstanceOf(PaymentOutcome.Taken.class);
        await().atMost(PATIENCE).until(() -> pump.openPostings(b.bid()).isEmpty());
        return new World(b, a, bb, c, pat, sam);
    }

    private SavedPaymentMethod save(TestBiller b, Payer user, String number) {
        PaymentGateway.Tokenized t = payments.tokenize(b.bid(), new CardDetails(number, 12, 2099, "123", "49331"), null);
        return wallet.save(b.bid(), user.userId(), t, 12, 2099, null, true);
    }

    private static String bif(TestBiller b, String... accounts) {
        StringBuilder sb = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        for (String account : accounts) {
            String base = account.split("-")[0];
            String sub = account.split("-")[1];
            sb.append("IH|R|").append(FORMAT_GUID).append('|').append(invoiceOf(account, 1)).append("|11/10/2026|12/01/2026|120.50|")
                    .append(base).append('|').append(sub).append("|321045080002|12345|").append(base).append("-12345|0.00\n");
            sb.append("CR|").append(account).append("|Pat Doe|1 Main St||Lowell|MI|49331|616-555-0100|own-").append(base)
                    .append("@example.com|N|").append(account).append('\n');
            sb.append("ID|Energy charge|120.50\n");
            total = total.add(new BigDecimal("120.50"));
        }
        return "FH|" + b.guidText() + "|11/01/2026 08:00:00|" + accounts.length + "|" + total.toPlainString() + "\n" + sb;
    }

    private static String newNumber(String old) {
        return "9" + old.replace("-", "") + "001";
    }

    private static String xref(World w) {
        StringBuilder sb = new StringBuilder("OldAccountNumber,NewAccountNumber,Custom2,Custom3\n");
        for (String a : w.accounts()) {
            String n = newNumber(a);
            sb.append(a).append(',').append(n).append(',').append(n, 0, n.length() - 3).append(",1\n");
        }
        return sb.toString();
    }

    private String base(World w) {
        return "/api/v1/billers/" + w.b().bid() + "/conversion";
    }

    private Reply get(String path) {
        return send(asOperator(request(path)).GET());
    }

    private Reply post(String path, String contentType, String body) {
        return send(asOperator(request(path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Every row of the biller in every table a conversion touches, as text, by table: what "exactly as before" compares. */
    private Map<String, List<String>> dump(long bid) {
        List<String> names = new ArrayList<>(tables.reKeyed());
        names.addAll(List.of("account_renumbering", "payer_user", "payer_method", "conversion_run", "posting"));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : names) {
            out.put(t, jdbc.sql("select x::text from " + t + " x where biller_id = ? order by 1").param(bid).query(String.class).list());
        }
        return out;
    }

    private long rowsNaming(long bid, List<String> numbers) {
        long n = 0;
        for (String t : tables.reKeyed()) {
            n += count("select count(*) from " + t + " where biller_id = ? and account_number = any(?)", bid, numbers.toArray(String[]::new));
        }
        return n;
    }

    private static String emailOf(String account) {
        return "own-" + account.split("-")[0] + "@example.com";
    }

    @Test
    void applyConvertsEverythingVerifyPassesAndRollbackPutsTheNumbersBack() throws Exception {
        World w = world();
        long bid = w.b().bid();
        List<String> olds = w.accounts();
        List<String> news = olds.stream().map(ConversionIT::newNumber).toList();
        long rowsBefore = rowsNaming(bid, olds);
        Map<String, List<String>> before = dump(bid);

        Reply export = get(base(w) + "/export");
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.body().lines().toList()).containsExactly(
                String.join(",", ExportRow.HEADER),
                "Pat Doe," + w.a() + "," + emailOf(w.a()) + ",N,Y,card,1111,0,0.00,1,120.50,1,120.50",
                "Pat Doe," + w.bb() + "," + emailOf(w.bb()) + ",Y,N,card,1111,0,0.00,1,120.50,0,0.00",
                "Pat Doe," + w.c() + "," + emailOf(w.c()) + ",N,N,card,4444,1,60.25,1,120.50,0,0.00");

        Reply plan = post(base(w) + "/plan", "text/csv", xref(w));
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().get("accounts").asInt()).isEqualTo(3);
        assertThat(plan.json().get("moves").get("invoice").asLong()).isEqualTo(3);
        assertThat(plan.json().get("moves").get("payment").asLong()).isEqualTo(1);
        assertThat(plan.json().get("moves").get("autopay_enrolment").asLong()).isEqualTo(1);
        assertThat(plan.json().get("moves").get("payer_account").asLong()).isEqualTo(3);
        assertThat(dump(bid)).as("a plan changes nothing").isEqualTo(before);

        Reply applied = post(base(w) + "/apply", "application/json", plan.body());
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.json().get("counts").get("payer_user (deleted)").asLong()).isEqualTo(2);

        assertThat(rowsNaming(bid, olds)).as("no row names an old number").isZero();
        // less the 3 registrations; plus their 3 UNREGISTERED lines in the customer change log and the 3 methods held
        assertThat(rowsNaming(bid, news)).as("every row moved to the new number").isEqualTo(rowsBefore - 3 + 3 + 3);
        assertThat(jdbc.sql("select account_number from customer_change where biller_id = ? and kind = 'UNREGISTERED' order by 1")
                .param(bid).query(String.class).list()).containsExactlyElementsOf(news);
        assertThat(jdbc.sql("select old_account_number || '>' || new_account_number from account_renumbering where biller_id = ? order by 1")
                .param(bid).query(String.class).list()).containsExactlyElementsOf(olds.stream().map(o -> o + ">" + newNumber(o)).toList());
        assertThat(count("select count(*) from payer_account where biller_id = ?", bid)).as("payers unregistered").isZero();
        assertThat(count("select count(*) from payer_user where biller_id = ?", bid)).as("their passwords with them").isZero();
        assertThat(jdbc.sql("select account_number || ' ' || last4 || ' ' || was_default from conversion_held_method where biller_id = ? order by 1")
                .param(bid).query(String.class).list()).as("saved methods held for whoever registers again").containsExactly(
                        newNumber(w.a()) + " 1111 true", newNumber(w.bb()) + " 1111 true", newNumber(w.c()) + " 4444 true");
        assertThat(jdbc.sql("select account_number from autopay_enrolment where biller_id = ?").param(bid).query(String.class).single())
                .isEqualTo(newNumber(w.a()));
        assertThat(jdbc.sql("select account_number from paperless_enrolment where biller_id = ? and enrolled").param(bid)
                .query(String.class).single()).isEqualTo(newNumber(w.bb()));
        assertThat(jdbc.sql("select account_number || ' ' || amount || ' ' || status from scheduled_payment where biller_id = ?").param(bid)
                .query(String.class).single()).isEqualTo(newNumber(w.c()) + " 60.25 SCHEDULED");
        assertThat(jdbc.sql("select custom2 || '/' || custom3 from invoice where biller_id = ? and account_number = ?")
                .params(bid, newNumber(w.a())).query(String.class).single()).as("the new base and sub from the file")
                .isEqualTo(newNumber(w.a()).substring(0, newNumber(w.a()).length() - 3) + "/1");

        Reply verified = post(base(w) + "/verify", "text/csv", export.body());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("passed").asBoolean()).as(verified.body()).isTrue();
        assertThat(verified.json().get("accounts").asInt()).isEqualTo(3);
        Reply html = post(base(w) + "/verify?format=html", "text/csv", export.body());
        assertThat(html.body()).contains("<strong>PASSED</strong>: 3 accounts checked, 0 with a difference.", newNumber(w.c()));

        // a flag lost between apply and verify is named, account by account
        jdbc.sql("delete from paperless_enrolment where biller_id = ?").param(bid).update();
        Reply failed = post(base(w) + "/verify?format=csv", "text/csv", export.body());
        assertThat(failed.body().lines().toList()).contains(w.bb() + "," + newNumber(w.bb()) + ",FAIL,ok,LOST,ok,ok,ok,ok,\"paperless was Y, is N\"");
        assertThat(post(base(w) + "/verify", "text/csv", export.body()).json().get("failedAccounts").asInt()).isOne();
        jdbc.sql("insert into paperless_enrolment (biller_id, account_number, enrolled, changed_by) values (?, ?, true, 'test')")
                .params(bid, newNumber(w.bb())).update();

        Reply rolledBack = post(base(w) + "/rollback", "application/json", "");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().get("status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rowsNaming(bid, news)).isZero();
        // as after apply, plus the PAPERLESS_ON line the test's own re-enrolment logged
        assertThat(rowsNaming(bid, olds)).as("registrations are not restored").isEqualTo(rowsBefore + 3 + 1);
        assertThat(count("select count(*) from payer_account where biller_id = ?", bid)).isZero();
        assertThat(count("select count(*) from account_renumbering where biller_id = ?", bid)).isZero();
        assertThat(jdbc.sql("select custom2 || '/' || custom3 from invoice where biller_id = ? and account_number = ?")
                .params(bid, w.a()).query(String.class).single()).isEqualTo(w.a().replace("-", "/"));
        Reply again = post(base(w) + "/rollback", "application/json", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("nothing_to_roll_back");

        // whoever registers an account again is offered the methods held for it, once
        Payer back = directory.register(bid, "pat-again" + bid, "pat@example.com", List.of(w.a()), "Conversion-2027").payer();
        assertThat(wallet.methods(bid, back.userId())).extracting(m -> m.last4() + " " + m.isDefault()).containsExactly("1111 true");
        Payer second = directory.register(bid, "someone" + bid, "someone@example.com", List.of(w.a()), "Conversion-2027").payer();
        assertThat(wallet.methods(bid, second.userId())).isEmpty();
    }

    @Test
    void aPlanRefusesABadFileNamingEachProblemByLineAndChangesNothing() {
        World w = world();
        Map<String, List<String>> before = dump(w.b().bid());
        String file = "OldAccountNumber,NewAccountNumber\n" + w.a() + ",7001\n" + w.a() + ",7002\n" + "404-1,7003\n" + w.c() + ",7001\n";

        Reply r = post(base(w) + "/plan", "text/csv", file);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("cross_reference_invalid");
        List<String> problems = new ArrayList<>();
        r.json().get("problems").forEach(p -> problems.add(p.get("line").asInt() + " " + p.get("code").asText()));
        assertThat(problems).containsExactly("3 old_number_twice", "4 unknown_old_number", "5 new_number_twice", "0 account_not_listed");
        assertThat(dump(w.b().bid())).isEqualTo(before);
        assertThat(post(base(w) + "/plan", "text/csv", "").json().get("problems").get(0).get("code").asText()).isEqualTo("empty_file");
    }

    @Test
    void aFailureHalfWayLeavesEveryTableAsItWas() {
        World w = world();
        long bid = w.b().bid();
        Conversions.PlanOutcome plan = conversions.plan(bid, xref(w));
        Map<String, List<String>> before = dump(bid);
        // the database refuses the scheduled payments' re-key: after account, invoice, payment and the rest before it
        jdbc.sql("create table if not exists it_conversion_failure (biller_id bigint primary key)").update();
        jdbc.sql("""
                create or replace function it_conversion_fail() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from it_conversion_failure f where f.biller_id = new.biller_id) then
                        raise exception 'injected failure: scheduled payment % cannot be re-keyed', new.scheduled_payment_id;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("create or replace trigger it_conversion_fail before update of account_number on scheduled_payment "
                + "for each row execute function it_conversion_fail()").update();
        jdbc.sql("insert into it_conversion_failure values (?)").param(bid).update();
        try {
            assertThatThrownBy(() -> conversions.apply(plan.plan(), "test", Progress.NONE)).hasMessageContaining("injected failure");
        } finally {
            jdbc.sql("delete from it_conversion_failure where biller_id = ?").param(bid).update();
        }
        assertThat(dump(bid)).isEqualTo(before);

        // and with the failure gone the same plan applies
        ConversionRun run = conversions.apply(plan.plan(), "test", Progress.NONE);
        assertThat(run.counts().get("scheduled_payment")).isOne();
    }

    @Test
    void applyRefusesAPlanWhoseStateChangedOrWhilePostingsArePending() {
        World w = world();
        long bid = w.b().bid();
        ConversionPlan plan = conversions.plan(bid, xref(w)).plan();

        // a payment's posting still to go: the CIS has not heard of it yet
        jdbc.sql("""
                insert into posting (posting_guid, biller_id, kind, order_key, payload, next_attempt_at)
                values (?, ?, 'CIS_PAPERLESS', ?, '{}'::jsonb, now() + interval '1 hour')""").params(UUID.randomUUID(), bid, w.a()).update();
        Map<String, List<String>> before = dump(bid);
        Reply pending = post(base(w) + "/apply", "application/json", toJson(plan));
        assertThat(pending.status()).as(pending.body()).isEqualTo(409);
        assertThat(pending.json().get("code").asText()).isEqualTo("postings_pending");
        assertThat(pending.json().get("detail").asText()).contains("CIS_PAPERLESS PENDING: 1");
        assertThat(dump(bid)).isEqualTo(before);
        jdbc.sql("update posting set status = 'SKIPPED' where biller_id = ? and status = 'PENDING'").param(bid).update();

        paperless.set(bid, w.c(), true, Caller.operatorCaller());
        await().atMost(PATIENCE).until(() -> pump.openPostings(bid).isEmpty());
        Reply stale = post(base(w) + "/apply", "application/json", toJson(plan));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("code").asText()).isEqualTo("state_changed");
        assertThat(count("select count(*) from account_renumbering where biller_id = ?", bid)).isZero();

        ConversionPlan edited = new ConversionPlan(plan.format(), bid, plan.madeAt(), plan.crossReferenceSha256(), plan.stateChecksum(),
                plan.pairsChecksum(), plan.accounts(), plan.moves(), List.of(new CrossReference.Mapping(2, w.a(), "1", null, null),
                        plan.pairs().get(1), plan.pairs().get(2)));
        Reply tampered = post(base(w) + "/apply", "application/json", toJson(edited));
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.json().get("code").asText()).isEqualTo("plan_edited");
    }

    @Test
    void accountsSwappingNumbersConvert() {
        World w = world();
        long bid = w.b().bid();
        String file = "OldAccountNumber,NewAccountNumber\n" + w.a() + "," + w.bb() + "\n" + w.bb() + "," + w.a() + "\n" + w.c() + ",X" + w.c()
                + "\n";
        ConversionRun run = conversions.apply(conversions.plan(bid, file).plan(), "test", Progress.NONE);

        assertThat(run.accounts()).isEqualTo(3);
        assertThat(jdbc.sql("select account_number from autopay_enrolment where biller_id = ?").param(bid).query(String.class).single())
                .as("a's autopay is under b's old number").isEqualTo(w.bb());
        assertThat(jdbc.sql("select account_number from paperless_enrolment where biller_id = ? and enrolled").param(bid)
                .query(String.class).single()).isEqualTo(w.a());
        assertThat(count("select count(*) from payment where biller_id = ? and account_number = ?", bid, w.bb())).isOne();
    }

    @Test
    void everyColumnNamingAnAccountIsReKeyedOrSaidWhyNot() {
        List<String> unhandled = new ArrayList<>();
        List<String> reKeyed = tables.reKeyed();
        jdbc.sql("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name like '%account%'
                  and c.table_name not like 'it\\_%'
                order by 1, 2""").query((rs, n) -> {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    boolean handled = column.equals("account_number") && reKeyed.contains(table);
                    if (!handled && !AccountTables.NOT_ACCOUNT_KEYS.containsKey(table + "." + column)) {
                        unhandled.add(table + "." + column);
                    }
                    return null;
                }).list();
        assertThat(unhandled).as("columns naming an account that a conversion would leave with old numbers").isEmpty();
        assertThat(reKeyed).contains("account", "invoice", "payment", "payment_allocation", "autopay_enrolment", "paperless_enrolment",
                "scheduled_payment", "payer_account", "conversion_held_method").doesNotContain("account_renumbering");

        List<String> immediate = jdbc.sql("""
                select rel.relname || '.' || con.conname from pg_constraint con
                join pg_class rel on rel.oid = con.conrelid join pg_class ref on ref.oid = con.confrelid
                where con.contype = 'f' and ref.relname = 'account' and not con.condeferrable""").query(String.class).list();
        assertThat(immediate).as("foreign keys to account a conversion cannot defer").isEmpty();
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager txManager;

    @Test
    void aHeldBillersPostingsWaitUntilTheHoldEnds() throws Exception {
        World w = world();
        long bid = w.b().bid();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var tx = new org.springframework.transaction.support.TransactionTemplate(txManager);
        var holder = java.util.concurrent.CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            pump.holdInThisTransaction(bid);
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            paperless.set(bid, w.c(), true, Caller.operatorCaller());
            // workers poll every 100 ms: fifteen rounds pass it over
            Thread.sleep(1500);
            assertThat(jdbc.sql("select status || ' ' || attempts from posting where biller_id = ? and kind = 'CIS_PAPERLESS' "
                    + "and payload->>'accountNumber' = ?").params(bid, w.c()).query(String.class).single()).isEqualTo("PENDING 0");
        } finally {
            release.countDown();
            holder.join();
        }
        await().atMost(PATIENCE).until(() -> pump.openPostings(bid).isEmpty());
        assertThat(jdbc.sql("select status from posting where biller_id = ? and kind = 'CIS_PAPERLESS' and payload->>'accountNumber' = ?")
                .params(bid, w.c()).query(String.class).single()).isEqualTo("DELIVERED");
    }

    private String toJson(ConversionPlan plan) {
        try {
            return json.copy().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).writeValueAsString(plan);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
