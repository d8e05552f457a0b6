package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.notifications.internal.AccountEmails;
import org.ratepayer.notifications.internal.EmailKind;
import org.ratepayer.notifications.internal.NoticeRules;
import org.ratepayer.notifications.internal.RetryPolicy;

/** The notices' decisions as tables (docs/notices.md). */
class NoticeRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 10);

    private static LocalDate day(String offset) {
        return offset == null || offset.isBlank() ? null : TODAY.plusDays(Integer.parseInt(offset.trim()));
    }

    @ParameterizedTest(name = "first {0}, second {1}, third {2} days from today: reminder {3}")
    @CsvSource(nullValues = "none", value = {
            // notify dates as days from today; the reminder due today, 0 for none
            "0,    5,    10,   1",
            "-1,   5,    10,   1",   // missed yesterday: caught up
            "-3,   5,    10,   1",   // three days late: still caught up
            "-4,   5,    10,   0",   // four days late: too late, nothing
            "-5,   0,    10,   2",
            "-5,   -1,   10,   2",   // first and second both passed: the latest only, never two
            "-10,  -2,   -1,   3",
            "-10,  -5,   -4,   0",   // the latest passed more than three days ago
            "1,    5,    10,   0",   // not yet
            "none, none, 0,    3",   // only a third date
            "none, none, none, 0",
            "0,    0,    none, 2",   // the same day twice: the later reminder
    })
    void whichReminderIsDue(String first, String second, String third, int expected) {
        Optional<Integer> due = NoticeRules.dueReminder(TODAY, day(first), day(second), day(third));
        assertThat(due.orElse(0)).isEqualTo(expected);
    }

    private static final OffsetDateTime IMPORTED = OffsetDateTime.parse("2026-12-01T08:00:00Z");

    @ParameterizedTest(name = "{0}, autopay {1}, balance {2} refreshed {3} h after import: owed {4}")
    @CsvSource(nullValues = "none", value = {
            "OPEN,           false, none,   none, true",
            "PARTIALLY_PAID, false, none,   none, true",
            "PAID,           false, none,   none, false",
            "SUPERSEDED,     false, none,   none, false",
            "OPEN,           true,  none,   none, false",   // autopay pays it
            "OPEN,           false, 0.00,   2,    false",   // paid since the import
            "OPEN,           false, -5.00,  2,    false",   // in credit since the import
            "OPEN,           false, 12.00,  2,    true",
            "OPEN,           false, 0.00,   -2,   true",    // a zero balance from before this bill says nothing of it
    })
    void whetherABillStillNeedsItsReminder(String status, boolean autopay, String balance, String hoursAfter, boolean owed) {
        OffsetDateTime refreshed = hoursAfter == null ? null : IMPORTED.plusHours(Integer.parseInt(hoursAfter));
        assertThat(NoticeRules.reminderOwed(status, autopay, balance == null ? null : new BigDecimal(balance), refreshed, IMPORTED))
                .isEqualTo(owed);
    }

    @ParameterizedTest(name = "today {0}, card {1}/{2}: expires soon {3}")
    @CsvSource({
            "2026-12-01, 12, 2026, true",    // works until Dec 31: 30 days away
            "2026-12-01, 1,  2027, false",   // Jan 31: 61 days away
            "2027-01-01, 1,  2027, true",    // Jan 31: 30 days away
            "2026-11-30, 12, 2026, false",   // Dec 31 is 31 days away
            "2026-12-31, 12, 2026, true",    // its last day
            "2027-01-01, 12, 2026, false",   // already expired: nothing to warn of
            "2027-01-29, 2,  2027, true",    // Feb 28: 30 days away
            "2027-01-28, 2,  2027, false",   // 31 days away
    })
    void cardExpiryWindow(String today, int month, int year, boolean soon) {
        assertThat(NoticeRules.expiresSoon(LocalDate.parse(today), month, year)).isEqualTo(soon);
    }

    @ParameterizedTest(name = "users {0}, account {1}, paperless {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "a@example.com,               own@example.com, false, a@example.com",
            "a@example.com,               own@example.com, true,  a@example.com;own@example.com",
            "none,                        own@example.com, true,  own@example.com",
            "none,                        own@example.com, false, none",
            "A@example.com;a@EXAMPLE.com, a@example.com,   true,  A@example.com",
            "not-an-address,              none,            true,  none",
    })
    void whoIsToldABillIsReady(String users, String own, boolean paperless, String expected) {
        assertThat(NoticeRules.billReadyRecipients(list(users), own, paperless)).isEqualTo(list(expected));
    }

    @ParameterizedTest(name = "users {0}, account {1} cc {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "a@example.com, own@example.com, cc@example.com, a@example.com;own@example.com;cc@example.com",
            "none,          own@example.com, none,           own@example.com",
            "none,          none,            none,           none",
            "own@example.com, OWN@example.com, none,         own@example.com",
    })
    void whoIsReminded(String users, String own, String cc, String expected) {
        assertThat(NoticeRules.reminderRecipients(list(users), new AccountEmails(own, cc))).isEqualTo(list(expected));
    }

    @ParameterizedTest(name = "{0} attempt {1} failed: next after {2}")
    @CsvSource(nullValues = "none", value = {
            "RECEIPT,          1, PT1M",
            "RECEIPT,          2, PT5M",
            "BILL_READY,       3, PT30M",
            "REMINDER_1,       4, PT2H",
            "AUTOPAY_RECEIPT,  5, PT12H",
            "RECEIPT,          6, none",   // given up: stays FAILED
            "PASSWORD_LINK,    1, none",   // its history copy has no link to send again
            "CO_OWNER_INVITATION, 1, none",
            "CONVERSION_REREGISTER, 1, none",
    })
    void retrySchedule(EmailKind kind, int attempt, String wait) {
        assertThat(RetryPolicy.after(kind, attempt)).isEqualTo(Optional.ofNullable(wait).map(Duration::parse));
    }

    private static List<String> list(String s) {
        return s == null ? List.of() : Arrays.stream(s.split(";")).map(String::trim).toList();
    }
}
