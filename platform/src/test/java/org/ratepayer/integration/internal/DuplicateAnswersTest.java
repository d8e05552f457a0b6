package org.ratepayer.integration.internal;

import org.ratepayer.integration.internal.DuplicateAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ratepayer.cis.DuplicateKey;
import org.ratepayer.postings.Delivery;

/** What a CIS's duplicate answer to a payment means (docs/postings.md), as a table. */
class DuplicateAnswersTest {

    private static final DuplicateKey KEY = new DuplicateKey("SBXDUP",
            "advanced setting 131 Daffron.DataPumpConfigs.TransactionIdSource: PaymentGuid");
    private static final String ANSWER = "DUPLICATE: Duplicate transactionId SBXDUP: already posted as 17";

    private static DuplicateAnswers.OtherPayment other(int n) {
        return new DuplicateAnswers.OtherPayment(UUID.fromString("00000000-0000-0000-0000-00000000000" + n), "1001-" + n,
                new BigDecimal("120.50"), OffsetDateTime.parse("2026-12-04T10:15:30Z"));
    }

    private static List<DuplicateAnswers.OtherPayment> others(int n) {
        return IntStream.rangeClosed(1, Math.min(n, DuplicateAnswers.NAMED)).mapToObj(DuplicateAnswersTest::other).toList();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // other payments carrying the key, delivered?, what the recorded detail says, and does not
                Arguments.of(0, true, List.of(ANSWER), List.of("not posted")),
                Arguments.of(1, false, List.of("not posted", "duplicate of 'SBXDUP'",
                        "payment 00000000-0000-0000-0000-000000000001 (account 1001-1, 120.50, 2026-12-04T10:15:30Z) also carries",
                        "Set advanced setting 131 Daffron.DataPumpConfigs.TransactionIdSource: PaymentGuid", "retry this posting",
                        "The CIS said: " + ANSWER), List.of("more")),
                Arguments.of(3, false, List.of("payments 00000000-0000-0000-0000-000000000001", "000000000003 (account 1001-3",
                        "also carry"), List.of("more")),
                Arguments.of(40, false, List.of("000000000003 (account 1001-3, 120.50, 2026-12-04T10:15:30Z) and 37 more also carry"),
                        List.of("000000000004")));
    }

    @ParameterizedTest(name = "{0} other payments")
    @MethodSource("table")
    void aDuplicateIsDeliveredOnlyWhenNoOtherPaymentCarriesItsKey(int carriers, boolean delivered, List<String> says,
            List<String> saysNot) {
        Delivery d = DuplicateAnswers.judge(KEY, ANSWER, others(carriers), carriers);
        assertThat(d.delivered()).isEqualTo(delivered);
        assertThat(d.parkNow()).as("parked at once when not delivered: a retry gets the same answer").isEqualTo(!delivered);
        for (String say : says) {
            assertThat(d.detail()).contains(say);
        }
        for (String not : saysNot) {
            assertThat(d.detail()).doesNotContain(not);
        }
    }

    @Test
    void aTotalBelowThePaymentsGivenIsAMistakeOfTheCaller() {
        assertThatThrownBy(() -> DuplicateAnswers.judge(KEY, ANSWER, others(2), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
