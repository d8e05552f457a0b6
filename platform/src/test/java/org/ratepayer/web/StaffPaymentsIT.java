package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.cissim.HistoryCommentPosting;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.payments.PaymentAllocation;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A CSR at the biller portal (docs/staff-search.md): finds the member by the card's last four, takes a card payment
 * on channel CSRWEB with their username on it, pays a cart of two accounts in one payment (two paymentTransactions at
 * the CIS simulator, each once), enrols the member in autopay (AUTOPAY ON once, made by "staff:carol"); a read-only
 * user is refused every write and changes nothing; another biller's staff see nothing of this biller; the search,
 * account and cart pages pass axe-core.
 */
@Tag("browser")
@TestPropertySource(properties = "ratepayer.trusted-proxies=127.0.0.1/32,::1/128")
class StaffPaymentsIT extends CisPageIT {

    private static final String PASSWORD = "a long staff password";
    private static final String VISA = "4111111111111111";
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired
    StaffUsers staffUsers;

    private TestBiller b;
    private SignedInStaff admin;
    private String carolPassword;

    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String card(String number) {
        return "method=CARD&cardNumber=" + number + "&expMonth=12&expYear=2099&cvv=123&postalCode=49331";
    }

    @BeforeEach
    void aBillerPostingToTheSimulatorWithTwoBillsAndACsr() {
        b = simulatorBiller();
        billerService.setOption(b.bid(), 54, null, BooleanNode.TRUE, "test");
        BifText file = new BifText(b.guidText());
        file.invoice("72011000001", "7201-1", "10/01/2026", "40.00", "ann@example.org");
        file.invoice("72021000001", "7202-1", "10/01/2026", "25.00", "bo@example.org");
        assertThat(upload(b, b.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        StaffUsers.IssuedPassword ana = staffUsers.createAdministrator(b.bid(), "ana", "ana@example.org");
        admin = new SignedInStaff(b.bid(), ana.user().userId(), "ana", StaffRole.ADMINISTRATOR, false);
        carolPassword = staffUsers.create(admin, "carol", "carol@example.org", StaffRole.CSR, false).oneTimePassword();
    }

    private StaffHttp signedIn(String username, String oneTime) {
        StaffHttp staff = new StaffHttp(this::url, newAddress());
        staff.signIn(b.bid(), username, oneTime, null, PASSWORD, clock);
        return staff;
    }

    private String account(String number) {
        return "/staff/" + b.bid() + "/accounts/" + number;
    }

    /** What the simulator received for this part of a payment (the simulator serves every test of the class). */
    private List<PaymentPosting> posted(String account, UUID transactionId) {
        return cis.state().postings().payments().stream()
                .filter(p -> p.accountNumber().equals(account) && p.transactionId().equalsIgnoreCase(transactionId.toString())).toList();
    }

    private List<String> comments(String account) {
        return cis.state().postings().historyComments().stream().filter(c -> c.customerId().equals(account))
                .map(HistoryCommentPosting::comment).toList();
    }

    @Test
    void aCsrFindsTheMemberByLastFourAndTakesACardPaymentWithTheirNameOnIt() {
        StaffHttp carol = signedIn("carol", carolPassword);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> paid = carol.post(account("7201-1"), account("7201-1") + "/payments",
                "key=" + key + "&amount=40.00&invoice=&" + card(VISA));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(302);
        assertThat(paid.headers().firstValue("Location").orElseThrow()).contains("paid=").contains("status=APPROVED");
        HttpResponse<String> again = carol.post(account("7201-1"), account("7201-1") + "/payments",
                "key=" + key + "&amount=40.00&invoice=&" + card(VISA));
        assertThat(again.statusCode()).as("the same form twice").isEqualTo(302);

        assertThat(jdbc.sql("select account_number, channel, method, last4, status, amount, taken_by from payment where biller_id = ?")
                .param(b.bid()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6).toPlainString(), rs.getString(7))).list())
                .containsExactly(tuple("7201-1", "CSRWEB", "CARD", "1111", "APPROVED", "40.00", "carol"));
        UUID taken = jdbc.sql("select payment_guid from payment where biller_id = ?").param(b.bid()).query(UUID.class).single();
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target || ' ' || (after -> 'accounts')::text from staff_audit"
                + " where biller_id = ? and action like 'payment%'").param(b.bid()).query(String.class).list())
                .as("logged once, though the form came twice")
                .containsExactly("carol payment.take payment " + taken + " [\"7201-1\"]");

        HttpResponse<String> found = carol.get("/staff/" + b.bid() + "/search?q=" + enc("*1111"));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("7201-1").contains("taken by <span class=\"taken-by\">carol</span>");
        HttpResponse<String> page = carol.get(account("7201-1"));
        assertThat(page.body()).contains("<td class=\"taken-by\">carol</td>").contains("CSRWEB");
        UUID guid = jdbc.sql("select payment_guid from payment where biller_id = ?").param(b.bid()).query(UUID.class).single();
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'DELIVERED'", b.bid()) == 1);
        assertThat(posted("7201-1", guid)).hasSize(1);
    }

    @Test
    void aSwipedCardPaysWithTheNumberAndExpiryReadFromTheTrackAndAnUnreadableSwipeChargesNothing() {
        StaffHttp carol = signedIn("carol", carolPassword);
        assertThat(carol.get(account("7201-1")).body()).contains("id=\"pay-swipe\"").doesNotContain("id=\"autopay-swipe\"");
        HttpResponse<String> unreadable = carol.post(account("7201-1"), account("7201-1") + "/payments",
                "key=" + UUID.randomUUID() + "&amount=40.00&method=CARD&swipe=" + enc("%B41111^LEE"));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("the card could not be read; swipe again or type the number");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();

        HttpResponse<String> swiped = carol.post(account("7201-1"), account("7201-1") + "/payments", "key=" + UUID.randomUUID()
                + "&amount=40.00&method=CARD&cardNumber=&swipe=" + enc("%B4111111111111111^LEE/ANN^9912101000000?;4111111111111111=99121010000?"));
        assertThat(swiped.statusCode()).as(swiped.body()).isEqualTo(302);
        assertThat(swiped.headers().firstValue("Location").orElseThrow()).contains("status=APPROVED");
        assertThat(jdbc.sql("select channel, method, last4, amount, taken_by from payment where biller_id = ?").param(b.bid())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4).toPlainString(),
                        rs.getString(5))).single()).isEqualTo(tuple("CSRWEB", "CARD", "1111", "40.00", "carol"));
    }

    @Test
    void aCartOfTwoAccountsIsOnePaymentPostedAsTwoPaymentTransactionsEachOnce() {
        StaffHttp carol = signedIn("carol", carolPassword);
        assertThat(carol.post(account("7201-1"), "/staff/" + b.bid() + "/cart", "account=7201-1&invoice=72011000001&amount=40.00")
                .statusCode()).isEqualTo(302);
        assertThat(carol.post(account("7202-1"), "/staff/" + b.bid() + "/cart", "account=7202-1&invoice=72021000001&amount=25.00")
                .statusCode()).isEqualTo(302);
        HttpResponse<String> cart = carol.get("/staff/" + b.bid() + "/cart");
        assertThat(cart.body()).contains("7201-1").contains("7202-1").contains("<td class=\"num\" id=\"cart-total\">65.00</td>");

        HttpResponse<String> paid = carol.post("/staff/" + b.bid() + "/cart", "/staff/" + b.bid() + "/cart/pay",
                "key=" + UUID.randomUUID() + "&" + card(VISA));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(302);

        UUID guid = jdbc.sql("select payment_guid from payment where biller_id = ?").param(b.bid()).query(UUID.class).single();
        assertThat(jdbc.sql("select channel, amount, taken_by from payment where payment_guid = ?").param(guid)
                .query((rs, n) -> tuple(rs.getString(1), rs.getBigDecimal(2).toPlainString(), rs.getString(3))).single())
                .isEqualTo(tuple("CSRWEB", "65.00", "carol"));
        assertThat(jdbc.sql("select a.account_number, a.amount from payment_allocation a join payment p using (payment_id)"
                + " where p.payment_guid = ? order by a.position").param(guid)
                .query((rs, n) -> tuple(rs.getString(1), rs.getBigDecimal(2).toPlainString())).list())
                .containsExactly(tuple("7201-1", "40.00"), tuple("7202-1", "25.00"));
        await().atMost(PATIENCE).until(() -> count("select count(*) from posting where biller_id = ? and status = 'DELIVERED'", b.bid()) == 2);
        assertThat(posted("7201-1", PaymentAllocation.guidOf(guid, 1))).singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo(new BigDecimal("40.00")));
        assertThat(posted("7202-1", PaymentAllocation.guidOf(guid, 2))).singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo(new BigDecimal("25.00")));
        assertThat(carol.get("/staff/" + b.bid() + "/cart").body()).as("the cart is emptied").contains("id=\"cart-empty\"");
    }

    @Test
    void aCsrEnrolsTheMemberInAutopayRecordedAsStaffMadeAndPostedOnce() {
        StaffHttp carol = signedIn("carol", carolPassword);
        HttpResponse<String> r = carol.post(account("7201-1"), account("7201-1") + "/autopay", "action=on&" + card(VISA));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(jdbc.sql("select method, last4, changed_by from autopay_enrolment where biller_id = ?").param(b.bid())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).single())
                .isEqualTo(tuple("CARD", "1111", "staff:carol"));
        await().atMost(PATIENCE).until(() -> comments("7201-1").contains("AUTOPAY ON"));
        assertThat(comments("7201-1")).containsExactly("AUTOPAY ON");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target from staff_audit where biller_id = ? and action like 'autopay%'")
                .param(b.bid()).query(String.class).list()).containsExactly("carol autopay.enrol account 7201-1");
        assertThat(carol.get(account("7201-1")).body()).contains("Autopay is <strong>on</strong>");
    }

    @Test
    void aReadOnlyUserSeesNoWriteControlsAndIsRefusedEveryWrite() {
        String rita = staffUsers.create(admin, "rita", "rita@example.org", StaffRole.READ_ONLY, false).oneTimePassword();
        StaffHttp reader = signedIn("rita", rita);
        HttpResponse<String> page = reader.get(account("7201-1"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("7201-1").doesNotContain("id=\"pay-form\"").doesNotContain("id=\"autopay-form\"");
        String csrfPage = "/staff/" + b.bid() + "/password";
        for (String[] write : List.of(new String[] {account("7201-1") + "/payments", "key=k1&amount=40.00&" + card(VISA)},
                new String[] {account("7201-1") + "/autopay", "action=on&" + card(VISA)},
                new String[] {account("7201-1") + "/paperless", "enrolled=true"},
                new String[] {account("7201-1") + "/blocks", "blockAch=true"},
                new String[] {"/staff/" + b.bid() + "/cart", "account=7201-1&amount=40.00"},
                new String[] {"/staff/" + b.bid() + "/cart/pay", "key=k2&" + card(VISA)})) {
            HttpResponse<String> refused = reader.post(csrfPage, write[0], write[1]);
            assertThat(refused.statusCode()).as(write[0]).isEqualTo(403);
        }
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from autopay_enrolment where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from paperless_enrolment where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from account where biller_id = ? and staff_block_ach", b.bid())).isZero();
    }

    @Test
    void withSetting32OffACsrBlocksBankPaymentsWhichEveryPaymentThenObeysAndTheChangeIsAudited() {
        StaffHttp carol = signedIn("carol", carolPassword);
        assertThat(carol.get(account("7201-1")).body()).as("setting 32 defaults to read-only")
                .contains("cannot be changed here (setting 32)").doesNotContain("id=\"blocks-form\"");
        assertThat(carol.post(account("7201-1"), account("7201-1") + "/blocks", "blockAch=true").statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from account where biller_id = ? and staff_block_ach", b.bid())).isZero();

        billerService.setSetting(b.bid(), 32, IntNode.valueOf(0), "test");
        assertThat(carol.get(account("7201-1")).body()).contains("id=\"blocks-form\"");
        HttpResponse<String> bad = carol.post(account("7201-1"), account("7201-1") + "/blocks", "blockAch=yes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("blockAch: true or false");
        HttpResponse<String> saved = carol.post(account("7201-1"), account("7201-1") + "/blocks", "blockAch=true");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(jdbc.sql("select block_ach, staff_block_ach, staff_block_cc from account where biller_id = ? and account_number = '7201-1'")
                .param(b.bid()).query((rs, n) -> tuple(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).single())
                .as("the CIS's flag untouched, the staff's set").isEqualTo(tuple(false, true, false));
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target || ' ' || before::text || ' ' || after::text from staff_audit"
                + " where biller_id = ? and action = 'blocks.set'").param(b.bid()).query(String.class).list())
                .containsExactly("carol blocks.set account 7201-1 {\"blockCc\": false, \"blockAch\": false} {\"blockCc\": false, \"blockAch\": true}");
        assertThat(carol.get(account("7201-1")).body()).contains("bank payments <strong>blocked</strong> (by staff)")
                .contains("Card payments <strong>allowed</strong>");

        HttpResponse<String> byBank = carol.post(account("7201-1"), account("7201-1") + "/payments", "key=" + UUID.randomUUID()
                + "&amount=40.00&invoice=&method=ACH&routingNumber=021000021&bankAccount=000123456789&accountType=CHECKING");
        assertThat(byBank.statusCode()).isEqualTo(422);
        assertThat(byBank.body()).contains("bank account payments are not accepted for this account");
        assertThat(count("select count(*) from payment where biller_id = ?", b.bid())).as("nothing charged").isZero();
        assertThat(carol.post(account("7201-1"), account("7201-1") + "/payments", "key=" + UUID.randomUUID() + "&amount=40.00&invoice=&"
                + card(VISA)).statusCode()).as("cards still taken").isEqualTo(302);

        assertThat(carol.post(account("7201-1"), account("7201-1") + "/blocks", "").statusCode()).as("both boxes unticked").isEqualTo(302);
        assertThat(count("select count(*) from account where biller_id = ? and (staff_block_ach or staff_block_cc)", b.bid())).isZero();
        assertThat(count("select count(*) from staff_audit where biller_id = ? and action = 'blocks.set'", b.bid())).isEqualTo(2);
    }

    @Test
    void anotherBillersStaffSeeNothingOfThisBiller() {
        TestBiller other = newBiller();
        StaffUsers.IssuedPassword otherAdmin = staffUsers.createAdministrator(other.bid(), "olga", "olga@example.org");
        SignedInStaff olga = new SignedInStaff(other.bid(), otherAdmin.user().userId(), "olga", StaffRole.ADMINISTRATOR, false);
        String dan = staffUsers.create(olga, "dan", "dan@example.org", StaffRole.CSR, false).oneTimePassword();
        StaffHttp theirs = new StaffHttp(this::url, newAddress());
        theirs.signIn(other.bid(), "dan", dan, null, PASSWORD, clock);

        assertThat(theirs.get("/staff/" + other.bid() + "/accounts/7201-1").statusCode()).isEqualTo(404);
        assertThat(theirs.get("/staff/" + other.bid() + "/search?q=7201-1").body()).contains("id=\"no-results\"").doesNotContain("ann@example.org");
        assertThat(theirs.get("/staff/" + other.bid() + "/search?q=ann%40example.org").body()).contains("id=\"no-results\"");
        HttpResponse<String> here = theirs.get(account("7201-1"));
        assertThat(here.statusCode()).as("their session is not one of this biller's").isEqualTo(302);
        assertThat(here.headers().firstValue("Location").orElseThrow()).contains("/staff/" + b.bid() + "/sign-in");
    }

    @Test
    void theSearchAccountAndCartPagesPassAxeInABrowser() {
        String base = url("/staff/" + b.bid());
        signInStaff(b.bid(), "carol", carolPassword, PASSWORD);

        browser.get(base + "/search");
        browser.assertAccessible("staff search, empty");
        browser.fill("q", "7201-1");
        browser.click("search");
        assertThat(browser.text("results")).contains("7201-1");
        browser.assertAccessible("staff search results");
        browser.get(base + "/search?from=nope");
        assertThat(browser.text("search-error")).contains("from");
        browser.assertAccessible("staff search refused");
        browser.get(base + "/accounts/7201-1");
        assertThat(browser.text("customer-name")).isEqualTo("Pat Doe");
        browser.assertAccessible("staff account page");
        browser.click("add-to-cart");
        assertThat(browser.text("cart")).contains("7201-1");
        browser.assertAccessible("staff cart");
    }
}
