package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** A payment's moves and what each state means to the pages (docs/payments.md), as a table. */
class PaymentStatusTest {

    @ParameterizedTest(name = "{0} may move to [{1}]")
    @CsvSource(delimiter = ';', value = {
            "INITIATED; APPROVED DECLINED ERROR UNKNOWN PENDING",
            "UNKNOWN;   APPROVED DECLINED ERROR PENDING",
            "PENDING;   APPROVED RETURNED VOIDED",
            "APPROVED;  SETTLED VOIDED REFUNDED RETURNED",
            "SETTLED;   REFUNDED RETURNED",
            "RETURNED;  ''",
            "DECLINED;  ''",
            "ERROR;     ''",
            "VOIDED;    ''",
            "REFUNDED;  ''",
    })
    void theOnlyMoves(PaymentStatus from, String to) {
        Set<PaymentStatus> allowed = Arrays.stream(to.trim().split("\\s+")).filter(s -> !s.isEmpty())
                .map(PaymentStatus::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(PaymentStatus.class)));
        for (PaymentStatus next : PaymentStatus.values()) {
            assertThat(from.canMoveTo(next)).as("%s -> %s", from, next).isEqualTo(allowed.contains(next));
            if (allowed.contains(next)) {
                assertThat(from.moveTo(next)).isEqualTo(next);
            } else {
                assertThatThrownBy(() -> from.moveTo(next)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("a payment cannot go from " + from + " to " + next);
            }
        }
    }

    @ParameterizedTest(name = "{0}: approved {1}, paid {5}, unsuccessful {2}, taken {3}, final {4}")
    @CsvSource({
            "INITIATED, false, false, true,  false, false",
            "UNKNOWN,   false, false, true,  false, false",
            "APPROVED,  true,  false, true,  true,  true",
            "SETTLED,   true,  false, true,  true,  true",
            "PENDING,   false, false, true,  true,  true",
            "RETURNED,  false, false, false, true,  false",
            "DECLINED,  false, true,  false, true,  false",
            "ERROR,     false, true,  false, true,  false",
            "VOIDED,    false, false, false, true,  false",
            "REFUNDED,  false, false, false, true,  false",
    })
    void whatEachStateMeans(PaymentStatus s, boolean approved, boolean unsuccessful, boolean taken, boolean finalOutcome,
            boolean paid) {
        assertThat(s.isApproved()).isEqualTo(approved);
        assertThat(s.isPaid()).isEqualTo(paid);
        assertThat(s.isUnsuccessful()).isEqualTo(unsuccessful);
        assertThat(s.isTaken()).isEqualTo(taken);
        assertThat(s.isFinalOutcome()).isEqualTo(finalOutcome);
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void everyStateIsInTheTables(PaymentStatus s) {
        assertThat(s.name()).isIn("INITIATED", "UNKNOWN", "APPROVED", "SETTLED", "DECLINED", "ERROR", "VOIDED", "REFUNDED",
                "PENDING", "RETURNED");
    }
}
