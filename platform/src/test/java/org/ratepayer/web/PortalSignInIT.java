package org.ratepayer.web;

import org.ratepayer.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.bucket4j.TimeMeter;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.ratepayer.BifText;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.web.PortalSession;
import org.ratepayer.shared.throttle.ManualThrottleTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The portal's sign-in, sign-on, sign-out, forgotten and emailed password links, in a real headless Chromium and over
 * plain HTTP (docs/payers.md). Emails go to a GreenMail server of this class; the throttle's clock and the
 * application's clock move only when a test moves them; plain-HTTP callers speak from addresses of their own
 * through X-Forwarded-For, as behind a proxy (docs/throttling.md).
 */
@Tag("browser")
@Import({PortalSignInIT.Landing.class, ManualThrottleTime.Config.class})
@TestPropertySource(properties = "ratepayer.trusted-proxies=127.0.0.1/32,::1/128")
class PortalSignInIT extends CisPageIT {

    static final String PASSWORD = "correct horse battery staple";
    static final String NOT_RIGHT = "The username or password is not right.";
    static final GreenMail SMTP = TestSmtp.start();
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern LINK = Pattern.compile("(http://\\S+/portal/\\d+/password\\?token=\\S+)");

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        TestSmtp.sendTo(SMTP, registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }



    /** A portal page of this test's own behind the sign-in (the portal's home is built elsewhere): who is signed in. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Landing {
        @Bean
        LandingPage landingPage(BillerService billers) {
            return new LandingPage(billers);
        }
    }

    @Controller
    static class LandingPage {
        private final BillerService billers;

        LandingPage(BillerService billers) {
            this.billers = billers;
        }

        @GetMapping("/portal/{bid}/test-landing")
        String landing(@PathVariable long bid, HttpServletRequest request, Model model) {
            model.addAttribute("biller", billers.require(bid));
            Optional<SignedInPayer> payer = PortalSession.current(request, bid);
            if (payer.isEmpty()) {
                return "redirect:/portal/" + bid + "/sign-in?next=/portal/" + bid + "/test-landing";
            }
            model.addAttribute("payer", payer.get());
            return "portal-test/landing";
        }
    }

    @Autowired
    PayerDirectory directory;

    @Autowired
    ManualThrottleTime throttleTime;

    private TestBiller billerWithAccount(String account) {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0000001", account, "10/01/2026", "88.10", null).text()).status())
                .isEqualTo(201);
        return b;
    }

    /** A biller whose own portal does not keep its payers' identities, so passwords are reset here. */
    private TestBiller standardBillerWithAccount(String account) {
        TestBiller b = billerWithAccount(account);
        jdbc.sql("update biller set template = 'standard' where biller_id = ?").param(b.bid()).update();
        billerService.setTimeZone(b.bid(), "America/New_York", "test"); // so the service's cache forgets the old template
        assertThat(directory.cisIsIdentitySource(b.bid())).isFalse();
        return b;
    }

    private String landing(TestBiller b) {
        return "/portal/" + b.bid() + "/test-landing";
    }

    private String sessionCookie() {
        Cookie c = browser.driver.manage().getCookieNamed("JSESSIONID");
        return c == null ? null : c.getValue();
    }

    private void signInInBrowser(String username, String password) {
        browser.fill("username", username);
        browser.fill("password", password);
        browser.click("sign-in");
    }

    @Test
    void aPayerSignsInLandsWhereTheyWereGoingWithANewSessionIdAndSignsOut() {
        TestBiller b = billerWithAccount("5101-1");
        directory.register(b.bid(), "alice", "alice@example.org", List.of("5101-1"), PASSWORD);

        browser.get(url(landing(b)));
        assertThat(browser.driver.getCurrentUrl()).contains("/portal/" + b.bid() + "/sign-in?next=");
        browser.assertAccessible("the portal's sign-in page");
        String before = sessionCookie();
        assertThat(before).as("the sign-in form's CSRF token lives in a session").isNotNull();

        signInInBrowser("alice", "not the password at all");
        assertThat(browser.text("sign-in-error")).isEqualTo(NOT_RIGHT);
        assertThat(browser.element("username").getDomProperty("value")).isEqualTo("alice");
        browser.assertAccessible("the sign-in page with its error");

        browser.fill("password", PASSWORD);
        browser.click("sign-in");
        assertThat(browser.text("signed-in-as")).isEqualTo("alice");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(url(landing(b)));
        browser.assertAccessible("a portal page, signed in");
        String after = sessionCookie();
        assertThat(after).as("signing in renews the session id").isNotNull().isNotEqualTo(before);

        browser.click("sign-out");
        assertThat(browser.text("sign-in-notice")).isEqualTo("You have signed out.");
        browser.assertAccessible("the sign-in page after signing out");
        browser.get(url(landing(b)));
        assertThat(browser.driver.getCurrentUrl()).contains("/sign-in?next=");
    }

    @Test
    void aSignOnLinkFromTheCisSignsInOnceAndRefusesToBeUsedAgain() {
        TestBiller b = billerWithAccount("5201-1");
        directory.register(b.bid(), "bob", "bob@example.org", List.of("5201-1"), null);
        PayerDirectory.SsoToken sso = directory.mintSignOn(b.bid(), "bob", landing(b));
        String link = url("/portal/" + b.bid() + "/sso?token=" + sso.token());

        browser.get(link);
        assertThat(browser.text("signed-in-as")).isEqualTo("bob");
        browser.assertAccessible("a portal page, signed in by the CIS's link");

        browser.driver.manage().deleteAllCookies();
        browser.get(link);
        assertThat(browser.text("sign-in-error")).contains("This sign-in link has already been used or has expired");
        browser.assertAccessible("the sign-in page after a used sign-on link");
    }

    @Test
    void aPayerRegisteredWithoutAPasswordGetsTheEmailSetsOneAndIsSignedIn() throws Exception {
        TestBiller b = billerWithAccount("5301-1");
        directory.register(b.bid(), "carol", "carol@example.org", List.of("5301-1"), null);
        MimeMessage email = awaitEmail("carol@example.org");
        String text = (String) email.getContent();
        assertThat(email.getSubject()).isEqualTo("Set a password for your Test Co-op " + b.bid() + " account");
        assertThat(text).contains("Test Co-op " + b.bid()).contains("within 24 hours").contains("username carol");
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String link = m.group(1);
        assertThat(link).startsWith(url("/portal/" + b.bid() + "/password?token="));
        String token = link.substring(link.indexOf("token=") + 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from email_message where biller_id = ? and kind = 'PASSWORD_LINK' and status = 'SENT'", b.bid()) == 1);
        assertThat(count("select count(*) from email_message where biller_id = ? and body_text like ?", b.bid(), "%" + token + "%"))
                .as("the history copy has the link taken out").isZero();

        // Before the password is set, the user cannot sign in, and is told no more than anyone else.
        browser.get(url("/portal/" + b.bid() + "/sign-in"));
        signInInBrowser("carol", "anything at all, twelve+");
        assertThat(browser.text("sign-in-error")).isEqualTo(NOT_RIGHT);

        browser.get(link);
        browser.assertAccessible("the choose-a-password page");
        browser.fill("password", "too short");
        browser.click("set-password");
        assertThat(browser.text("password-error")).isEqualTo("Your password must be at least 12 characters.");
        assertThat(browser.element("password").getDomAttribute("aria-describedby")).contains("password-error");
        browser.assertAccessible("the choose-a-password page with its field error");

        String before = sessionCookie();
        browser.fill("password", PASSWORD);
        browser.click("set-password");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> url("/portal/" + b.bid()).equals(d.getCurrentUrl()));
        assertThat(sessionCookie()).isNotEqualTo(before);
        browser.get(url(landing(b)));
        assertThat(browser.text("signed-in-as")).isEqualTo("carol");

        browser.get(link);
        assertThat(browser.text("link-used")).contains("This link has been used or has expired");
        browser.assertAccessible("the used-link page");
        assertThat(directory.authenticate(b.bid(), "carol", PASSWORD)).isPresent();
    }

    @Test
    void anEmailedLinkExpiresAfterADay() throws Exception {
        TestBiller b = billerWithAccount("5401-1");
        directory.register(b.bid(), "dave", "dave@example.org", List.of("5401-1"), null);
        Matcher m = LINK.matcher((String) awaitEmail("dave@example.org").getContent());
        assertThat(m.find()).isTrue();
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        browser.get(m.group(1));
        assertThat(browser.text("link-used")).contains("This link has been used or has expired");
        browser.click("ask-again");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/portal/" + b.bid() + "/forgot");
    }

    @Test
    void forgottenPasswordsOfACisKeptIdentityAreResetInTheCisPortal() {
        TestBiller b = billerWithAccount("5501-1");
        operatorPut("/api/v1/billers/" + b.bid() + "/settings/3", "{\"value\":\"https://cis.example.coop/login\"}");
        browser.get(url("/portal/" + b.bid() + "/sign-in"));
        browser.click("forgot");
        assertThat(browser.text("forgot-elsewhere")).contains("keeps your username and password in its own customer website");
        assertThat(browser.element("cis-portal").getDomAttribute("href")).isEqualTo("https://cis.example.coop/login");
        browser.assertAccessible("the forgot page of a biller whose CIS keeps identities");
    }

    @Test
    void forgotPasswordEmailsALinkAndAnswersTheSameWhetherOrNotAnyoneMatched() throws Exception {
        TestBiller b = standardBillerWithAccount("5601-1");
        directory.register(b.bid(), "erin", "erin@example.org", List.of("5601-1"), PASSWORD);

        browser.get(url("/portal/" + b.bid() + "/forgot"));
        browser.assertAccessible("the forgot-password form");
        browser.fill("usernameOrEmail", "erin@example.org");
        browser.click("send-link");
        assertThat(browser.text("forgot-sent")).contains("If we have an account with that username or email address");
        browser.assertAccessible("the forgot-password answer");
        MimeMessage email = awaitEmail("erin@example.org");
        assertThat(email.getSubject()).isEqualTo("Reset your Test Co-op " + b.bid() + " password");

        String address = newAddress();
        Answer known = post(address, "/portal/" + b.bid() + "/forgot", "usernameOrEmail=erin");
        Answer unknown = post(address, "/portal/" + b.bid() + "/forgot", "usernameOrEmail=nobody-here");
        Answer unknownEmail = post(address, "/portal/" + b.bid() + "/forgot", "usernameOrEmail=" + enc("nobody@example.org"));
        assertThat(known.status()).isEqualTo(200);
        assertThat(unknown).isEqualTo(known);
        assertThat(unknownEmail).isEqualTo(known);
    }

    @Test
    void passwordLinksForOneUsernameAreRationedTheSameWhetherOrNotItExists() {
        TestBiller b = standardBillerWithAccount("5651-1");
        directory.register(b.bid(), "judy", "judy@example.org", List.of("5651-1"), PASSWORD);
        for (String who : List.of("judy", "nobody-at-all")) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(newAddress(), "/portal/" + b.bid() + "/forgot", "usernameOrEmail=" + who).status()).isEqualTo(200);
            }
            Answer slowed = post(newAddress(), "/portal/" + b.bid() + "/forgot", "usernameOrEmail=" + who);
            assertThat(slowed.status()).isEqualTo(429);
            assertThat(slowed.retryAfter()).isEqualTo("600");
            assertThat(slowed.body()).contains("id=\"forgot-error\"").contains("try again in 600 seconds");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> caughtFor("judy@example.org").size() == 3);
    }

    @Test
    void signInFailuresReadTheSameForAnUnknownUserAWrongPasswordAndNoPasswordYet() {
        TestBiller b = billerWithAccount("5701-1");
        directory.register(b.bid(), "frank", "frank@example.org", List.of("5701-1"), PASSWORD);
        directory.register(b.bid(), "grace", "grace@example.org", List.of("5701-1"), null);
        String address = newAddress();
        Answer wrongPassword = signIn(address, b, "frank", "wrong password here");
        Answer unknownUser = signIn(address, b, "frenk", "wrong password here");
        Answer noPasswordYet = signIn(address, b, "grace", "wrong password here");
        assertThat(wrongPassword.status()).isEqualTo(200);
        assertThat(wrongPassword.body()).contains(NOT_RIGHT);
        assertThat(unknownUser.status()).isEqualTo(200);
        assertThat(unknownUser.body().replace("frenk", "frank")).isEqualTo(wrongPassword.body());
        assertThat(noPasswordYet.body().replace("grace", "frank")).isEqualTo(wrongPassword.body());

        Answer right = signIn(address, b, "FRANK", PASSWORD);
        assertThat(right.status()).isEqualTo(302);
        assertThat(right.location()).isEqualTo("/portal/" + b.bid());
        Answer elsewhere = signIn(newAddress(), b, "frank", PASSWORD, "https://evil.example/portal/" + b.bid());
        assertThat(elsewhere.location()).as("next never leaves the biller's portal").isEqualTo("/portal/" + b.bid());
        Answer deeper = signIn(newAddress(), b, "frank", PASSWORD, "/portal/" + b.bid() + "/accounts/5701-1");
        assertThat(deeper.location()).isEqualTo("/portal/" + b.bid() + "/accounts/5701-1");
    }

    @Test
    void repeatedWrongPasswordsWaitLongerAndLongerButNeverLongerThanAMinute() {
        TestBiller b = billerWithAccount("5801-1");
        directory.register(b.bid(), "heidi", "heidi@example.org", List.of("5801-1"), PASSWORD);
        String stranger = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(stranger, b, "heidi", "guess number " + i).status()).isEqualTo(200);
        }
        Answer slowed = signIn(stranger, b, "heidi", "guess number 5");
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.retryAfter()).isEqualTo("10");
        assertThat(slowed.body()).contains("id=\"sign-in-error\"").contains("Too many unsuccessful sign-ins")
                .contains("try again in 10 seconds").contains("id=\"sign-in\"");
        // Refused unseen: the right password from that address learns nothing until the wait is over.
        assertThat(signIn(stranger, b, "heidi", PASSWORD).status()).isEqualTo(429);
        // The payer elsewhere is not held up by the stranger's address.
        assertThat(signIn(newAddress(), b, "heidi", PASSWORD).status()).isEqualTo(302);

        List<Long> waits = new ArrayList<>();
        waits.add(10L);
        for (int i = 0; i < 40 && waits.get(waits.size() - 1) < 30; i++) {
            throttleTime.advance(Duration.ofSeconds(waits.get(waits.size() - 1)));
            Answer a = signIn(stranger, b, "heidi", "another guess " + i);
            if (a.status() == 429) {
                waits.add(Long.parseLong(a.retryAfter()));
            } else {
                assertThat(a.status()).isEqualTo(200);
                Answer next = signIn(stranger, b, "heidi", "and another " + i);
                assertThat(next.status()).isEqualTo(429);
                waits.add(Long.parseLong(next.retryAfter()));
            }
        }
        assertThat(waits).as("waits grow as failures go on").last().satisfies(w -> assertThat(w).isBetween(30L, 60L));
        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(1L, 60L));

        // Once the wait is over, the right password gets in, and gives its token back.
        throttleTime.advance(Duration.ofSeconds(waits.get(waits.size() - 1)));
        assertThat(signIn(stranger, b, "heidi", PASSWORD).status()).isEqualTo(302);
        assertThat(signIn(stranger, b, "heidi", PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndLaxAndFormsWithoutTheirCsrfTokenAreRefused() {
        TestBiller b = billerWithAccount("5901-1");
        directory.register(b.bid(), "ivan", "ivan@example.org", List.of("5901-1"), PASSWORD);
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = PortalHttp.exchange(client, request("/portal/" + b.bid() + "/sign-in").GET().build());
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .contains("HttpOnly").contains("SameSite=Lax"));
        HttpResponse<String> r = PortalHttp.exchange(client, request("/portal/" + b.bid() + "/sign-in").header("X-Forwarded-For", newAddress())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ivan&password=" + enc(PASSWORD))).build());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    private static MimeMessage awaitEmail(String address) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !caughtFor(address).isEmpty());
        List<MimeMessage> caught = caughtFor(address);
        return caught.get(caught.size() - 1);
    }

    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }

    /** A documentation address (RFC 5737) no other test of this class uses. */
    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    record Answer(int status, String retryAfter, String location, String body) {
    }

    private Answer signIn(String address, TestBiller b, String username, String password) {
        return signIn(address, b, username, password, null);
    }

    private Answer signIn(String address, TestBiller b, String username, String password, String next) {
        return post(address, "/portal/" + b.bid() + "/sign-in", "username=" + enc(username) + "&password=" + enc(password)
                + (next == null ? "" : "&next=" + enc(next)));
    }

    /** What a browser at {@code address} does: opens the sign-in page for a CSRF token, then posts the form. */
    private Answer post(String address, String path, String form) {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String bid = path.split("/")[2];
        HttpResponse<String> page = PortalHttp.exchange(client, request("/portal/" + bid + "/sign-in").header("X-Forwarded-For", address).GET().build());
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        HttpResponse<String> r = PortalHttp.exchange(client, request(path).header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token) + "&" + form)).build());
        // The CSRF token differs from one session to the next; everything else must not.
        String body = CSRF.matcher(r.body()).replaceAll("name=\"_csrf\" value=\"…\"");
        return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                r.headers().firstValue("Location").orElse(null), body);
    }


    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
