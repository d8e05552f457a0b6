package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape of a payment of several accounts (docs/payments.md, "Payments of several accounts"), as a table:
 * allocations are written {@code account=amount} separated by {@code |}; the field at fault is what the
 * refusal names for the payer.
 */
class PaymentAllocationRulesTest {

    private static final BigDecimal MAXIMUM = new BigDecimal("99999.99");

    private static List<PaymentRules.Share> shares(String text) {
        List<PaymentRules.Share> list = new ArrayList<>();
        if (text == null) {
            return list;
        }
        for (String part : text.split("\\|")) {
            if (part.equals("missing")) {
                list.add(null);
                continue;
            }
            String[] kv = part.split("=", -1);
            list.add(new PaymentRules.Share(kv[0].isEmpty() ? null : kv[0], kv[1].isEmpty() ? null : new BigDecimal(kv[1])));
        }
        return list;
    }

    @ParameterizedTest(name = "{0} for {1} -> {2} {3}")
    @CsvSource(nullValues = "none", value = {
            "1001-1=100.10|1002-1=32.00,     132.10,    none,                      none",
            "1001-1=132.1,                    132.10,    none,                      none",
            "1001-1=0.01|1002-1=0.02,         0.03,      none,                      none",
            "1001-1=100|1002-1=32,            132.00,    none,                      none",
            "1001-1=100.10|1002-1=32.00,      132.11,    allocations_do_not_add_up, amount",
            "1001-1=100.10|1002-1=32.00,      132.09,    allocations_do_not_add_up, amount",
            "1001-1=100.10|1002-1=32.00,      0,         amount_invalid,            amount",
            "1001-1=100.10|1002-1=32.00,      none,      amount_invalid,            amount",
            "1001-1=100000|1002-1=1,          100001,    amount_above_maximum,      amount",
            "none,                            10.00,     allocations_invalid,       allocations",
            "1001-1=5|missing,                10.00,     allocations_invalid,       allocations[1]",
            "1001-1=5|=5,                     10.00,     allocations_invalid,       allocations[1].accountNumber",
            "1001-1=5| =5,                    10.00,     allocations_invalid,       allocations[1].accountNumber",
            "1001-1=5|1001-1=5,               10.00,     allocations_invalid,       allocations[1].accountNumber",
            "1001-1=5| 1001-1=5,              10.00,     allocations_invalid,       allocations[1].accountNumber",
            "1001-1=10|1002-1=0,              10.00,     amount_invalid,            allocations[1].amount",
            "1001-1=9|1002-1=-1,              10.00,     amount_invalid,            allocations[1].amount",
            "1001-1=9.995|1002-1=0.005,       10.00,     amount_invalid,            allocations[0].amount",
            "1001-1=|1002-1=10,               10.00,     amount_invalid,            allocations[0].amount",
            "1001-1=1E+999999999|1002-1=1,    10.00,     allocations_do_not_add_up, allocations[0].amount",
    })
    void allocationsNameEachAccountOnceWithAPaymentAmountAndAddUpToTheTotal(String allocations, String total, String code,
            String field) {
        List<PaymentRules.Share> given = shares(allocations);
        BigDecimal amount = total == null ? null : new BigDecimal(total);
        if (code == null) {
            PaymentRules.checkAllocations(given, amount, MAXIMUM);
        } else {
            assertThatThrownBy(() -> PaymentRules.checkAllocations(given, amount, MAXIMUM))
                    .isInstanceOfSatisfying(PaymentRuleViolation.class, v -> {
                        assertThat(v.code()).isEqualTo(code);
                        assertThat(v.field()).isEqualTo(field);
                    });
        }
    }

    @Test
    void theRefusalSaysWhatTheAccountsAddUpTo() {
        assertThatThrownBy(() -> PaymentRules.checkAllocations(shares("1001-1=100.10|1002-1=32"), new BigDecimal("140"), MAXIMUM))
                .hasMessage("the accounts' amounts add up to 132.10, not the payment's amount of 140.00");
    }

    @Test
    void aPaymentPaysAtMostAHundredAccounts() {
        List<PaymentRules.Share> hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> new PaymentRules.Share("A" + i, BigDecimal.ONE))
                .toList();
        PaymentRules.checkAllocations(hundred, new BigDecimal("100"), MAXIMUM);
        List<PaymentRules.Share> more = new ArrayList<>(hundred);
        more.add(new PaymentRules.Share("A101", BigDecimal.ONE));
        assertThatThrownBy(() -> PaymentRules.checkAllocations(more, new BigDecimal("101"), MAXIMUM))
                .isInstanceOfSatisfying(PaymentRuleViolation.class, v -> assertThat(v.field()).isEqualTo("allocations"));
    }

    @Test
    void anAllocationsGuidIsStableDistinctAndNeverThePaymentsOwn() {
        UUID payment = UUID.fromString("e4deba7f-86e7-4850-8226-d6a2fbfb0ab6");
        assertThat(PaymentAllocation.guidOf(payment, 1)).isEqualTo(PaymentAllocation.guidOf(payment, 1))
                .isNotEqualTo(PaymentAllocation.guidOf(payment, 2)).isNotEqualTo(payment);
        assertThat(PaymentAllocation.guidOf(UUID.randomUUID(), 1)).isNotEqualTo(PaymentAllocation.guidOf(payment, 1));
    }
}
