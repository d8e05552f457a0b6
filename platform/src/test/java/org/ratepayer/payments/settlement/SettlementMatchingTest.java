package org.ratepayer.payments.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.PaymentGateway.Settlement;
import org.ratepayer.payments.settlement.SettlementMatching.Ours;
import org.ratepayer.payments.settlement.SettlementMatching.Plan;

/**
 * The settlement rule as a table (docs/settlement.md): ours is "id:STATUS:total" with a trailing ":day" when the payment
 * was approved during the settled business day, theirs is "id:amount"; the answer lists the payments moved to SETTLED,
 * those settled before, and the mismatches as "KIND:id".
 */
class SettlementMatchingTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("the day's approved payments funded as charged settle", "1:APPROVED:11.95:day 2:APPROVED:20.50:day",
                        "1:11.95 2:20.50", "1 2", "", ""),
                Arguments.of("nothing either side", "", "", "", "", ""),
                Arguments.of("approved during the day, not funded", "1:APPROVED:11.95:day 2:APPROVED:5.00:day", "1:11.95", "1", "",
                        "APPROVED_HERE_UNKNOWN_THERE:2"),
                Arguments.of("approved on another day and not funded is not this day's concern", "1:APPROVED:11.95", "", "", "", ""),
                Arguments.of("approved on another day but funded now settles (a late funding)", "1:APPROVED:11.95", "1:11.95", "1", "",
                        ""),
                Arguments.of("funded, no such payment here", "", "9:3.00", "", "", "SETTLED_THERE_UNKNOWN_HERE:9"),
                Arguments.of("funded, declined here", "1:DECLINED:11.95:day", "1:11.95", "", "", "SETTLED_THERE_UNKNOWN_HERE:1"),
                Arguments.of("funded, voided here", "1:VOIDED:11.95", "1:11.95", "", "", "SETTLED_THERE_UNKNOWN_HERE:1"),
                Arguments.of("funded, outcome still unknown here", "1:UNKNOWN:11.95", "1:11.95", "", "", "SETTLED_THERE_UNKNOWN_HERE:1"),
                Arguments.of("funded for another amount: settles, and the difference is reported", "1:APPROVED:11.95:day", "1:10.95",
                        "1", "", "AMOUNT_DIFFERS:1"),
                Arguments.of("amounts equal at another scale match", "1:APPROVED:11.9:day", "1:11.90", "1", "", ""),
                Arguments.of("settled before (a rerun elsewhere) is counted, not moved", "1:SETTLED:11.95", "1:11.95", "", "1", ""),
                Arguments.of("refunded since it settled is counted, not moved", "1:REFUNDED:11.95", "1:11.95", "", "1", ""),
                Arguments.of("a bank payment funded before its confirmation came settles (the funding confirms it)",
                        "1:PENDING:40.00", "1:40.00", "1", "", ""),
                Arguments.of("a pending bank payment not funded yet is nobody's mismatch", "1:PENDING:40.00", "", "", "", ""),
                Arguments.of("a charge listed twice is funded once", "1:APPROVED:11.95:day", "1:11.95 1:11.95", "1", "", ""),
                Arguments.of("every kind at once", "1:APPROVED:1.00:day 2:APPROVED:2.00:day 3:APPROVED:3.00:day 4:ERROR:4.00:day",
                        "1:1.00 3:3.50 4:4.00 5:5.00", "1 3", "",
                        "SETTLED_THERE_UNKNOWN_HERE:4 SETTLED_THERE_UNKNOWN_HERE:5 AMOUNT_DIFFERS:3 APPROVED_HERE_UNKNOWN_THERE:2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void matches(String situation, String ours, String theirs, String settles, String settledBefore, String mismatches) {
        Plan plan = SettlementMatching.match(ours(ours), theirs(theirs));

        assertThat(plan.toSettle().stream().map(s -> id(s.guid())).toList()).isEqualTo(words(settles));
        assertThat(plan.alreadySettled().stream().map(s -> id(s.guid())).toList()).isEqualTo(words(settledBefore));
        assertThat(plan.mismatches().stream().map(m -> m.kind() + ":" + id(m.paymentGuid())).sorted().toList())
                .isEqualTo(words(mismatches).stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aMismatchCarriesBothAmountsWhereThereAreTwo(String situation, String ours, String theirs, String settles, String settledBefore,
            String mismatches) {
        for (Mismatch m : SettlementMatching.match(ours(ours), theirs(theirs)).mismatches()) {
            switch (m.kind()) {
                case APPROVED_HERE_UNKNOWN_THERE -> assertThat(m.ourAmount()).isNotNull().satisfies(a -> assertThat(m.theirAmount()).isNull());
                case AMOUNT_DIFFERS -> assertThat(m.ourAmount()).isNotEqualByComparingTo(m.theirAmount());
                case SETTLED_THERE_UNKNOWN_HERE -> assertThat(m.theirAmount()).isNotNull();
            }
        }
    }

    private static List<Ours> ours(String table) {
        List<Ours> out = new ArrayList<>();
        for (String w : words(table)) {
            String[] f = w.split(":");
            out.add(new Ours(Long.parseLong(f[0]), guid(f[0]), PaymentStatus.valueOf(f[1]), new BigDecimal(f[2]), f.length > 3));
        }
        return out;
    }

    private static List<Settlement> theirs(String table) {
        return words(table).stream().map(w -> w.split(":")).map(f -> new Settlement(guid(f[0]), new BigDecimal(f[1]), "ref_" + f[0]))
                .toList();
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static UUID guid(String id) {
        return new UUID(0, Long.parseLong(id));
    }

    private static String id(UUID guid) {
        return Long.toString(guid.getLeastSignificantBits());
    }
}
