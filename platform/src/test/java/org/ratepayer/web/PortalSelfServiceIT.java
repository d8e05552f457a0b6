package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.TestSmtp;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.shared.throttle.ManualThrottleTime;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal's self-service pages (docs/payers-self-service.md) in a real headless Chromium: registering from a bill
 * and confirming by email, inviting a co-owner who accepts, the profile, an account's email history; and over plain
 * HTTP, that another payer's account answers 404 and that a Daffron co-op offers neither registration nor invitations.
 * Emails go to a GreenMail server of this class.
 */
@Tag("browser")
@Import(ManualThrottleTime.Config.class)
class PortalSelfServiceIT extends CisPageIT {

    static final String PASSWORD = "correct horse battery staple";
    static final GreenMail SMTP = TestSmtp.start();
    private static final Pattern CONFIRM = Pattern.compile("(http://\\S+/portal/\\d+/register/confirm\\?token=\\S+)");
    private static final Pattern ACCEPT = Pattern.compile("(http://\\S+/portal/\\d+/invitations/accept\\?token=\\S+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

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
    ManualThrottleTime throttleTime;

    private TestBiller standardBiller(String prefix) {
        TestBiller b = newBiller("standard");
        billerService.setOption(b.bid(), 74, null, BooleanNode.TRUE, "test");
        billerService.setOption(b.bid(), 78, null, BooleanNode.TRUE, "test");
        billerService.setOption(b.bid(), 79, null, IntNode.valueOf(3), "test");
        assertThat(upload(b, b.webServiceKey(), "s.bif", new BifText(b.guidText())
                .invoice(prefix + "10000001", prefix + "1-1", "10/01/2026", "84.17", null)
                .invoice(prefix + "20000001", prefix + "2-1", "10/01/2026", "20.00", null)
                .invoice(prefix + "30000001", prefix + "3-1", "10/01/2026", "30.00", null).text()).status()).isEqualTo(201);
        return b;
    }

    private String portal(TestBiller b, String rest) {
        return url("/portal/" + b.bid() + rest);
    }

    @Test
    void aPayerRegistersFromABillInvitesACoOwnerWhoAcceptsChangesTheirProfileAndReadsTheEmails() throws Exception {
        TestBiller b = standardBiller("931");
        long bid = b.bid();

        browser.get(portal(b, "/sign-in"));
        browser.click("register");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(portal(b, "/register"));
        browser.assertAccessible("registering: the account and a fact from the bill");

        browser.fill("accountNumber", "9311-1");
        browser.fill("lastBillAmount", "99.99");
        browser.click("find-account");
        assertThat(browser.text("register-error")).startsWith("We could not find an account");
        browser.assertAccessible("registering: the account not found");
        String mismatch = browser.text("register-error");
        browser.fill("accountNumber", "9999-9");
        browser.click("find-account");
        assertThat(browser.text("register-error")).as("no enumeration: the same words for a missing account").isEqualTo(mismatch);

        browser.fill("accountNumber", "9311-1");
        browser.fill("lastBillAmount", "84.17");
        browser.click("find-account");
        assertThat(browser.text("found-account")).contains("9311-1");
        browser.assertAccessible("registering: email, username and password");

        browser.fill("email", "alice@example.org");
        browser.fill("username", "alice");
        browser.fill("password", "too short");
        browser.click("register");
        assertThat(browser.text("password-error")).contains("at least 12 characters");
        assertThat(browser.element("password").getDomAttribute("aria-describedby")).contains("password-error");
        browser.assertAccessible("registering: a field error");

        browser.fill("password", PASSWORD);
        browser.click("register");
        assertThat(browser.text("register-sent")).contains("alice@example.org");
        browser.assertAccessible("registering: check your email");
        assertThat(directory.find(bid, "alice")).as("no user before the link is followed").isEmpty();

        String confirm = link(CONFIRM, awaitEmail("alice@example.org"));
        browser.get(confirm);
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(portal(b, ""));
        assertThat(browser.text("account-heading-0")).contains("9311-1");
        browser.assertAccessible("the home after confirming the registration");
        browser.get(confirm);
        assertThat(browser.text("link-used")).contains("used or has expired");
        browser.assertAccessible("a used confirmation link");

        browser.get(portal(b, ""));
        browser.click("co-owners-0");
        assertThat(browser.text("user-0")).isEqualTo("alice");
        assertThat(browser.text("no-pending")).isEqualTo("None.");
        browser.assertAccessible("an account's co-owners");
        browser.fill("email", "bob@example.org");
        browser.click("invite");
        assertThat(browser.text("co-owners-notice")).isEqualTo("The invitation is on its way.");
        assertThat(browser.text("pending-0")).isEqualTo("bob@example.org");
        browser.assertAccessible("an account's co-owners with an open invitation");
        browser.fill("email", "carol@example.org");
        browser.click("invite");
        browser.click("cancel-1");
        assertThat(browser.text("co-owners-notice")).isEqualTo("The invitation is withdrawn.");
        assertThat(browser.has("pending-1")).isFalse();
        browser.assertAccessible("an account's co-owners after withdrawing an invitation");

        directory.register(bid, "bob", "bob@example.org", List.of("9312-1"), PASSWORD);
        String accept = link(ACCEPT, awaitEmail("bob@example.org"));
        browser.click("sign-out");
        browser.get(accept);
        assertThat(browser.text("account-number")).isEqualTo("9311-1");
        browser.assertAccessible("an invitation opened by someone not signed in");
        browser.click("sign-in-to-accept");
        assertThat(browser.driver.getCurrentUrl()).contains("/sign-in?next=");
        browser.assertAccessible("the sign-in page on the way to an invitation");
        browser.fill("username", "bob");
        browser.fill("password", PASSWORD);
        browser.click("sign-in");
        assertThat(browser.driver.getCurrentUrl()).as("the token survives the round trip").isEqualTo(accept);
        assertThat(browser.text("account-number")).isEqualTo("9311-1");
        browser.assertAccessible("accepting an invitation");
        browser.click("accept");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(portal(b, ""));
        assertThat(browser.text("account-heading-1")).contains("9311-1");
        assertThat(directory.find(bid, "bob").orElseThrow().holds("9311-1")).isTrue();
        browser.get(accept);
        assertThat(browser.text("invitation-used")).contains("accepted, withdrawn or has expired");
        browser.assertAccessible("a used invitation");

        browser.get(portal(b, "/accounts/9311-1/co-owners"));
        assertThat(List.of(browser.text("user-0"), browser.text("user-1"))).containsExactlyInAnyOrder("alice", "bob");
        browser.click("emails");
        assertThat(browser.text("email-to-0")).as("newest first: the withdrawn invitation").isEqualTo("carol@example.org");
        assertThat(browser.text("email-to-1")).isEqualTo("bob@example.org");
        assertThat(browser.text("email-subject-1")).startsWith("You are invited to share");
        browser.assertAccessible("an account's email history");

        browser.click("nav-profile");
        assertThat(browser.text("profile-email")).isEqualTo("bob@example.org");
        browser.assertAccessible("the profile");
        browser.fill("email", "robert@example.org");
        browser.click("change-email");
        assertThat(browser.text("profile-notice")).isEqualTo("Your email address is changed.");
        assertThat(browser.text("profile-email")).isEqualTo("robert@example.org");
        browser.assertAccessible("the profile after changing the email address");
        browser.fill("currentPassword", "not my password at all");
        browser.fill("newPassword", "a brand new passphrase");
        browser.click("change-password");
        assertThat(browser.text("currentPassword-error")).isEqualTo("The current password is not right.");
        browser.assertAccessible("the profile with a field error");
        browser.fill("currentPassword", PASSWORD);
        browser.fill("newPassword", "a brand new passphrase");
        browser.click("change-password");
        assertThat(browser.text("profile-notice")).isEqualTo("Your password is changed.");
        browser.assertAccessible("the profile after changing the password");
        assertThat(directory.authenticate(bid, "bob", "a brand new passphrase")).isPresent();
    }

    private void signInAs(TestBiller b, String username) {
        browser.get(portal(b, "/sign-in"));
        browser.fill("username", username);
        browser.fill("password", PASSWORD);
        browser.click("sign-in");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(portal(b, ""));
    }

    @Test
    void anInviteeWithoutALoginRegistersFromTheInvitationAndThenRemovesTheOtherCoOwner() throws Exception {
        TestBiller b = standardBiller("961");
        long bid = b.bid();
        directory.register(bid, "gina", "gina@example.org", List.of("9611-1"), PASSWORD);
        signInAs(b, "gina");
        browser.get(portal(b, "/accounts/9611-1/co-owners"));
        browser.fill("email", "hal@example.org");
        browser.click("invite");
        assertThat(browser.text("co-owners-notice")).isEqualTo("The invitation is on its way.");
        browser.click("sign-out");

        String accept = link(ACCEPT, awaitEmail("hal@example.org"));
        browser.get(accept);
        assertThat(browser.text("account-number")).isEqualTo("9611-1");
        assertThat(browser.has("accept")).as("nobody signed in to accept with one click").isFalse();
        assertThat(browser.has("sign-in-to-accept")).isTrue();
        browser.assertAccessible("an invitation for someone without a login");
        browser.fill("username", "GINA");
        browser.fill("password", PASSWORD);
        browser.click("register-and-accept");
        assertThat(browser.text("username-error")).isEqualTo("This username is taken; choose another.");
        assertThat(browser.element("username").getDomAttribute("aria-describedby")).isEqualTo("username-error");
        browser.assertAccessible("registering from an invitation: a taken username");
        assertThat(directory.find(bid, "GINA").map(p -> p.username())).as("only the existing gina").contains("gina");

        browser.fill("username", "hal");
        browser.fill("password", PASSWORD);
        browser.click("register-and-accept");
        assertThat(browser.driver.getCurrentUrl()).as("signed in as the new co-owner").isEqualTo(portal(b, ""));
        assertThat(browser.text("account-heading-0")).contains("9611-1");
        assertThat(directory.find(bid, "hal").orElseThrow().email()).isEqualTo("hal@example.org");
        assertThat(directory.authenticate(bid, "hal", PASSWORD)).isPresent();
        browser.get(accept);
        assertThat(browser.text("invitation-used")).contains("accepted, withdrawn or has expired");

        browser.get(portal(b, "/accounts/9611-1/co-owners"));
        List<String> users = List.of(browser.text("user-0"), browser.text("user-1"));
        assertThat(users).containsExactlyInAnyOrder("gina", "hal");
        assertThat(browser.has("remove-" + users.indexOf("hal"))).as("no Remove next to oneself").isFalse();
        browser.click("remove-" + users.indexOf("gina"));
        assertThat(browser.text("co-owners-notice")).isEqualTo("The co-owner is removed.");
        assertThat(browser.text("user-0")).isEqualTo("hal");
        assertThat(browser.has("user-1")).isFalse();
        browser.assertAccessible("an account's co-owners after removing one");
        assertThat(directory.registration(bid, "9611-1").users()).containsExactly("hal");
        assertThat(directory.find(bid, "gina").orElseThrow().holds("9611-1")).isFalse();
    }

    @Test
    void settingSixHidesTheEmailChangeAndTheServerRefusesOneSentAnyway() {
        TestBiller b = standardBiller("971");
        billerService.setSetting(b.bid(), 6, com.fasterxml.jackson.databind.node.TextNode.valueOf("1"), "test");
        directory.register(b.bid(), "ida", "ida@example.org", List.of("9711-1"), PASSWORD);
        signInAs(b, "ida");
        browser.click("nav-profile");
        assertThat(browser.text("profile-email")).isEqualTo("ida@example.org");
        assertThat(browser.has("change-email")).isFalse();
        assertThat(browser.has("email")).isFalse();
        assertThat(browser.has("change-password")).as("the password change stays").isTrue();
        browser.assertAccessible("the profile without the email change (setting 6)");

        HttpClient ida = signedIn(b, "ida");
        HttpResponse<String> profile = get(ida, "/portal/" + b.bid() + "/profile");
        Matcher m = CSRF.matcher(profile.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        HttpResponse<String> sent = PortalHttp.exchange(ida, request("/portal/" + b.bid() + "/profile/email")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token) + "&email=" + enc("mallory@example.org"))).build());
        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(sent.body()).contains("id=\"profile-error\"").contains("Your email address cannot be changed here.")
                .doesNotContain("id=\"change-email\"");
        assertThat(directory.find(b.bid(), "ida").orElseThrow().email()).isEqualTo("ida@example.org");
    }

    private static final Pattern WAIT = Pattern.compile("try again in (\\d+) seconds?");

    /** The answer to a look-up that found nothing, the same whatever did not match. */
    private String notFound;

    /** One registration look-up in the browser: the seconds it was told to wait, or 0 when it was merely not found. */
    private long failedLookUp(TestBiller b, String account, String zip) {
        browser.get(portal(b, "/register"));
        browser.fill("accountNumber", account);
        browser.fill("zip", zip);
        browser.click("find-account");
        String error = browser.text("register-error");
        Matcher m = WAIT.matcher(error);
        if (m.find()) {
            assertThat(error).startsWith("Too many unsuccessful attempts to find an account.");
            return Long.parseLong(m.group(1));
        }
        assertThat(error).startsWith("We could not find an account");
        if (notFound == null) {
            notFound = error;
        }
        assertThat(error).as("no enumeration: one answer for an unknown account and a wrong ZIP").isEqualTo(notFound);
        return 0;
    }

    @Test
    void repeatedRegistrationLookUpsWaitLongerAndLongerAndNeverTellWhichAccountsExist() {
        TestBiller b = standardBiller("981");
        throttleTime.advance(Duration.ofHours(1)); // whatever this class's other tests spent from this address is back
        try {
            // An unknown account and a real one with the wrong ZIP, in turn: the same answer, until the waits begin.
            String[] accounts = {"9999-9", "9811-1"};
            int tries = 0;
            long first = 0;
            while (first == 0 && tries < 10) {
                first = failedLookUp(b, accounts[tries % 2], "00000");
                tries++;
            }
            assertThat(tries).as("five mistakes are free, the sixth waits").isEqualTo(6);
            assertThat(first).isBetween(1L, 10L);
            browser.assertAccessible("registering: too many look-ups");

            List<Long> waits = new java.util.ArrayList<>(List.of(first));
            for (int i = 0; i < 40 && waits.get(waits.size() - 1) < 30; i++) {
                throttleTime.advance(Duration.ofSeconds(waits.get(waits.size() - 1)));
                long wait = failedLookUp(b, accounts[i % 2], "00000");
                if (wait == 0) {
                    wait = failedLookUp(b, accounts[(i + 1) % 2], "00000");
                }
                assertThat(wait).as("after the one look-up the wait allowed, the next waits again").isPositive();
                waits.add(wait);
            }
            assertThat(waits).as("waits grow as failures go on").last().satisfies(w -> assertThat(w).isBetween(30L, 60L));
            assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(1L, 60L));
            // Refused unseen: while waiting, even the right ZIP code finds nothing.
            browser.get(portal(b, "/register"));
            browser.fill("accountNumber", "9811-1");
            browser.fill("lastBillAmount", "84.17");
            browser.click("find-account");
            assertThat(browser.text("register-error")).startsWith("Too many unsuccessful attempts");
        } finally {
            // Every budget full again, for this class's other tests (they come from the same address).
            throttleTime.advance(Duration.ofHours(1));
        }
        browser.get(portal(b, "/register"));
        browser.fill("accountNumber", "9811-1");
        browser.fill("lastBillAmount", "84.17");
        browser.click("find-account");
        assertThat(browser.text("found-account")).contains("9811-1");
    }

    @Test
    void anotherPayersAccountAnswers404AndADaffronCoopOffersNoRegistrationNorInvitations() {
        TestBiller b = standardBiller("941");
        directory.register(b.bid(), "dora", "dora@example.org", List.of("9411-1"), PASSWORD);
        directory.register(b.bid(), "ed", "ed@example.org", List.of("9412-1"), PASSWORD);
        HttpClient dora = signedIn(b, "dora");
        assertThat(get(dora, "/portal/" + b.bid() + "/accounts/9411-1/co-owners").statusCode()).isEqualTo(200);
        assertThat(get(dora, "/portal/" + b.bid() + "/accounts/9411-1/emails").statusCode()).isEqualTo(200);
        assertThat(get(dora, "/portal/" + b.bid() + "/accounts/9412-1/co-owners").statusCode()).isEqualTo(404);
        assertThat(get(dora, "/portal/" + b.bid() + "/accounts/9412-1/emails").statusCode()).isEqualTo(404);
        assertThat(get(dora, "/portal/" + b.bid() + "/accounts/9999-1/emails").statusCode()).isEqualTo(404);
        HttpClient nobody = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> anonymous = get(nobody, "/portal/" + b.bid() + "/accounts/9411-1/emails");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).contains("/sign-in?next=");

        TestBiller coop = newBiller();
        assertThat(upload(coop, coop.webServiceKey(), "d.bif", new BifText(coop.guidText())
                .invoice("95110000001", "9511-1", "10/01/2026", "10.00", null).text()).status()).isEqualTo(201);
        directory.register(coop.bid(), "fay", "fay@example.org", List.of("9511-1"), PASSWORD);
        HttpClient fay = signedIn(coop, "fay");
        assertThat(get(fay, "/portal/" + coop.bid() + "/sign-in").body()).doesNotContain("id=\"register\"");
        assertThat(get(fay, "/portal/" + coop.bid() + "/register").body()).contains("id=\"register-elsewhere\"")
                .doesNotContain("id=\"accountNumber\"");
        String coOwners = get(fay, "/portal/" + coop.bid() + "/accounts/9511-1/co-owners").body();
        assertThat(coOwners).contains("id=\"user-0\"").doesNotContain("id=\"invite\"");
        assertThat(get(fay, "/portal/" + coop.bid() + "/profile").body()).contains("id=\"profile-elsewhere\"")
                .doesNotContain("id=\"change-password\"").doesNotContain("id=\"change-email\"");
    }

    private HttpClient signedIn(TestBiller b, String username) {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = get(client, "/portal/" + b.bid() + "/sign-in");
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        HttpResponse<String> r = PortalHttp.exchange(client, request("/portal/" + b.bid() + "/sign-in")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token) + "&username=" + enc(username) + "&password=" + enc(PASSWORD)))
                .build());
        assertThat(r.statusCode()).isEqualTo(302);
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) {
        return PortalHttp.exchange(client, request(path).GET().build());
    }


    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String link(Pattern pattern, MimeMessage email) throws Exception {
        Matcher m = pattern.matcher((String) email.getContent());
        assertThat(m.find()).as("the email carries its link").isTrue();
        return m.group(1);
    }

    private static MimeMessage awaitEmail(String address) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !caughtFor(address).isEmpty());
        List<MimeMessage> caught = caughtFor(address);
        return caught.get(caught.size() - 1);
    }

    private static List<MimeMessage> caughtFor(String address) {
        return TestSmtp.receivedBy(SMTP, address);
    }
}
