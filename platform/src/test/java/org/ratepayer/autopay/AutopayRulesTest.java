package org.ratepayer.autopay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.autopay.internal.AutopayRules;
import org.ratepayer.autopay.internal.AutopayRules.Past;
import org.ratepayer.autopay.internal.AutopayRules.Verdict;
import org.ratepayer.payments.Method;

/** Who autopay charges on a date, and how much (docs/autopay.md), as tables. */
class AutopayRulesTest {

    private static final LocalDate D = LocalDate.of(2026, 12, 1);

    /**
     * past: attempts before this run, oldest first, each OUTCOME@days-from-D (e.g. FAILED@-1); expiry YYYY-MM or -.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "collected today;                          0;  -30; CARD; -;       ;                         DUE",
            "collected yesterday, not yet tried;       -1; -30; CARD; -;       ;                         DUE",
            "collected tomorrow;                       1;  -30; CARD; -;       ;                         NOT_YET",
            "enrolled the day it is collected;         0;  0;   CARD; -;       ;                         DUE",
            "overdue before enrolment;                 -3; -1;  CARD; -;       ;                         DONE",
            "already approved or in progress;          0;  -30; CARD; -;       LIVE_OR_APPROVED@0;       DONE",
            "not charged for good;                     -1; -30; CARD; -;       SKIPPED@-1;               DONE",
            "declined today: next try tomorrow;        0;  -30; CARD; -;       FAILED@0;                 NOT_YET",
            "declined yesterday: retried today;        -1; -30; CARD; -;       FAILED@-1;                DUE",
            "second decline: 3 days after the first;   -2; -30; CARD; -;       FAILED@-2,FAILED@-1;      NOT_YET",
            "third try on day 3;                       -3; -30; CARD; -;       FAILED@-3,FAILED@-2;      DUE",
            "retries spent;                            -5; -30; CARD; -;       FAILED@-5,FAILED@-4,FAILED@-2; DONE",
            "CIS unreachable earlier today: retried;   0;  -30; CARD; -;       CIS_UNREACHABLE@0;        DUE",
            "CIS unreachable on a day not yet closed;  -1; -30; CARD; -;       CIS_UNREACHABLE@-1;       DONE",
            "abandoned before paying: tried again;     0;  -30; CARD; -;       ABANDONED@0;              DUE",
            "card expired last month;                  0;  -30; CARD; 2026-11; ;                         CARD_EXPIRED",
            "card expires this month;                  0;  -30; CARD; 2026-12; ;                         DUE",
            "bank account has no expiry;               0;  -30; ACH;  -;       ;                         DUE",
            "expired card not yet collected;           2;  -30; CARD; 2026-11; ;                         NOT_YET",
    })
    void whoIsDue(String name, int collectIn, int enrolledIn, Method method, String expiry, String past, Verdict expected) {
        List<AutopayRules.PastAttempt> attempts = new ArrayList<>();
        if (past != null) {
            for (String p : past.split(",")) {
                String[] parts = p.strip().split("@");
                attempts.add(new AutopayRules.PastAttempt(Past.valueOf(parts[0]), D.plusDays(Integer.parseInt(parts[1]))));
            }
        }
        AutopayRules.Candidate c = new AutopayRules.Candidate(D, D.plusDays(collectIn), D.plusDays(enrolledIn), method,
                "-".equals(expiry) ? null : YearMonth.parse(expiry), AutopayRules.DEFAULT_RETRY_DAYS, attempts);
        assertThat(AutopayRules.due(c)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "live balance is charged as it is;  120.50; cis;      false; false; CARD; ;       120.50; ",
            "a cached CIS answer is live;       80.00;  cached;   false; false; ACH;  ;       80.00;  ",
            "within the payer's maximum;        150.00; cis;      false; false; CARD; 150.00; 150.00; ",
            "above the payer's maximum;         150.01; cis;      false; false; CARD; 150.00; ;       above_maximum",
            "zero balance;                      0.00;   cis;      false; false; CARD; ;       ;       no_balance",
            "a credit;                          -15.50; cis;      false; false; CARD; ;       ;       no_balance",
            "cards blocked;                     50.00;  cis;      false; true;  CARD; ;       ;       method_blocked",
            "bank blocked;                      50.00;  cis;      true;  false; ACH;  ;       ;       method_blocked",
            "bank blocked, paying by card;      50.00;  cis;      true;  false; CARD; ;       50.00;  ",
            "a fallback balance is never charged; 50.00; fallback; false; false; CARD; ;      ;       cis_unreachable",
    })
    void whatIsCharged(String name, BigDecimal balance, String source, boolean blockAch, boolean blockCc, Method method,
            BigDecimal maximum, BigDecimal charged, String reason) {
        AutopayRules.Charge c = AutopayRules.charge(new AutopayRules.Balance(balance, source, blockAch, blockCc, method, maximum));
        assertThat(c.amount()).as(name).isEqualTo(charged);
        assertThat(c.reason()).as(name).isEqualTo(reason);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = ';', value = {
            "'';        1,3",
            "2,5,9;     2,5,9",
            "' 1 , 3 '; 1,3",
            "none;      ''",
            "3,1;       1,3",
            "0,2;       1,3",
            "x;         1,3",
    })
    void retrySetting(String setting, String days) {
        List<Integer> expected = days.isEmpty() ? List.of() : java.util.Arrays.stream(days.split(",")).map(Integer::valueOf).toList();
        assertThat(AutopayRules.retryDays(setting)).isEqualTo(expected);
    }

    @Test
    void nextRetryCountsFromTheFirstFailure() {
        assertThat(AutopayRules.nextRetry(D, 1, List.of(1, 3))).isEqualTo(D.plusDays(1));
        assertThat(AutopayRules.nextRetry(D, 2, List.of(1, 3))).isEqualTo(D.plusDays(3));
        assertThat(AutopayRules.nextRetry(D, 3, List.of(1, 3))).isNull();
    }

    /**
     * Option 128 (docs/autopay.md, "Custom10 groups"). due: the due accounts in run order, each account:custom10:token
     * (custom10 may be empty or blank); groups: the charges, | between them, accounts of one charge joined by +.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "option off: each alone;                   false; a:G1:t, b:G1:t, c:G1:t;             a|b|c",
            "shared Custom10 and method: one charge;   true;  a:G1:t, b:G1:t, c:G1:t, d:G2:t;     a+b+c|d",
            "a group of one is charged alone;          true;  a:G1:t, b:G2:t;                     a|b",
            "blank Custom10 groups nothing;            true;  a::t, b::t, c: :t, d: :t;           a|b|c|d",
            "the full value: a prefix is another group; true; a:100-1:t, b:100-2:t, c:100-1:t;    a+c|b",
            "case matters (the full value as sent);    true;  a:g1:t, b:G1:t;                     a|b",
            "another method: charged apart;            true;  a:G1:t, b:G1:u, c:G1:t;             a+c|b",
            "groups in the order of their first;       true;  a:G2:t, b:G1:t, c:G2:t, d:G1:t;     a+c|b+d",
    })
    void custom10Groups(String name, boolean option128, String due, String groups) {
        List<AutopayRules.Member> members = java.util.Arrays.stream(due.split(",")).map(String::stripLeading).map(m -> m.split(":", -1))
                .map(m -> new AutopayRules.Member(m[0], m[1], m[2])).toList();
        String charges = String.join("|", AutopayRules.groups(members, option128).stream()
                .map(g -> String.join("+", g.stream().map(AutopayRules.Member::accountNumber).toList())).toList());
        assertThat(charges).isEqualTo(groups);
    }
}
