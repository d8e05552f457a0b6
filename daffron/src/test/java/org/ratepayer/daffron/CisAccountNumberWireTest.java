package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.cis.AccountParts;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.CisPosting.ScheduledPayment.Change;
import org.ratepayer.cis.CisPosting.Tender;
import org.ratepayer.cis.LiveBalance;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.cis.PostingResult.Status;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.multispeak.TappedClients;
import org.ratepayer.multispeak.WireTap;
import org.ratepayer.multispeak.XmlShape;

/**
 * Golden tests of setting 1006 (docs/cis-account-number.md): account 1001-1, whose latest invoice has
 * Custom2 1001 and Custom3 1, goes to Daffron as {@code 1001-1} by default and as {@code 1001001} under
 * CUSTOM2_CUSTOM3:3, in every call the connector makes. Each message is checked against the official
 * MultiSpeak schema by {@link TappedClients}.
 */
class CisAccountNumberWireTest {

    private static final String USER = "InvoiceCloud";
    private static final String PASSWORD = "pump-secret";
    private static final String ACCOUNT = "1001-1";
    private static final AccountParts PARTS = new AccountParts("1001", "1");
    @RegisterExtension
    static final TappedClients CLIENTS = new TappedClients();
    private static final WireTap TAP = CLIENTS.tap();
    private static CisSimulator cis;
    private static DaffronConnector connector;

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0).credentials(USER, PASSWORD).build().start();
        connector = new DaffronConnector(CLIENTS.factory());
    }

    @AfterAll
    static void stop() {
        cis.close();
    }

    @BeforeEach
    void reset() {
        cis.state().reset();
    }

    /** Every endpoint (refresh and the three data pumps) on the simulator, plus setting 1006 when given. */
    private static CisBiller biller(String setting1006) {
        Map<Integer, String> settings = new HashMap<>();
        settings.put(DaffronSettings.RTDR_URL, cis.cbUrl());
        settings.put(DaffronSettings.RTDR_USER, USER);
        settings.put(DaffronSettings.RTDR_PASSWORD, PASSWORD);
        if (setting1006 != null) {
            settings.put(DaffronSettings.CIS_ACCOUNT_NUMBER, setting1006);
        }
        return TestPostings.biller(cis.cbUrl(), USER, PASSWORD, settings);
    }

    private static String sentBody() {
        assertThat(TAP.sent()).hasSize(1);
        return XmlShape.body(TAP.lastSent());
    }

    @ParameterizedTest(name = "setting 1006 {0}: {1}")
    @CsvSource(nullValues = "unset", value = {"unset, 1001-1", "AS_IN_FILE, 1001-1", "CUSTOM2_CUSTOM3:3, 1001001",
            "custom2_custom3:5, 100100001", "CUSTOM2_CUSTOM3:1, 10011"})
    void payment(String setting, String wire) {
        CisPosting.Payment payment = new CisPosting.Payment(UUID.randomUUID(), ACCOUNT, TestPostings.SEED_PAYMENT_GUID,
                Tender.CARD, new BigDecimal("232.10"), TestPostings.SEED_APPROVAL, 0, null, false, PARTS);

        List<PostingResult> results = connector.post(biller(setting), List.of(payment));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.commitPayment("creditCardPayment", wire, "232.1", "WEB",
                SeedMessages.extension("transactionId", TestPostings.SEED_APPROVAL))));
        assertThat(results).extracting(PostingResult::status).containsExactly(Status.POSTED);
    }

    @ParameterizedTest(name = "setting 1006 {0}: {1}")
    @CsvSource(nullValues = "unset", value = {"unset, 1001-1", "CUSTOM2_CUSTOM3:3, 1001001"})
    void paperless(String setting, String wire) {
        List<PostingResult> results = connector.post(biller(setting),
                List.of(new CisPosting.Paperless(UUID.randomUUID(), ACCOUNT, true, PARTS)));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.ebill(wire, "Y")));
        assertThat(results).extracting(PostingResult::status).containsExactly(Status.POSTED);
        assertThat(cis.state().paperless(wire)).hasValue("Y");
    }

    @ParameterizedTest(name = "setting 1006 {0}: {1}")
    @CsvSource(nullValues = "unset", value = {"unset, 1001-1", "CUSTOM2_CUSTOM3:3, 1001001"})
    void autopayComment(String setting, String wire) {
        connector.post(biller(setting), List.of(new CisPosting.Autopay(UUID.randomUUID(), ACCOUNT, "321045080002", true,
                TestPostings.SEED_LOG_TIME, PARTS)));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.historyComment(wire, "321045080002",
                "2020-08-06T00:01:32-05:00", "AUTOPAY ON")));
    }

    @ParameterizedTest(name = "setting 1006 {0}: {1}")
    @CsvSource(nullValues = "unset", value = {"unset, 1001-1", "CUSTOM2_CUSTOM3:3, 1001001"})
    void scheduledPaymentComment(String setting, String wire) {
        connector.post(biller(setting), List.of(new CisPosting.ScheduledPayment(UUID.randomUUID(), ACCOUNT, "321045080002",
                Change.CREATED, LocalDate.of(2024, 8, 15), new BigDecimal("156.25"), "121940013401",
                TestPostings.SEED_LOG_TIME, PARTS)));

        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.historyComment(wire, "321045080002",
                "2020-08-06T00:01:32-05:00", "SCHED_PAY 08152024 156.25 121940013401")));
    }

    @ParameterizedTest(name = "setting 1006 {0}: {1}")
    @CsvSource(nullValues = "unset", value = {"unset, 1001-1", "CUSTOM2_CUSTOM3:3, 1001001"})
    void balanceRefresh(String setting, String wire) {
        cis.state().putAccount(CisAccount.of(wire, PayableCharge.of("Electric", "42.50", "0")));

        LiveBalance balance = connector.balance(biller(setting), ACCOUNT, PARTS);

        assertThat(sentBody()).isEqualTo(XmlShape.of("""
                <GetPayableItemsList xmlns="http://www.multispeak.org/Version_3.0">
                  <accountNumber>%s</accountNumber>
                </GetPayableItemsList>""".formatted(wire)));
        assertThat(balance.accountNumber()).as("the platform's own name for the account").isEqualTo(ACCOUNT);
        assertThat(balance.balanceDue()).isEqualByComparingTo("42.50");
    }

    @Test
    void anAccountWithoutBaseAndSubFailsItsPostingByNameAndOthersStillGo() {
        CisPosting.Paperless unknown = new CisPosting.Paperless(UUID.randomUUID(), "2002-7", true);
        CisPosting.Paperless known = new CisPosting.Paperless(UUID.randomUUID(), ACCOUNT, false, PARTS);

        List<PostingResult> results = connector.post(biller("CUSTOM2_CUSTOM3:3"), List.of(unknown, known));

        assertThat(results.get(0)).isEqualTo(PostingResult.failed(unknown.postingId(), "account 2002-7 has no Custom2 "
                + "(base account number) on its latest invoice, which advanced setting 1006 (CIS account number) "
                + "(CUSTOM2_CUSTOM3:3) needs"));
        assertThat(results.get(1).status()).isEqualTo(Status.POSTED);
        assertThat(sentBody()).isEqualTo(XmlShape.of(SeedMessages.ebill("1001001", "N")));
    }

    @Test
    void anItemTheCisRefusesIsMatchedByTheNumberItWasSent() {
        cis.state().refusePostings("1001001", "Account 1001001 is inactive");
        CisPosting.Paperless refused = new CisPosting.Paperless(UUID.randomUUID(), ACCOUNT, true, PARTS);
        CisPosting.Paperless other = new CisPosting.Paperless(UUID.randomUUID(), "1002-2", true, new AccountParts("1002", "2"));

        List<PostingResult> results = connector.post(biller("CUSTOM2_CUSTOM3:3"), List.of(refused, other));

        assertThat(results).extracting(PostingResult::postingId, PostingResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(refused.postingId(), Status.FAILED),
                org.assertj.core.groups.Tuple.tuple(other.postingId(), Status.POSTED));
        assertThat(results.get(0).detail()).contains("Account 1001001 is inactive");
        assertThat(cis.state().paperless("1002002")).hasValue("Y");
    }

    @Test
    void aSubLongerThanItsWidthIsNeverCut() {
        CisPosting.Paperless wide = new CisPosting.Paperless(UUID.randomUUID(), "1001-1234", true,
                new AccountParts("1001", "1234"));

        assertThat(connector.post(biller("CUSTOM2_CUSTOM3:3"), List.of(wide))).singleElement()
                .isEqualTo(PostingResult.failed(wide.postingId(), "account 1001-1234: Custom3 (sub account number) '1234' "
                        + "has more than the 3 digits advanced setting 1006 (CIS account number) (CUSTOM2_CUSTOM3:3) pads it to"));
        assertThat(TAP.sent()).isEmpty();
    }

    @Test
    void anInvalidSettingIsNotConfiguredForEveryCallAndNamesTheSetting() {
        CisBiller bad = biller("CUSTOM2+CUSTOM3");
        String message = "advanced setting 1006 (CIS account number): 'CUSTOM2+CUSTOM3' is neither AS_IN_FILE nor "
                + "CUSTOM2_CUSTOM3:N with N from 1 to 9 (e.g. CUSTOM2_CUSTOM3:3)";

        assertThatThrownBy(() -> connector.post(bad, List.of(new CisPosting.Paperless(UUID.randomUUID(), ACCOUNT, true,
                PARTS)))).isInstanceOfSatisfying(CisException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CisException.Kind.NOT_CONFIGURED);
                    assertThat(e.getMessage()).isEqualTo("biller 2661: " + message);
                });
        assertThatThrownBy(() -> connector.balance(bad, ACCOUNT, PARTS)).isInstanceOfSatisfying(CisException.class, e -> {
            assertThat(e.kind()).isEqualTo(CisException.Kind.NOT_CONFIGURED);
            assertThat(e.getMessage()).isEqualTo("biller 2661: " + message);
        });
        assertThat(TAP.sent()).isEmpty();
    }
}
