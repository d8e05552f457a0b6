package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.TestSmtp;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.conversion.ConversionPlan;
import org.ratepayer.conversion.ConversionRun;
import org.ratepayer.conversion.Conversions;
import org.ratepayer.conversion.Progress;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.postings.PumpHold;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A conversion that invites its unregistered payers back (docs/conversion.md, "Payers"): one email per payer and account
 * after the commit, under the biller's name, with a single-use link that registers a new login for the account under its
 * new number and brings back the held saved methods; nothing written or sent without the choice or when apply fails.
 */
class ConversionReRegistrationIT extends CisPageIT {

    private static final String PASSWORD = "a new sign-in after the move";
    private static final LocalDate D = LocalDate.of(2026, 11, 15);
    private static final String FORMAT_GUID = "BA1CEC36-997C-48E3-8406-437640EDFF84";
    private static final Pattern LINK = Pattern.compile("(http://\\S+/portal/\\d+/invitations/accept\\?token=\\S+)");
    static final GreenMail SMTP = TestSmtp.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        TestSmtp.sendTo(SMTP, registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    PayerDirectory directory;
    @Autowired
    Wallet wallet;
    @Autowired
    PaymentService payments;
    @Autowired
    PumpHold pump;
    @Autowired
    Conversions conversions;
    @Autowired
    PublicUrl publicUrl;

    @BeforeEach
    void day() {
        clock.setDay(D);
    }

    /** Pat holds accounts a and b and has a saved card; Sam holds c. */
    record World(TestBiller b, String a, String bb, String c, String pat, String sam) {
        String patEmail() {
            return pat + "@example.com";
        }

        String samEmail() {
            return sam + "@example.com";
        }
    }

    private World world() {
        TestBiller b = newBiller();
        connectCis(b, cis.cbUrl(), "InvoiceCloud", "pw");
        String stem = String.valueOf(b.bid() % 100_000);
        String a = "71" + stem + "-1";
        String bb = "72" + stem + "-1";
        String c = "73" + stem + "-1";
        StringBuilder bif = new StringBuilder("FH|" + b.guidText() + "|11/01/2026 08:00:00|3|361.50\n");
        for (String x : List.of(a, bb, c)) {
            cis.state().putAccount(CisAccount.of(x, PayableCharge.of("Electric", "120.50", "0")));
            String base = x.split("-")[0];
            bif.append("IH|R|").append(FORMAT_GUID).append('|').append(base).append("0001|11/10/2026|12/01/2026|120.50|").append(base)
                    .append("|1|321045080002|12345|").append(base).append("-12345|0.00\n");
            bif.append("CR|").append(x).append("|Pat Doe|1 Main St||Lowell|MI|49331|616-555-0100||N|").append(x).append('\n');
            bif.append("ID|Energy charge|120.50\n");
        }
        Reply up = upload(b, b.webServiceKey(), "f1.bif", bif.toString());
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String pat = "pat" + b.bid();
        String sam = "sam" + b.bid();
        Payer patUser = directory.register(b.bid(), pat, pat + "@example.com", List.of(a, bb), "Conversion-2026").payer();
        directory.register(b.bid(), sam, sam + "@example.com", List.of(c), "Conversion-2026");
        PaymentGateway.Tokenized t = payments.tokenize(b.bid(), new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null);
        SavedPaymentMethod card = wallet.save(b.bid(), patUser.userId(), t, 12, 2099, null, true);
        assertThat(card.last4()).isEqualTo("1111");
        await().atMost(Duration.ofSeconds(30)).until(() -> pump.openPostings(b.bid()).isEmpty());
        return new World(b, a, bb, c, pat, sam);
    }

    private static String newNumber(String old) {
        return "5" + old.replace("-", "") + "001";
    }

    private ConversionPlan plan(World w) {
        StringBuilder sb = new StringBuilder("OldAccountNumber,NewAccountNumber\n");
        for (String x : List.of(w.a(), w.bb(), w.c())) {
            sb.append(x).append(',').append(newNumber(x)).append('\n');
        }
        Conversions.PlanOutcome o = conversions.plan(w.b().bid(), sb.toString());
        assertThat(o.problems()).isEmpty();
        return o.plan();
    }

    private String planJson(ConversionPlan plan) throws Exception {
        return json.copy().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).writeValueAsString(plan);
    }

    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }

    /** Every text part of the email, however deeply the parts nest. */
    private static String body(MimeMessage m) throws Exception {
        return text(m.getContent());
    }

    private static String text(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart mp) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                sb.append(text(mp.getBodyPart(i).getContent())).append('\n');
            }
            return sb.toString();
        }
        return String.valueOf(content);
    }

    /** The email's link for the account, made relative so this test's server answers it. */
    private String linkFor(String address, String account) throws Exception {
        for (MimeMessage m : caughtFor(address)) {
            if (m.getSubject().contains(account)) {
                Matcher matcher = LINK.matcher(body(m));
                assertThat(matcher.find()).as("the email carries its link").isTrue();
                String link = matcher.group(1);
                assertThat(link).as("built from the configured public URL").startsWith(publicUrl.base() + "/portal/");
                return link.substring(publicUrl.base().length());
            }
        }
        throw new AssertionError("no email to " + address + " about " + account);
    }

    private long invitations(long bid) {
        return count("select count(*) from payer_invitation where biller_id = ?", bid);
    }

    private long reRegistrationEmails(long bid) {
        return count("select count(*) from email_message where biller_id = ? and kind = 'CONVERSION_REREGISTER'", bid);
    }

    @Test
    void applyWithInvitationsEmailsEachPayerALinkThatRegistersThemAgainOnce() throws Exception {
        World w = world();
        long bid = w.b().bid();
        String newA = newNumber(w.a());

        Reply applied = send(asOperator(request("/api/v1/billers/" + bid + "/conversion/apply?invitePayers=true"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(planJson(plan(w)))));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("invitePayers").asBoolean()).isTrue();
        assertThat(applied.json().get("counts").get("payer_invitation (re-registration)").asLong()).isEqualTo(3);
        long conversionId = applied.json().get("conversionId").asLong();
        assertThat(jdbc.sql("select invite_payers from conversion_run where conversion_id = ?").param(conversionId).query(Boolean.class)
                .single()).isTrue();

        // after the commit, exactly one email per payer and account, sent once
        await().atMost(Duration.ofSeconds(20)).until(() -> caughtFor(w.patEmail()).size() == 2 && caughtFor(w.samEmail()).size() == 1);
        Thread.sleep(1000);
        assertThat(caughtFor(w.patEmail())).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Register again for your Test Co-op " + bid + " account " + newA,
                "Register again for your Test Co-op " + bid + " account " + newNumber(w.bb()));
        assertThat(caughtFor(w.samEmail())).hasSize(1);
        MimeMessage toSam = caughtFor(w.samEmail()).get(0);
        assertThat(toSam.getFrom()[0].toString()).contains("Test Co-op " + bid);
        assertThat(body(toSam)).contains("Test Co-op " + bid + " has moved to a new billing system",
                "account " + w.c() + " is now " + newNumber(w.c()), "Your username until now:", w.sam(), "within 14 days");
        assertThat(jdbc.sql("select event_key || ' ' || status || ' ' || (body_text like '%token=%') from email_message "
                + "where biller_id = ? and kind = 'CONVERSION_REREGISTER' order by 1").param(bid).query(String.class).list())
                .as("the history keeps each once, sent, without its link").containsExactly(
                        "CONVERSION_REREGISTER:" + conversionId + ":" + w.patEmail() + ":" + newA + " SENT false",
                        "CONVERSION_REREGISTER:" + conversionId + ":" + w.patEmail() + ":" + newNumber(w.bb()) + " SENT false",
                        "CONVERSION_REREGISTER:" + conversionId + ":" + w.samEmail() + ":" + newNumber(w.c()) + " SENT false");

        // the link opens the page with the old username suggested, and registers a new login for the new number
        String link = linkFor(w.patEmail(), newA);
        PortalHttp pat = new PortalHttp(this::url);
        HttpResponse<String> page = pat.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Register again for account <span id=\"account-number\">" + newA + "</span>",
                "value=\"" + w.pat() + "\"");
        String token = link.substring(link.indexOf("token=") + 6);
        HttpResponse<String> noCsrf = pat.post("/portal/" + bid + "/invitations/register", "token=" + token + "&username=" + w.pat()
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        assertThat(noCsrf.statusCode()).as("a form without its CSRF token is refused").isEqualTo(403);
        assertThat(count("select count(*) from payer_user where biller_id = ?", bid)).isZero();
        HttpResponse<String> registered = pat.post("/portal/" + bid + "/invitations/register", pat.csrfField(link) + "&token=" + token
                + "&username=" + w.pat() + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location").orElseThrow()).endsWith("/portal/" + bid);
        Payer back = directory.find(bid, w.pat()).orElseThrow();
        assertThat(back.email()).isEqualTo(w.patEmail());
        assertThat(jdbc.sql("select account_number from payer_account where user_id = ?").param(back.userId()).query(String.class).list())
                .containsExactly(newA);
        assertThat(directory.authenticate(bid, w.pat(), PASSWORD)).isPresent();
        assertThat(wallet.methods(bid, back.userId())).as("the held card is back in the wallet, as the default")
                .extracting(m -> m.last4() + " " + m.isDefault()).containsExactly("1111 true");
        assertThat(pat.get("/portal/" + bid).body()).contains(newA);

        // signed in, the link for Pat's other account adds it to the new login with one button
        String linkB = linkFor(w.patEmail(), newNumber(w.bb()));
        assertThat(pat.get(linkB).body()).contains("id=\"accept\">Add the account</button>");
        HttpResponse<String> added = pat.post("/portal/" + bid + "/invitations/accept", pat.csrfField(linkB) + "&token="
                + linkB.substring(linkB.indexOf("token=") + 6));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        assertThat(jdbc.sql("select account_number from payer_account where user_id = ? order by 1").param(back.userId())
                .query(String.class).list()).containsExactly(newA, newNumber(w.bb()));

        // single use: the link again, or its form again, registers nobody
        PortalHttp other = new PortalHttp(this::url);
        assertThat(other.get(link).body()).contains("This link can no longer be used");
        HttpResponse<String> again = other.post("/portal/" + bid + "/invitations/register", other.csrfField("/portal/" + bid + "/sign-in")
                + "&token=" + token + "&username=someone" + bid + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        assertThat(again.body()).contains("This link can no longer be used");
        assertThat(count("select count(*) from payer_user where biller_id = ?", bid)).isOne();

        // the page in a browser, checked with axe
        browser.get(url(linkFor(w.samEmail(), newNumber(w.c()))));
        assertThat(browser.text("account-number")).isEqualTo(newNumber(w.c()));
        assertThat(browser.text("why-again")).contains("moved to a new billing system", newNumber(w.c()));
        assertThat(browser.element("username").getDomProperty("value")).isEqualTo(w.sam());
        browser.assertAccessible("registering again after a conversion");

        // expired after 14 days
        clock.setDay(D.plusDays(15));
        browser.get(url(linkFor(w.samEmail(), newNumber(w.c()))));
        assertThat(browser.text("invitation-used")).contains("within 14 days");
        browser.assertAccessible("an expired link to register again");
        assertThat(directory.find(bid, w.sam())).isEmpty();
    }

    @Test
    void applyWithoutTheChoiceWritesAndSendsNothing() throws Exception {
        World w = world();
        long bid = w.b().bid();

        ConversionRun run = conversions.apply(plan(w), "test", Progress.NONE);

        assertThat(run.invitePayers()).isFalse();
        assertThat(run.counts()).doesNotContainKey("payer_invitation (re-registration)");
        assertThat(invitations(bid)).isZero();
        assertThat(reRegistrationEmails(bid)).isZero();
        Thread.sleep(1500);
        assertThat(caughtFor(w.patEmail())).isEmpty();
        assertThat(caughtFor(w.samEmail())).isEmpty();
    }

    @Test
    void aFailedApplyWritesNoLinkAndSendsNoEmail() throws Exception {
        World w = world();
        long bid = w.b().bid();
        ConversionPlan plan = plan(w);
        // the run's last write fails: after the invitations and their emails were written in the same transaction
        jdbc.sql("create table if not exists it_reregister_failure (biller_id bigint primary key)").update();
        jdbc.sql("""
                create or replace function it_reregister_fail() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from it_reregister_failure f where f.biller_id = new.biller_id) then
                        raise exception 'injected failure: conversion % cannot finish', new.conversion_id;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("create or replace trigger it_reregister_fail before update of counts on conversion_run "
                + "for each row execute function it_reregister_fail()").update();
        jdbc.sql("insert into it_reregister_failure values (?)").param(bid).update();
        try {
            assertThatThrownBy(() -> conversions.apply(plan, "test", true, Progress.NONE)).hasMessageContaining("injected failure");
        } finally {
            jdbc.sql("delete from it_reregister_failure where biller_id = ?").param(bid).update();
        }

        assertThat(invitations(bid)).as("no link").isZero();
        assertThat(reRegistrationEmails(bid)).as("no email in the history").isZero();
        assertThat(count("select count(*) from payer_user where biller_id = ?", bid)).as("nobody unregistered").isEqualTo(2);
        Thread.sleep(1500);
        assertThat(caughtFor(w.patEmail())).as("nothing sent").isEmpty();
        assertThat(caughtFor(w.samEmail())).isEmpty();
    }
}
