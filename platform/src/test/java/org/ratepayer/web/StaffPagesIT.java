package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.integration.internal.CisPostings;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.ratepayer.staff.internal.Totp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The staff portal's pages on the foundation (docs/staff-portal.md): users, the postings monitor's retry and skip,
 * closing the batch and its report, the audit log, in a headless Chromium (axe-core on each page) and over plain
 * HTTP; the database and the audit log are checked after every action, and a read-only user changes nothing.
 */
@Tag("browser")
@TestPropertySource(properties = "ratepayer.trusted-proxies=127.0.0.1/32,::1/128")
class StaffPagesIT extends CisPageIT {

    static final String PASSWORD = "a long staff password";
    private static final String GUID_AS_TRANSACTION_ID = "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired
    StaffUsers staffUsers;

    @Autowired
    CisPostings cisPostings;

    @Autowired
    PlatformTransactionManager txManager;

    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "192.0." + (2 + n / 250) + "." + (1 + n % 250);
    }

    /** A biller whose CIS is this class's simulator, with one bill for each account. */
    private TestBiller cisBiller(String... accounts) {
        TestBiller b = simulatorBiller();
        billerService.setSetting(b.bid(), 131, TextNode.valueOf(GUID_AS_TRANSACTION_ID), "test");
        BifText file = new BifText(b.guidText());
        int n = 0;
        for (String a : accounts) {
            file.invoice(a.replace("-", "") + "0000000" + (++n), a, "10/01/2026", "120.50", null);
        }
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private String createAdmin(long bid, String username) {
        Reply r = send(asOperator(request("/api/v1/billers/" + bid + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.org\"}")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("oneTimePassword").asText();
    }

    private UUID queuePayment(TestBiller b, String account, int n) {
        return new TransactionTemplate(txManager).execute(s -> cisPostings.enqueue(b.bid(), id -> new CisPosting.Payment(id, account,
                UUID.randomUUID(), CisPosting.Tender.CARD, new BigDecimal(n + ".25"), account + "#" + n, 0, null, false)).orElseThrow());
    }

    private List<String> audit(long bid) {
        return jdbc.sql("select actor || ' ' || action || ' ' || coalesce(target, '') from staff_audit where biller_id = ? order by audit_id")
                .param(bid).query(String.class).list();
    }

    @Test
    void anAdministratorCreatesUsersAndReadsTheAuditLogAndAReadOnlyUserIsRefusedEveryWrite() {
        TestBiller b = newBiller();
        signInStaff(b.bid(), "ana", createAdmin(b.bid(), "ana"), PASSWORD);
        browser.click("nav-users");
        browser.assertAccessible("staff users");
        browser.fill("new-username", "bo");
        browser.fill("new-email", "bo@example.org");
        browser.element("new-role").sendKeys("Customer service");
        browser.click("create-user");
        assertThat(browser.text("issued-username")).isEqualTo("bo");
        String boPassword = browser.text("issued-password");
        browser.assertAccessible("staff users, a password issued");
        browser.fill("new-username", "rita");
        browser.fill("new-email", "rita@example.org");
        browser.element("new-role").sendKeys("Read-only");
        browser.click("create-user");
        String ritaPassword = browser.text("issued-password");
        browser.fill("new-username", "bo");
        browser.fill("new-email", "bo2@example.org");
        browser.click("create-user");
        assertThat(browser.text("username-error")).contains("already a staff user bo");
        browser.assertAccessible("staff users, a refused user");
        assertThat(jdbc.sql("select username || ' ' || role || ' ' || partner_support from staff_user where biller_id = ? order by user_id")
                .param(b.bid()).query(String.class).list()).containsExactly("ana ADMINISTRATOR false", "bo CSR false", "rita READ_ONLY false");
        assertThat(browser.text("billable")).isEqualTo("3");

        browser.click("nav-audit");
        browser.assertAccessible("staff audit log");
        assertThat(browser.text("audit")).contains("staff.create").contains("user rita").contains("READ_ONLY");

        // A CSR signs in without a code, and cannot manage users.
        StaffHttp bo = new StaffHttp(this::url, newAddress());
        bo.signIn(b.bid(), "bo", boPassword, null, PASSWORD, clock);
        HttpResponse<String> boCreates = bo.post("/staff/" + b.bid() + "/users", "/staff/" + b.bid() + "/users",
                "username=eve&email=eve%40example.org&role=ADMINISTRATOR");
        assertThat(boCreates.statusCode()).isEqualTo(403);
        assertThat(boCreates.body()).contains("id=\"forbidden-reason\"").contains("Administrator");

        // Read-only: every write of these pages answers 403 and changes nothing.
        StaffHttp rita = new StaffHttp(this::url, newAddress());
        rita.signIn(b.bid(), "rita", ritaPassword, null, PASSWORD, clock);
        long ritaId = jdbc.sql("select user_id from staff_user where biller_id = ? and username = 'rita'").param(b.bid()).query(Long.class).single();
        long auditBefore = count("select count(*) from staff_audit where biller_id = ?", b.bid());
        String token = StaffHttp.csrf(rita.get("/staff/" + b.bid()).body());
        String csrf = "&_csrf=" + StaffHttp.enc(token);
        for (String write : List.of("/users", "/users/" + ritaId + "/disable", "/users/" + ritaId + "/reset-password",
                "/users/" + ritaId + "/reset-totp", "/batches/close", "/postings/" + UUID.randomUUID() + "/retry",
                "/postings/" + UUID.randomUUID() + "/skip", "/settings/options/54", "/settings/settings/6",
                "/settings/ip-allow-list/API/TEST")) {
            HttpResponse<String> r = rita.postRaw("/staff/" + b.bid() + write, "username=x&email=x%40example.org&role=CSR&reason=because&value=1" + csrf);
            assertThat(r.statusCode()).as(write).isEqualTo(403);
            assertThat(r.body()).contains("Read-only").contains("Nothing was changed");
        }
        assertThat(count("select count(*) from staff_audit where biller_id = ?", b.bid())).isEqualTo(auditBefore);
        assertThat(count("select count(*) from staff_user where biller_id = ?", b.bid())).isEqualTo(3);
        assertThat(count("select count(*) from payment_batch where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from biller_setting where biller_id = ? and setting_id = 6", b.bid())).isZero();
        assertThat(rita.get("/staff/" + b.bid() + "/users").body()).doesNotContain("id=\"create-user\"");

        // The administrator disables bo: his session is over at his next request.
        browser.click("nav-users");
        browser.click("disable-bo");
        assertThat(browser.text("users-notice")).contains("bo is disabled");
        assertThat(bo.get("/staff/" + b.bid()).statusCode()).isEqualTo(302);
        assertThat(audit(b.bid())).contains("ana staff.disable user bo");
    }

    @Test
    void aParkedPostingIsRetriedAndAnotherSkippedFromThePostingsPage() {
        TestBiller b = cisBiller("7101-1", "7102-1");
        cis.state().setFaults(FaultPlan.alwaysSoapFault());
        UUID first = queuePayment(b, "7101-1", 1);
        UUID second = queuePayment(b, "7102-1", 1);
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'PARKED'", b.bid()) == 2);
        cis.state().clearFaults();

        String secret = signInStaff(b.bid(), "ana", createAdmin(b.bid(), "ana"), PASSWORD);
        browser.click("nav-postings");
        assertThat(browser.text("count-CIS_PAYMENT")).contains("CIS_PAYMENT 0 2 0 0");
        assertThat(browser.has("parked-" + first)).isTrue();
        browser.assertAccessible("staff postings");

        browser.fill("reason-retry-" + first, "CIS fixed the account");
        browser.click("retry-" + first);
        assertThat(browser.text("postings-notice")).contains("will be sent again");
        browser.assertAccessible("staff postings, one retried");
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(jdbc.sql("select status from posting where posting_guid = ?")
                .param(first).query(String.class).single()));
        assertThat(cis.state().postings().payments().stream().filter(p -> p.accountNumber().equals("7101-1")).count()).isEqualTo(1);

        browser.fill("reason-retry-" + second, "the member paid twice; refunded");
        browser.click("skip-" + second);
        assertThat(browser.text("postings-notice")).contains("skipped");
        assertThat(jdbc.sql("select status from posting where posting_guid = ?").param(second).query(String.class).single())
                .isEqualTo("SKIPPED");
        assertThat(jdbc.sql("""
                select e.action || ' ' || e.actor || ' ' || e.reason from posting_event e join posting p using (posting_id)
                where p.biller_id = ? and e.action in ('RETRY', 'SKIP') order by e.event_id""").param(b.bid()).query(String.class).list())
                .containsExactly("RETRY staff ana CIS fixed the account", "SKIP staff ana the member paid twice; refunded");
        assertThat(jdbc.sql("select action || ' ' || target || ' ' || after::text from staff_audit where biller_id = ? and action like 'posting.%' order by audit_id")
                .param(b.bid()).query(String.class).list()).containsExactly(
                        "posting.retry posting " + first + " {\"reason\": \"CIS fixed the account\", \"status\": \"PENDING\"}",
                        "posting.skip posting " + second + " {\"reason\": \"the member paid twice; refunded\", \"status\": \"SKIPPED\"}");

        // Over HTTP: no reason, or a posting no longer parked, changes nothing.
        clock.advance(Duration.ofSeconds(30));
        StaffHttp ana = new StaffHttp(this::url, newAddress());
        ana.signIn(b.bid(), "ana", PASSWORD, secret, null, clock);
        long auditBefore = count("select count(*) from staff_audit where biller_id = ?", b.bid());
        String page = "/staff/" + b.bid() + "/postings";
        HttpResponse<String> noReason = ana.post(page, page + "/" + second + "/retry", "reason=+");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Say why");
        HttpResponse<String> notParked = ana.post(page, page + "/" + second + "/retry", "reason=again");
        assertThat(notParked.statusCode()).isEqualTo(409);
        assertThat(notParked.body()).contains("is not parked");
        assertThat(ana.post(page, page + "/" + first + "/skip", "reason=late").statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("select status from posting where posting_guid = ?").param(second).query(String.class).single())
                .isEqualTo("SKIPPED");
        assertThat(count("select count(*) from staff_audit where biller_id = ?", b.bid())).isEqualTo(auditBefore);
    }

    @Test
    void closingTheBatchFromThePageRecordsItWithItsReportByMethodAndChannel() {
        TestBiller b = cisBiller("7201-1");
        Reply paid = send(request("/api/v1/billers/" + b.bid() + "/payments").header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"IVR","accountNumber":"7201-1","amount":120.5,
                         "card":{"number":"4111111111111111","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}""")));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);

        signInStaff(b.bid(), "ana", createAdmin(b.bid(), "ana"), PASSWORD);
        browser.click("nav-batches");
        assertThat(browser.text("open-count")).isEqualTo("1");
        assertThat(browser.text("open-amount")).isEqualTo("120.50");
        assertThat(browser.has("no-batches")).isTrue();
        browser.assertAccessible("staff batches");
        browser.click("close-batch");
        assertThat(browser.text("batch-closed")).contains("closed");
        assertThat(browser.text("closed-by")).isEqualTo("staff ana");
        assertThat(browser.text("batch-method-CARD")).contains("CARD 1 120.50");
        assertThat(browser.text("batch-channel-IVR")).contains("IVR 1 120.50");
        browser.assertAccessible("staff batch report");

        Map<String, Object> batch = jdbc.sql("select batch_id, status, closed_by from payment_batch where biller_id = ?")
                .param(b.bid()).query().singleRow();
        assertThat(batch).containsEntry("status", "CLOSED").containsEntry("closed_by", "staff ana");
        assertThat(count("select count(*) from payment where biller_id = ? and batch_id = ?", b.bid(), batch.get("batch_id"))).isEqualTo(1);
        assertThat(jdbc.sql("select action || ' ' || target || ' ' || (after->>'paymentCount') || ' ' || (after->>'totalAmount') from staff_audit where biller_id = ? and action = 'batch.close'")
                .param(b.bid()).query(String.class).list()).containsExactly("batch.close batch " + batch.get("batch_id") + " 1 120.50");

        browser.click("nav-batches");
        assertThat(browser.text("open-count")).isEqualTo("0");
        assertThat(browser.has("batch-" + batch.get("batch_id"))).isTrue();
    }

    @Test
    void anAdministratorChangesOptionsAndSettingsAsTheApiValidatesThemAndSecretsAreNeverShown() {
        TestBiller b = newBiller();
        String secret = signInStaff(b.bid(), "ana", createAdmin(b.bid(), "ana"), PASSWORD);
        browser.click("nav-settings");
        assertThat(browser.text("option-54")).contains("Biller portal cart");
        browser.assertAccessible("staff settings");
        browser.fill("setting-6-input", "5");
        browser.click("setting-6-save");
        assertThat(browser.text("setting-6-error")).contains("out of range 0..1");
        browser.assertAccessible("staff settings, a value refused");
        assertThat(count("select count(*) from biller_setting where biller_id = ? and setting_id = 6", b.bid())).isZero();
        browser.fill("setting-10-input", "hunter2 real-time secret");
        browser.click("setting-10-save");
        assertThat(browser.text("settings-notice")).contains("Setting 10 is saved");
        assertThat(browser.text("setting-10-value")).isEqualTo("Set (hidden)");
        assertThat(browser.element("setting-10-input").getDomProperty("value")).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        StaffHttp ana = new StaffHttp(this::url, newAddress());
        ana.signIn(b.bid(), "ana", PASSWORD, secret, null, clock);
        String page = "/staff/" + b.bid() + "/settings";
        assertThat(ana.get(page).body()).doesNotContain("hunter2");
        HttpResponse<String> cart = ana.post(page, page + "/options/54", "value=false");
        assertThat(cart.statusCode()).isEqualTo(200);
        assertThat(billerService.config(b.bid()).enabled(54)).isFalse();
        HttpResponse<String> bad = ana.post(page, page + "/settings/6", "value=5");
        assertThat(bad.statusCode()).as("as the API answers").isEqualTo(422);
        assertThat(bad.body()).contains("id=\"setting-6-error\"");
        assertThat(jdbc.sql("select action || ' ' || target || ' ' || coalesce(after::text, '') from staff_audit where biller_id = ? and action like 'option.%' or biller_id = ? and action like 'setting.%' order by audit_id")
                .params(b.bid(), b.bid()).query(String.class).list()).containsExactly(
                        "setting.set setting 10 {\"value\": \"********\"}",
                        "option.set option 54 {\"value\": \"false\"}");
        assertThat(jdbc.sql("select count(*) from staff_audit where biller_id = ? and (before::text like '%hunter2%' or after::text like '%hunter2%')")
                .param(b.bid()).query(Long.class).single()).isZero();

        StaffUsers.IssuedPassword csr = staffUsers.create(new SignedInStaff(b.bid(), staffUsers.list(b.bid()).get(0).userId(), "ana",
                StaffRole.ADMINISTRATOR, false), "bo", "bo@example.org", StaffRole.CSR, false);
        StaffHttp bo = new StaffHttp(this::url, newAddress());
        bo.signIn(b.bid(), "bo", csr.oneTimePassword(), null, PASSWORD, clock);
        assertThat(bo.get(page).body()).contains("Only administrators can change these").doesNotContain("id=\"option-54-save\"");
        assertThat(bo.post(page, page + "/options/54", "value=true").statusCode()).isEqualTo(403);
        assertThat(billerService.config(b.bid()).enabled(54)).isFalse();
    }

    @Test
    void anAdministratorSetsTheIpAllowListsOnTheSettingsPage() {
        TestBiller b = newBiller();
        StaffHttp ana = new StaffHttp(this::url, newAddress());
        ana.signIn(b.bid(), "ana", createAdmin(b.bid(), "ana"), null, PASSWORD, clock);
        String page = "/staff/" + b.bid() + "/settings";
        assertThat(ana.get(page).body()).contains("id=\"allow-API-TEST-value\">Any address<");

        HttpResponse<String> bad = ana.post(page, page + "/ip-allow-list/API/TEST", "ranges=" + StaffHttp.enc("192.0.2.0/24, 10.0.0.1/8"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"allow-API-TEST-error\"")
                .contains("ranges[1]: &#39;10.0.0.1/8&#39; has address bits set past its prefix; the range starts at 10.0.0.0/8");
        assertThat(count("select count(*) from biller_ip_allow_list where biller_id = ?", b.bid())).isZero();

        HttpResponse<String> saved = ana.post(page, page + "/ip-allow-list/API/TEST", "ranges=" + StaffHttp.enc("192.0.2.0/24\n198.51.100.7"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("id=\"allow-API-TEST-value\">192.0.2.0/24 198.51.100.7/32<");
        assertThat(jdbc.sql("select array_to_string(ranges, ' ') from biller_ip_allow_list where biller_id = ? and key_kind = 'API' and environment = 'TEST'")
                .param(b.bid()).query(String.class).single()).isEqualTo("192.0.2.0/24 198.51.100.7/32");
        assertThat(jdbc.sql("select action || ' ' || target || ' ' || before::text || ' ' || after::text from staff_audit where biller_id = ? and action = 'ip-allow-list.set'")
                .param(b.bid()).query(String.class).list())
                .containsExactly("ip-allow-list.set ip-allow-list API TEST {\"ranges\": []} {\"ranges\": [\"192.0.2.0/24\", \"198.51.100.7/32\"]}");
        assertThat(jdbc.sql("select changed_by from config_change where biller_id = ? and what = 'ip-allow-list API TEST'").param(b.bid())
                .query(String.class).list()).containsExactly("staff ana");
        // the API now refuses the biller's API key from this machine; the staff pages never do
        assertThat(send(request("/api/v1/billers/" + b.bid() + "/ip-allow-list").header("X-Api-Key", b.apiKey()).GET()).status())
                .isEqualTo(403);
        assertThat(ana.get(page).statusCode()).isEqualTo(200);

        assertThat(ana.post(page, page + "/ip-allow-list/API/TEST", "ranges=").statusCode()).isEqualTo(200);
        assertThat(count("select count(*) from biller_ip_allow_list where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void thePartnerSupportUserIsNotBilled() {
        TestBiller b = newBiller();
        createAdmin(b.bid(), "ana");
        long id = staffUsers.list(b.bid()).get(0).userId();
        SignedInStaff admin = new SignedInStaff(b.bid(), id, "ana", StaffRole.ADMINISTRATOR, false);
        assertThat(staffUsers.create(admin, "pat", "pat@example.org", StaffRole.CSR, true).user().partnerSupport()).isTrue();
        assertThat(staffUsers.billableCount(b.bid())).isEqualTo(1);
    }
}
