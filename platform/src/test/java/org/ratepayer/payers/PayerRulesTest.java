package org.ratepayer.payers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of payer identity as tables (docs/payers.md). */
class PayerRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", delimiter = '|', value = {
            "/portal/2178                       | /portal/2178",
            "/portal/2178/                      | /portal/2178/",
            "/portal/2178/accounts/1001-1       | /portal/2178/accounts/1001-1",
            "/portal/2178/pay?account=1001-1    | /portal/2178/pay?account=1001-1",
            "/portal/2178?tab=bills             | /portal/2178?tab=bills",
            "none                               | /portal/2178",
            "''                                 | /portal/2178",
            "/portal/21789                      | /portal/2178",
            "/portal/3000/accounts              | /portal/2178",
            "https://evil.example/portal/2178   | /portal/2178",
            "//evil.example/portal/2178         | /portal/2178",
            "/portal/2178//evil.example         | /portal/2178",
            "/portal/2178/../../admin           | /portal/2178",
            "/portal/2178/..                    | /portal/2178",
            "/portal/2178/%2e%2e/admin          | /portal/2178",
            "/portal/2178\\\\evil               | /portal/2178",
            "/paynow/p/abc                      | /portal/2178",
            "javascript:alert(1)                | /portal/2178",
            "/portal/2178/a b                   | /portal/2178",
    })
    void aSignOnLandsOnlyInsideItsBillersPortal(String target, String landing) {
        assertThat(PayerRules.safeTarget(2178, target)).isEqualTo(landing);
    }

    @ParameterizedTest(name = "{0} other users, 74={1}, 78={2}, max {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            "0,  false, false, 15, none",
            "0,  true,  true,  1,  none",
            "1,  true,  true,  15, none",
            "14, true,  true,  15, none",
            "15, true,  true,  15, co_owner_limit",
            "1,  true,  true,  1,  co_owner_limit",
            "1,  false, true,  15, account_already_registered",
            "1,  true,  false, 15, account_already_registered",
    })
    void anAccountTakesCoOwnersOnlyAsItsBillerAllows(int others, boolean multiple, boolean coOwners, int max, String code) {
        assertThat(PayerRules.checkCoOwner("1001-1", others, multiple, coOwners, max).map(PayerRules.Violation::code))
                .isEqualTo(java.util.Optional.ofNullable(code));
    }

    @ParameterizedTest(name = "''{0}'' (minimum {1}) -> {2}")
    @CsvSource(nullValues = "none", value = {
            "correct horse battery, 12, none",
            "twelve chars, 12, none",
            "eleven char, 12, must be at least 12 characters",
            "'            ', 12, must not be only spaces",
            "none, 12, required",
            "'', 12, required",
            "eight ch, 8, none",
            "seven c, 8, must be at least 8 characters",
            "pässwörd€€€€, 12, none",
    })
    void aPasswordIsJudgedByItsLengthOnly(String password, int minimum, String message) {
        assertThat(PayerRules.checkPassword(password, minimum).map(PayerRules.Violation::message))
                .isEqualTo(java.util.Optional.ofNullable(message));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "none", value = {
            "member@example.org, true",
            "a.b+c@co-op.example, true",
            "member@localhost, false",
            "member, false",
            "@example.org, false",
            "member@, false",
            "a@b@example.org, false",
            "'mem ber@example.org', false",
            "none, false",
    })
    void anEmailAddressHasOneAtAndADomain(String email, boolean valid) {
        assertThat(PayerRules.checkEmail(email)).matches(v -> v.isEmpty() == valid);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "none", value = {
            "jsmith, true",
            "John Smith, true",
            "j.smith@example.org, true",
            "' jsmith', false",
            "'jsmith ', false",
            "none, false",
            "'', false",
    })
    void aUsernameIsAnyTextWithoutOuterSpaces(String username, boolean valid) {
        assertThat(PayerRules.checkUsername(username)).matches(v -> v.isEmpty() == valid);
    }
}
