package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.shared.throttle.ManualThrottleTime;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.ratepayer.staff.internal.Totp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The staff portal's sign-in (docs/staff-portal.md): the operator's first administrator, password then TOTP
 * (enrolled at the first sign-in), an issued password replaced, throttling, sessions kept apart per biller, roles
 * refused, in a headless Chromium (axe-core on every page) and over plain HTTP from addresses of their own.
 */
@Tag("browser")
@Import(ManualThrottleTime.Config.class)
@TestPropertySource(properties = "ratepayer.trusted-proxies=127.0.0.1/32,::1/128")
class StaffSignInIT extends CisPageIT {

    static final String PASSWORD = "a long staff password";
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired
    StaffUsers staffUsers;

    @Autowired
    ManualThrottleTime throttleTime;

    /** A documentation address (RFC 5737) no other test of this class uses. */
    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
    }

    private Reply createAdmin(long bid, String body) {
        return send(asOperator(request("/api/v1/billers/" + bid + "/staff-users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String oneTimePassword(long bid, String username) {
        Reply r = createAdmin(bid, "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("oneTimePassword").asText();
    }

    @Test
    void theOperatorCreatesTheFirstAdministratorAndNobodyElseCan() {
        TestBiller b = newBiller();
        Reply r = createAdmin(b.bid(), "{\"username\":\"ana\",\"email\":\"ana@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("username").asText()).isEqualTo("ana");
        assertThat(r.json().get("role").asText()).isEqualTo("ADMINISTRATOR");
        assertThat(r.json().get("signInPath").asText()).isEqualTo("/staff/" + b.bid() + "/sign-in");
        assertThat(r.json().get("oneTimePassword").asText()).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
        Map<String, Object> row = jdbc.sql("""
                select username, email, role, partner_support, enabled, must_change_password, totp_secret is null as no_totp,
                       password_hash like '$argon2id$%' as argon2id
                from staff_user where biller_id = ?""").param(b.bid()).query().singleRow();
        assertThat(row).containsEntry("username", "ana").containsEntry("email", "ana@example.org")
                .containsEntry("role", "ADMINISTRATOR").containsEntry("partner_support", false).containsEntry("enabled", true)
                .containsEntry("must_change_password", true).containsEntry("no_totp", true).containsEntry("argon2id", true);
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target from staff_audit where biller_id = ?").param(b.bid())
                .query(String.class).list()).containsExactly("operator staff.create user ana");

        assertThat(createAdmin(b.bid(), "{\"username\":\"ANA\",\"email\":\"a2@example.org\"}").status())
                .as("usernames are unique per biller in any case").isEqualTo(409);
        Reply bad = createAdmin(b.bid(), "{\"username\":\"bo\",\"email\":\"not an address\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("email");
        Reply byKey = send(request("/api/v1/billers/" + b.bid() + "/staff-users").header("X-Api-Key", b.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"eve\",\"email\":\"eve@example.org\"}")));
        assertThat(byKey.status()).as("a biller's own key cannot make administrators").isEqualTo(403);
        assertThat(count("select count(*) from staff_user where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void anAdministratorEnrolsAnAuthenticatorChoosesAPasswordAndSignsInWithACodeInABrowser() {
        TestBiller b = newBiller();
        String oneTime = oneTimePassword(b.bid(), "ana");
        String base = url("/staff/" + b.bid());

        browser.get(base);
        assertThat(browser.element("username")).isNotNull();
        browser.assertAccessible("staff sign-in");
        browser.fill("username", "ana");
        browser.fill("password", oneTime);
        browser.click("sign-in");
        String secret = browser.text("totp-secret").replace(" ", "");
        assertThat(browser.element("totp-uri").getDomAttribute("href"))
                .startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=");
        browser.assertAccessible("staff TOTP enrolment");
        browser.fill("code", "000000".equals(Totp.code(secret, clock.instant().getEpochSecond())) ? "111111" : "000000");
        browser.click("verify");
        assertThat(browser.text("code-error")).contains("not right");
        browser.fill("code", Totp.code(secret, clock.instant().getEpochSecond()));
        browser.click("verify");

        // An issued password works until the user chooses their own, and nothing else opens before.
        assertThat(browser.text("must-change")).contains("issued");
        browser.assertAccessible("staff choose password");
        browser.fill("password", "short");
        browser.fill("again", "short");
        browser.click("save-password");
        assertThat(browser.text("password-error")).contains("at least 12");
        browser.fill("password", PASSWORD);
        browser.fill("again", PASSWORD);
        browser.click("save-password");
        assertThat(browser.text("password-changed")).contains("saved");
        assertThat(browser.text("who")).isEqualTo("ana");
        assertThat(browser.has("charts")).isTrue();
        browser.assertAccessible("staff home");

        Map<String, Object> row = jdbc.sql("""
                select must_change_password, totp_secret is not null as enrolled, position(? in encode(totp_secret, 'escape')) = 0 as sealed,
                       last_sign_in_at is not null as signed_in
                from staff_user where biller_id = ? and username = 'ana'""").params(secret, b.bid()).query().singleRow();
        assertThat(row).containsEntry("must_change_password", false).containsEntry("enrolled", true)
                .containsEntry("sealed", true).containsEntry("signed_in", true);

        browser.get(base + "/authenticator");
        assertThat(browser.text("already-enrolled")).contains("already asks for a code");
        browser.assertAccessible("staff authenticator, enrolled");
        browser.get(base);
        browser.click("sign-out");
        assertThat(browser.text("sign-in-notice")).contains("signed out");
        browser.get(base);
        assertThat(browser.element("sign-in")).isNotNull();

        // The next sign-in asks for a code; the code just used does not work twice.
        clock.advance(Duration.ofSeconds(30));
        browser.fill("username", "ana");
        browser.fill("password", PASSWORD);
        browser.click("sign-in");
        browser.assertAccessible("staff TOTP code");
        browser.fill("code", Totp.code(secret, clock.instant().getEpochSecond()));
        browser.click("verify");
        assertThat(browser.text("who")).isEqualTo("ana");
        assertThat(jdbc.sql("select action from staff_audit where biller_id = ? order by audit_id").param(b.bid()).query(String.class)
                .list()).containsExactly("staff.create", "staff.enrol-totp", "staff.sign-in", "staff.change-password",
                        "staff.sign-out", "staff.sign-in");
    }

    @Test
    void wrongPasswordsAndCodesAreRefusedWithOneMessageAndThenThrottled() {
        TestBiller b = newBiller();
        String oneTime = oneTimePassword(b.bid(), "ana");
        StaffHttp ana = new StaffHttp(this::url, newAddress());
        String secret = ana.signIn(b.bid(), "ana", oneTime, null, PASSWORD, clock);

        StaffHttp stranger = new StaffHttp(this::url, newAddress());
        HttpResponse<String> unknown = stranger.password(b.bid(), "nobody", PASSWORD);
        HttpResponse<String> wrong = stranger.password(b.bid(), "ana", "not the password");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("The username or password is not right.");
        assertThat(unknown.body()).contains("The username or password is not right.");
        HttpResponse<String> slowed = null;
        for (int i = 0; i < 10 && (slowed == null || slowed.statusCode() != 429); i++) {
            slowed = stranger.password(b.bid(), "ana", "guess " + i);
        }
        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
        assertThat(slowed.body()).contains("Too many unsuccessful attempts");
        assertThat(stranger.password(b.bid(), "ana", PASSWORD).statusCode()).as("refused unseen while slowed").isEqualTo(429);

        // The right password from elsewhere; then wrong codes are throttled on their own budget.
        clock.advance(Duration.ofSeconds(30));
        StaffHttp again = new StaffHttp(this::url, newAddress());
        assertThat(again.password(b.bid(), "ana", PASSWORD).headers().firstValue("Location").orElseThrow()).contains("/sign-in/code");
        String right = Totp.code(secret, clock.instant().getEpochSecond());
        String wrongCode = right.equals("123456") ? "654321" : "123456";
        HttpResponse<String> codeSlowed = null;
        for (int i = 0; i < 10 && (codeSlowed == null || codeSlowed.statusCode() != 429); i++) {
            HttpResponse<String> c = again.code(b.bid(), wrongCode);
            if (c.statusCode() == 200) {
                assertThat(c.body()).contains("That code is not right");
            }
            codeSlowed = c;
        }
        assertThat(codeSlowed.statusCode()).isEqualTo(429);
        assertThat(again.get("/staff/" + b.bid()).statusCode()).as("no session without the code").isEqualTo(302);
        throttleTime.advance(Duration.ofMinutes(2));
        assertThat(again.code(b.bid(), right).statusCode()).isEqualTo(302);
        assertThat(again.get("/staff/" + b.bid()).statusCode()).isEqualTo(200);
    }

    @Test
    void staffOfOneBillerSeeNothingOfAnotherAndAPayerSessionIsNoStaffSession() {
        TestBiller mine = newBiller();
        TestBiller other = newBiller();
        String oneTime = oneTimePassword(mine.bid(), "ana");
        oneTimePassword(other.bid(), "ana");
        StaffHttp ana = new StaffHttp(this::url, newAddress());
        ana.signIn(mine.bid(), "ana", oneTime, null, PASSWORD, clock);

        HttpResponse<String> elsewhere = ana.get("/staff/" + other.bid());
        assertThat(elsewhere.statusCode()).isEqualTo(302);
        assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).contains("/staff/" + other.bid() + "/sign-in");
        HttpResponse<String> signIn = ana.password(other.bid(), "ana", oneTime);
        assertThat(signIn.body()).as("the other biller's ana is another user").contains("The username or password is not right.");
        assertThat(ana.get("/portal/" + mine.bid()).statusCode()).as("no payer session either").isEqualTo(302);
        assertThat(ana.get("/staff/99999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aReadOnlyUserIsRefusedWithAPageAndADisabledUserIsSignedOutAtOnce() {
        TestBiller b = newBiller();
        oneTimePassword(b.bid(), "ana");
        SignedInStaff admin = new SignedInStaff(b.bid(), staffUsers.list(b.bid()).get(0).userId(), "ana", StaffRole.ADMINISTRATOR, false);
        StaffUsers.IssuedPassword reader = staffUsers.create(admin, "rita", "rita@example.org", StaffRole.READ_ONLY, false);
        StaffUsers.IssuedPassword support = staffUsers.create(admin, "partner", "support@example.org", StaffRole.CSR, true);
        assertThat(staffUsers.billableCount(b.bid())).as("the partner-support user is not billed").isEqualTo(2);

        StaffHttp rita = new StaffHttp(this::url, newAddress());
        rita.signIn(b.bid(), "rita", reader.oneTimePassword(), null, PASSWORD, clock);
        assertThat(rita.get("/staff/" + b.bid()).body()).contains("Read-only");

        // A read-only user may add an authenticator of their own; from then on their sign-in asks for its code.
        assertThat(rita.get("/staff/" + b.bid()).body()).contains("id=\"add-authenticator\"");
        HttpResponse<String> page = rita.get("/staff/" + b.bid() + "/authenticator");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("secret=([A-Z2-7]+)").matcher(page.body());
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        String now = Totp.code(secret, clock.instant().getEpochSecond());
        String auth = "/staff/" + b.bid() + "/authenticator";
        assertThat(rita.postRaw(auth, "code=" + (now.equals("123456") ? "654321" : "123456") + "&_csrf="
                + StaffHttp.enc(StaffHttp.csrf(page.body()))).statusCode()).isEqualTo(400);
        assertThat(count("select count(*) from staff_user where biller_id = ? and username = 'rita' and totp_secret is null", b.bid())).isEqualTo(1);
        HttpResponse<String> added = rita.post(auth, auth, "code=" + now);
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(count("select count(*) from staff_user where biller_id = ? and username = 'rita' and totp_secret is not null", b.bid())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        StaffHttp ritaAgain = new StaffHttp(this::url, newAddress());
        assertThat(ritaAgain.password(b.bid(), "rita", PASSWORD).headers().firstValue("Location").orElseThrow()).contains("/sign-in/code");

        StaffHttp partner = new StaffHttp(this::url, newAddress());
        partner.signIn(b.bid(), "partner", support.oneTimePassword(), null, PASSWORD, clock);
        staffUsers.setEnabled(admin, support.user().userId(), false);
        HttpResponse<String> after = partner.get("/staff/" + b.bid());
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/sign-in");
        assertThat(staffUsers.billableCount(b.bid())).isEqualTo(2);
        assertThat(jdbc.sql("select action from staff_audit where biller_id = ? and action like 'staff.%able' ").param(b.bid())
                .query(String.class).list()).isEqualTo(List.of("staff.disable"));
    }
}
