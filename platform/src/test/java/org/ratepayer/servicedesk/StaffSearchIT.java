package org.ratepayer.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.Channel;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.servicedesk.account.AccountView;
import org.ratepayer.servicedesk.account.StaffAccounts;
import org.ratepayer.servicedesk.search.QueryShape.Kind;
import org.ratepayer.servicedesk.search.SearchFilter;
import org.ratepayer.servicedesk.search.SearchHit;
import org.ratepayer.servicedesk.search.SearchPage;
import org.ratepayer.servicedesk.search.StaffSearch;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The staff search box and the account page's read (docs/staff-search.md): each kind of text finds the right account,
 * invoice or payment; another biller's rows never appear, even under the same account numbers and names; pages follow
 * one another without repeats; the account page gathers what each module knows of the account.
 */
class StaffSearchIT extends PlatformIT {

    private static final String VISA = "4111111111111111";
    private static final String MASTERCARD = "5555555555554444";

    @Autowired
    StaffSearch search;

    @Autowired
    StaffAccounts accounts;

    private TestBiller a;
    private TestBiller other;

    private String pay(TestBiller biller, String channel, String account, String amount, String card) {
        Reply paid = send(request("/api/v1/billers/" + biller.bid() + "/payments").header("X-Api-Key", biller.apiKey())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"%s","accountNumber":"%s","amount":%s,"kioskId":"K1",
                         "card":{"number":"%s","expMonth":12,"expYear":2099,"cvv":"123","postalCode":"49331"}}"""
                        .formatted(channel, account, amount, card))));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        return paid.json().get("paymentGuid").asText();
    }

    private TestBiller billerWith(String... accountAndName) {
        TestBiller biller = newBiller();
        BifText file = new BifText(biller.guidText());
        for (int i = 0; i < accountAndName.length; i += 2) {
            String account = accountAndName[i];
            file.invoice("INV" + account.replace("-", "") + "01", account, "10/01/2026", "40.00",
                    account.replace("-", ".") + "@members.example.org");
        }
        assertThat(upload(biller, biller.webServiceKey(), "f.bif", file.text()).status()).isEqualTo(201);
        for (int i = 0; i < accountAndName.length; i += 2) {
            jdbc.sql("update account set customer_name = ? where biller_id = ? and account_number = ?")
                    .params(accountAndName[i + 1], biller.bid(), accountAndName[i]).update();
        }
        return biller;
    }

    @BeforeEach
    void twoBillersWithTheSameNumbersAndNames() {
        a = billerWith("7101-1", "Ann Lee", "7102-1", "Bo Leeson", "7103-1", "Cy Park");
        other = billerWith("7101-1", "Ann Lee", "7109-1", "Di Lee");
        jdbc.sql("update account set phone = '(616) 555-0142' where biller_id = ? and account_number = '7103-1'").param(a.bid()).update();
        jdbc.sql("update account set phone = '616.555.0142' where biller_id = ? and account_number = '7109-1'").param(other.bid()).update();
    }

    private List<SearchHit> find(TestBiller biller, String box) {
        return search.search(biller.bid(), box, SearchFilter.NONE, 1, 25).hits();
    }

    private static List<String> accountsOf(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::accountNumber).toList();
    }

    @Test
    void accountNumberFindsTheAccountOfThisBillerOnly() {
        List<SearchHit> hits = find(a, "7101-1");
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.matchedBy()).isEqualTo(Kind.ACCOUNT_NUMBER);
            assertThat(h.customerName()).isEqualTo("Ann Lee");
            assertThat(h.email()).isEqualTo("7101.1@members.example.org");
        });
        assertThat(find(a, "7109-1")).as("the other biller's account").isEmpty();
    }

    @Test
    void invoiceNumberFindsTheInvoiceAndItsAccount() {
        assertThat(find(a, "INV7102101")).singleElement().satisfies(h -> {
            assertThat(h.matchedBy()).isEqualTo(Kind.INVOICE_NUMBER);
            assertThat(h.accountNumber()).isEqualTo("7102-1");
            assertThat(h.invoice().invoiceNumber()).isEqualTo("INV7102101");
            assertThat(h.invoice().totalAmountDue()).isEqualByComparingTo("40.00");
        });
        assertThat(find(a, "INV7109101")).isEmpty();
    }

    @Test
    void paymentGuidAndApprovalCodeFindThePayment() {
        String guid = pay(a, "IVR", "7102-1", "40.00", VISA);
        String theirs = pay(other, "IVR", "7101-1", "40.00", VISA);
        String code = jdbc.sql("select approval_code from payment where payment_guid = ?").param(UUID.fromString(guid))
                .query(String.class).single();

        assertThat(find(a, guid.toUpperCase())).singleElement().satisfies(h -> {
            assertThat(h.matchedBy()).isEqualTo(Kind.PAYMENT_GUID);
            assertThat(h.accountNumber()).isEqualTo("7102-1");
            assertThat(h.payment().paymentGuid()).hasToString(guid);
            assertThat(h.payment().channel()).isEqualTo(Channel.IVR);
            assertThat(h.payment().last4()).isEqualTo("1111");
        });
        assertThat(find(a, theirs)).as("another biller's payment").isEmpty();
        assertThat(find(a, code)).filteredOn(h -> h.matchedBy() == Kind.CONFIRMATION).singleElement()
                .satisfies(h -> assertThat(h.payment().paymentGuid()).hasToString(guid));
    }

    @Test
    void lastFourFindsThePaymentsMadeWithTheCardAndTheirAccounts() {
        String visa = pay(a, "IVR", "7101-1", "40.00", VISA);
        pay(a, "KIOSK", "7103-1", "40.00", MASTERCARD);
        pay(other, "IVR", "7109-1", "40.00", VISA);

        for (String box : List.of("1111", "*1111", "ending in 1111")) {
            List<SearchHit> hits = find(a, box).stream().filter(h -> h.matchedBy() == Kind.LAST4).toList();
            assertThat(hits).as(box).singleElement().satisfies(h -> {
                assertThat(h.accountNumber()).isEqualTo("7101-1");
                assertThat(h.payment().paymentGuid()).hasToString(visa);
            });
        }
        assertThat(accountsOf(find(a, "4444"))).containsExactly("7103-1");
    }

    @Test
    void emailFromItsBeginningFindsTheAccount() {
        assertThat(find(a, "7102.1@MEMBERS.example.org")).singleElement().satisfies(h -> {
            assertThat(h.matchedBy()).isEqualTo(Kind.EMAIL);
            assertThat(h.accountNumber()).isEqualTo("7102-1");
        });
        assertThat(accountsOf(find(a, "7102.1@"))).containsExactly("7102-1");
        assertThat(find(a, "@members.example")).as("an account's address is matched from its beginning").isEmpty();
        assertThat(find(a, "7109.1@members")).isEmpty();
    }

    @Test
    void phoneHoweverWrittenFindsTheAccount() {
        for (String box : List.of("616-555-0142", "(616) 555 0142", "+1 616 555 0142", "6165550142")) {
            assertThat(find(a, box)).as(box).filteredOn(h -> h.matchedBy() == Kind.PHONE).singleElement()
                    .satisfies(h -> assertThat(h.accountNumber()).isEqualTo("7103-1"));
        }
    }

    @Test
    void nameOrItsLastWordFromTheBeginningFindsAccountsInNameOrder() {
        List<SearchHit> hits = find(a, "lee");
        assertThat(hits).extracting(SearchHit::matchedBy).containsOnly(Kind.NAME);
        assertThat(hits).extracting(SearchHit::customerName).containsExactly("Ann Lee", "Bo Leeson");
        assertThat(accountsOf(find(a, "Di Lee"))).as("the other biller's member").isEmpty();
        assertThat(accountsOf(find(a, "ann l"))).containsExactly("7101-1");
        assertThat(accountsOf(find(a, "PARK"))).containsExactly("7103-1");
        assertThat(find(a, "ee")).as("not from the middle of a word").isEmpty();
        assertThat(find(a, "an_ lee")).as("a wildcard is text").isEmpty();
    }

    @Test
    void filtersKeepOnlyWhatHasAMatchingPayment() {
        String ivr = pay(a, "IVR", "7101-1", "40.00", VISA);
        String kiosk = pay(a, "KIOSK", "7102-1", "40.00", VISA);
        jdbc.sql("update payment set created_at = ? where payment_guid = ?")
                .params(OffsetDateTime.parse("2026-11-02T15:00:00Z"), UUID.fromString(kiosk)).update();

        SearchPage kioskOnly = search.search(a.bid(), "", new SearchFilter(null, null, Channel.KIOSK, null, null), 1, 25);
        assertThat(kioskOnly.hits()).extracting(h -> h.payment().paymentGuid().toString()).containsExactly(kiosk);
        assertThat(accountsOf(search.search(a.bid(), "lee", new SearchFilter(null, null, Channel.IVR, null, null), 1, 25).hits()))
                .containsExactly("7101-1");
        // 2 November in the biller's zone (New York)
        SearchPage onTheDay = search.search(a.bid(), "1111", new SearchFilter(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2),
                null, null, null), 1, 25);
        assertThat(onTheDay.hits()).filteredOn(h -> h.payment() != null).extracting(h -> h.payment().paymentGuid().toString())
                .containsExactly(kiosk).doesNotContain(ivr);
    }

    @Test
    void pagesFollowOneAnotherWithoutRepeatsAndStopAtTheCap() {
        String[] many = new String[2 * 23];
        for (int i = 0; i < 23; i++) {
            many[2 * i] = "80" + String.format("%02d", i) + "-1";
            many[2 * i + 1] = "Smith " + (char) ('A' + i);
        }
        TestBiller smiths = billerWith(many);
        List<String> seen = new ArrayList<>();
        SearchPage page;
        int n = 0;
        do {
            page = search.search(smiths.bid(), "smith", SearchFilter.NONE, ++n, 10);
            seen.addAll(accountsOf(page.hits()));
        } while (page.hasNext());
        assertThat(n).isEqualTo(3);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("8000-1");

        assertThatThrownBy(() -> search.search(smiths.bid(), "smith", SearchFilter.NONE, 11, 100))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("page"));
        assertThatThrownBy(() -> search.search(smiths.bid(), "x".repeat(101), SearchFilter.NONE, 1, 10))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("q"));
        assertThatThrownBy(() -> search.search(smiths.bid(), "smith", new SearchFilter(LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 1), null, null, null), 1, 10))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void theAccountPageGathersWhatEachModuleKnows() {
        String byPhone = pay(a, "CSRWEB", "7101-1", "40.00", VISA);
        jdbc.sql("update payment set taken_by = 'carol' where payment_guid = ?").param(UUID.fromString(byPhone)).update();
        String online = pay(a, "IVR", "7101-1", "40.00", MASTERCARD);

        AccountView view = accounts.view(a.bid(), "7101-1").orElseThrow();
        assertThat(view.customer().customerName()).isEqualTo("Ann Lee");
        assertThat(view.invoices()).extracting(i -> i.invoiceNumber()).containsExactly("INV7101101");
        assertThat(view.payments()).extracting(p -> p.payment().paymentGuid().toString(), AccountView.Payment::takenBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(online, null), org.assertj.core.groups.Tuple.tuple(byPhone, "carol"));
        assertThat(view.autopay().enrolled()).isFalse();
        assertThat(view.paperless()).isFalse();
        assertThat(view.users()).isEmpty();
        assertThat(view.blockFlags().readOnly()).as("setting 32's default").isTrue();
        assertThat(view.balance()).isNotNull();

        assertThat(accounts.view(a.bid(), "7109-1")).as("the other biller's account").isEmpty();
        assertThat(search.search(a.bid(), byPhone, SearchFilter.NONE, 1, 10).hits()).singleElement()
                .satisfies(h -> assertThat(h.payment().takenBy()).isEqualTo("carol"));
    }
}
