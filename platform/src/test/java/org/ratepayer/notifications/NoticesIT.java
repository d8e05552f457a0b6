package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.TestSmtp;
import org.ratepayer.notifications.internal.Notices;
import org.ratepayer.payers.PayerDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notices end to end (docs/notices.md): real imports, the notices' passes run as the jobs run them, a real SMTP
 * server. Each email reaches exactly its recipients with its figures, once, whatever is run again or at once.
 */
class NoticesIT extends PlatformIT {

    private static final LocalDate D = LocalDate.of(2026, 12, 1);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ACCENT = "#7a1f5c";

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
    Notices notices;

    @Autowired
    PayerDirectory directory;

    @BeforeEach
    void day() {
        clock.setDay(D);
    }

    /** Three accounts: one a payer holds (A), one paperless (B), one neither (C); each with its own address. */
    private record Accounts(String a, String b, String c) {
    }

    private static String n() {
        return String.valueOf(System.nanoTime() % 1_000_000);
    }

    private static String own(String account) {
        return "own-" + account + "@example.com";
    }

    private Accounts setUp(TestBiller b) {
        String s = n();
        Accounts x = new Accounts("71" + s + "-1", "72" + s + "-1", "73" + s + "-1");
        billerService.setSetting(b.bid(), 1007, TextNode.valueOf(ACCENT.toUpperCase()), "test");
        // An earlier file brings the accounts; nobody is told of its bills (no user, nothing paperless yet).
        assertThat(upload(b, b.webServiceKey(), "old.bif", new BifText(b.guidText())
                .invoice(x.a().replace("-", "") + "00", x.a(), "10/10/2026", "30.00", own(x.a()))
                .invoice(x.b().replace("-", "") + "00", x.b(), "10/10/2026", "31.00", own(x.b()))
                .invoice(x.c().replace("-", "") + "00", x.c(), "10/10/2026", "32.00", own(x.c())).text()).status()).isEqualTo(201);
        notices.billReady(b.bid());
        directory.register(b.bid(), "pat" + s, user(x), List.of(x.a()), "correct horse battery staple");
        jdbc.sql("insert into paperless_enrolment (biller_id, account_number, enrolled, changed_by) values (?, ?, true, 'test')")
                .params(b.bid(), x.b()).update();
        return x;
    }

    private static String user(Accounts x) {
        return "pat-" + x.a() + "@example.com";
    }

    private static String inv(String account) {
        return account.replace("-", "") + "01";
    }

    private int importNewBills(TestBiller b, Accounts x, String name, String amountA) {
        return upload(b, b.webServiceKey(), name, new BifText(b.guidText())
                .invoice(inv(x.a()), x.a(), "11/10/2026", amountA, own(x.a()))
                .invoice(inv(x.b()), x.b(), "11/10/2026", "45.10", own(x.b()))
                .invoice(inv(x.c()), x.c(), "11/10/2026", "46.20", own(x.c())).text()).status();
    }

    @Test
    void aNewBillIsToldToTheAccountsUsersAndItsPaperlessAddressOnce() throws Exception {
        TestBiller b = newBiller();
        Accounts x = setUp(b);
        assertThat(importNewBills(b, x, "new.bif", "120.50")).isEqualTo(201);
        notices.billReady(b.bid());

        String subject = "Your Test Co-op " + b.bid() + " bill is ready";
        MimeMessage toUser = awaitOne(user(x));
        assertThat(toUser.getSubject()).isEqualTo(subject);
        assertThat(to(toUser)).containsExactly(user(x));
        MimeMessage toPaperless = awaitOne(own(x.b()));
        assertThat(toPaperless.getSubject()).isEqualTo(subject);
        assertThat(to(toPaperless)).containsExactly(own(x.b()));

        JsonNode a = history(b, x.a()).get(0);
        assertThat(a.get("kind").asText()).isEqualTo("BILL_READY");
        assertThat(a.get("text").asText()).contains("Account:", x.a(), "Bill:", inv(x.a()), "Amount due:", "$120.50",
                "Due date:", "December 1, 2026", "Bill date:", "November 10, 2026", "/pay/" + b.bid());
        assertThat(history(b, x.b()).get(0).get("text").asText()).contains("$45.10", inv(x.b()));
        // C is neither held by a payer nor paperless: its paper bill is enough, its address is not emailed.
        assertThat(history(b, x.c()).findValuesAsText("kind")).doesNotContain("BILL_READY");
        assertThat(caught(own(x.a()))).isEmpty();
        assertThat(caught(own(x.c()))).isEmpty();

        String html = jdbc.sql("select body_html from email_message where biller_id = ? and event_key = ?")
                .params(b.bid(), "BILL_READY:" + x.a() + ":" + inv(x.a())).query(String.class).single();
        assertThat(html).contains("background:" + ACCENT, ">Test Co-op " + b.bid() + "</div>", "color:" + ACCENT);

        // The same bills again (a corrected file: other content, same invoice numbers) and every pass again: nothing more.
        assertThat(importNewBills(b, x, "corrected.bif", "121.50")).isEqualTo(201);
        notices.billReady(b.bid());
        notices.pass(b.bid());
        Thread.sleep(1000);
        assertThat(caught(user(x))).hasSize(1);
        assertThat(caught(own(x.b()))).hasSize(1);
        assertThat(count("select count(*) from email_message where biller_id = ? and kind = 'BILL_READY'", b.bid())).isEqualTo(2);
        assertThat(count("select count(*) from invoice_file where biller_id = ? and bill_ready_owed", b.bid())).isZero();
    }

    @Test
    void theImportAloneSendsItsBillReadyEmailsWithinSeconds() throws Exception {
        TestBiller b = newBiller();
        Accounts x = setUp(b);
        assertThat(importNewBills(b, x, "new.bif", "77.70")).isEqualTo(201);
        // no pass is run here: the import's nudge expands the file at once
        await().atMost(Duration.ofSeconds(10)).until(() -> caught(user(x)).size() == 1 && caught(own(x.b())).size() == 1);
        assertThat(caught(user(x)).get(0).getSubject()).isEqualTo("Your Test Co-op " + b.bid() + " bill is ready");
        assertThat(count("select count(*) from invoice_file where biller_id = ? and bill_ready_owed", b.bid())).isZero();
    }

    @Test
    void billReadyEmailsOffMeansNoneOwed() throws Exception {
        TestBiller b = newBiller();
        Accounts x = setUp(b);
        billerService.setOption(b.bid(), 1014, null, BooleanNode.FALSE, "test");
        assertThat(importNewBills(b, x, "new.bif", "120.50")).isEqualTo(201);
        assertThat(count("select count(*) from invoice_file where biller_id = ? and bill_ready_owed", b.bid())).isZero();
        notices.pass(b.bid());
        Thread.sleep(500);
        assertThat(caught(user(x))).isEmpty();
    }

    @Test
    void remindersOnTheirNotifyDatesUnlessPaidOrOnAutopayEachOnce() throws Exception {
        TestBiller b = newBiller();
        Accounts x = setUp(b);
        billerService.setOption(b.bid(), 1014, null, BooleanNode.FALSE, "test");
        assertThat(importNewBills(b, x, "new.bif", "120.50")).isEqualTo(201);
        jdbc.sql("""
                update invoice set first_notify_date = ?, second_notify_date = ?, third_notify_date = ?
                where biller_id = ? and file_id = (select max(file_id) from invoice_file where biller_id = ?)
                """).params(D, D.plusDays(5), D.plusDays(10), b.bid(), b.bid()).update();
        // B is on autopay, which will pay it; C's balance was refreshed to zero after the bill came: paid.
        jdbc.sql("""
                insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, changed_by)
                values (?, ?, 'CARD', 'tok_test_b', 'Visa', '1111', 'test')
                """).params(b.bid(), x.b()).update();
        jdbc.sql("""
                insert into account_balance (biller_id, account_number, balance_due, past_due, refreshed_at)
                values (?, ?, 0, 0, now() + interval '1 second')
                """).params(b.bid(), x.c()).update();
        jdbc.sql("insert into account_cc_email (biller_id, account_number, email) values (?, ?, ?)")
                .params(b.bid(), x.a(), "cc-" + x.a() + "@example.com").update();

        String biller = "Test Co-op " + b.bid();
        List<String> expected = List.of(user(x), own(x.a()), "cc-" + x.a() + "@example.com");
        String[] subjects = {"Reminder: your " + biller + " bill of $120.50 is due December 1, 2026",
                "Second reminder: your " + biller + " bill of $120.50 is due December 1, 2026",
                "Final reminder: your " + biller + " bill of $120.50 is due December 1, 2026"};
        // The third date is caught up two days late: the job did not run on the day.
        LocalDate[] days = {D, D.plusDays(5), D.plusDays(12)};
        for (int r = 0; r < 3; r++) {
            clock.setDay(days[r]);
            assertThat(notices.reminders(b.bid())).as("reminder %d", r + 1).isEqualTo(1);
            assertThat(notices.reminders(b.bid())).as("a rerun of reminder %d", r + 1).isZero();
            int sent = r + 1;
            await().atMost(PATIENCE).until(() -> caught(user(x)).size() == sent);
            for (String address : expected) {
                List<MimeMessage> got = caught(address);
                assertThat(got).as(address).hasSize(sent);
                assertThat(got.get(r).getSubject()).isEqualTo(subjects[r]);
                assertThat(to(got.get(r))).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        JsonNode third = history(b, x.a()).get(0);
        assertThat(third.get("kind").asText()).isEqualTo("REMINDER_3");
        assertThat(third.get("text").asText()).contains("$120.50", inv(x.a()), "December 1, 2026", "/pay/" + b.bid());
        // Days between the notify dates, and the day after the last catch-up, send nothing.
        clock.setDay(D.plusDays(14));
        assertThat(notices.reminders(b.bid())).isZero();
        assertThat(caught(own(x.b()))).isEmpty();
        assertThat(caught(own(x.c()))).isEmpty();
        assertThat(count("select count(*) from email_message where biller_id = ? and kind like 'REMINDER%'", b.bid())).isEqualTo(3);
    }

    @Test
    void aCardPayingAutopayThatExpiresWithinThirtyDaysIsToldToItsOwnerOnce() throws Exception {
        TestBiller b = newBiller();
        Accounts x = setUp(b);
        long userId = directory.find(b.bid(), "pat" + x.a().substring(2, x.a().length() - 2)).orElseThrow().userId();
        UUID expiring = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        jdbc.sql("""
                insert into payer_method (method_guid, biller_id, user_id, method, token, brand, last4, exp_month, exp_year)
                values (?, ?, ?, 'CARD', 'tok_exp_soon', 'Visa', '4242', 12, 2026), (?, ?, ?, 'CARD', 'tok_exp_later', 'Visa', '5555', 6, 2027)
                """).params(expiring, b.bid(), userId, later, b.bid(), userId).update();
        jdbc.sql("""
                insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, changed_by)
                values (?, ?, 'CARD', 'tok_exp_soon', 'Visa', '4242', 'test'), (?, ?, 'CARD', 'tok_exp_later', 'Visa', '5555', 'test')
                """).params(b.bid(), x.a(), b.bid(), x.b()).update();

        assertThat(notices.cardsExpiring(b.bid())).isEqualTo(1);
        assertThat(notices.cardsExpiring(b.bid())).isZero();
        MimeMessage m = awaitOne(user(x));
        assertThat(m.getSubject()).isEqualTo("Your Visa card ending in 4242 expires soon — Test Co-op " + b.bid());
        assertThat(to(m)).containsExactly(user(x));
        JsonNode e = history(b, x.a()).get(0);
        assertThat(e.get("kind").asText()).isEqualTo("CARD_EXPIRING");
        assertThat(e.get("text").asText()).contains("Card:", "Visa card ending in 4242", "Expires:", "12/2026", "Pays account:", x.a(),
                "/portal/" + b.bid() + "/wallet");
        assertThat(count("select count(*) from email_message where biller_id = ? and event_key = ?", b.bid(),
                "CARD_EXPIRING:" + expiring + ":2026-12")).isEqualTo(1);
        // A month later the other card is still five months away; the first one's expiry was told already.
        clock.setDay(D.plusDays(20));
        assertThat(notices.cardsExpiring(b.bid())).isZero();
    }

    @Test
    void passesRunAtOnceSendEachEmailOnce() throws Exception {
        TestBiller b = newBiller();
        Accounts x = setUp(b);
        assertThat(importNewBills(b, x, "new.bif", "120.50")).isEqualTo(201);
        jdbc.sql("update invoice set first_notify_date = ? where biller_id = ? and invoice_number = ?").params(D, b.bid(), inv(x.a())).update();
        ExecutorService two = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> passes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                passes.add(() -> notices.pass(b.bid()));
            }
            int queued = 0;
            for (Future<Integer> f : two.invokeAll(passes)) {
                queued += f.get();
            }
            // the import's own nudge may have queued the bill-ready ones first
            assertThat(queued).isLessThanOrEqualTo(3);
        } finally {
            two.shutdown();
        }
        await().atMost(PATIENCE).until(() -> caught(user(x)).size() >= 2);
        Thread.sleep(1000);
        assertThat(caught(user(x))).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Your Test Co-op " + b.bid() + " bill is ready",
                "Reminder: your Test Co-op " + b.bid() + " bill of $120.50 is due December 1, 2026");
        assertThat(caught(own(x.b()))).hasSize(1);
        assertThat(count("select count(*) from email_message where biller_id = ? and status <> 'SENT'", b.bid())).isZero();
    }

    private JsonNode history(TestBiller b, String account) {
        await().atMost(PATIENCE).until(() -> getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/emails", b.apiKey())
                .json().findValuesAsText("status").stream().noneMatch(s -> s.equals("QUEUED") || s.equals("SENDING")));
        return getJson("/api/v1/billers/" + b.bid() + "/accounts/" + account + "/emails", b.apiKey()).json();
    }

    private static MimeMessage awaitOne(String address) {
        await().atMost(PATIENCE).until(() -> !caught(address).isEmpty());
        List<MimeMessage> got = caught(address);
        assertThat(got).as(address).hasSize(1);
        return got.get(0);
    }

    private static List<MimeMessage> caught(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }

    private static List<String> to(MimeMessage m) throws MessagingException {
        Address[] to = m.getRecipients(Message.RecipientType.TO);
        return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
    }
}
