package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.shared.web.Refusal;

/** What amount can be a payment at all, against the biller's maximum single payment (setting 1005, docs/payments.md). */
class PaymentRulesTest {

    @ParameterizedTest(name = "{0} with maximum {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "92.94,             99999.99,  none",
            "0.01,              99999.99,  none",
            "99999.99,          99999.99,  none",
            "10.50000,          99999.99,  none",
            "1E+2,              99999.99,  none",
            "100000.00,         150000.00, none",
            "100000.00,         99999.99,  amount_above_maximum",
            "1000000,           99999.99,  amount_above_maximum",
            "99999999999999.99, 99999.99,  amount_above_maximum",
            "1E+20,             99999.99,  amount_above_maximum",
            "1E+999999999,      99999.99,  amount_above_maximum",
            "10E+2147483647,    99999.99,  amount_above_maximum",
            "150000.01,         150000.00, amount_above_maximum",
            "0,                 99999.99,  amount_invalid",
            "0.00,              99999.99,  amount_invalid",
            "-5,                99999.99,  amount_invalid",
            "-1E+20,            99999.99,  amount_invalid",
            "1.005,             99999.99,  amount_invalid",
            "1E-5,              99999.99,  amount_invalid",
            "1E-999999999,      99999.99,  amount_invalid",
            "none,              99999.99,  amount_invalid",
    })
    void anAmountIsMoreThanZeroInWholeCentsAndAtMostTheBillersMaximum(String amount, String maximum, String violation) {
        BigDecimal given = amount == null ? null : new BigDecimal(amount);
        if (violation == null) {
            PaymentRules.checkAmount(given, new BigDecimal(maximum));
        } else {
            assertThatThrownBy(() -> PaymentRules.checkAmount(given, new BigDecimal(maximum)))
                    .isInstanceOfSatisfying(PaymentRuleViolation.class, v -> {
                        assertThat(v.code()).isEqualTo(violation);
                        assertThat(v.field()).isEqualTo("amount");
                    });
        }
    }

    @Test
    void theRefusalNamesTheMaximumInDollarsAndCents() {
        assertThatThrownBy(() -> PaymentRules.checkAmount(new BigDecimal("200000"), new BigDecimal("150000")))
                .hasMessage("the amount is more than this biller's maximum payment of 150000.00");
    }

    private static PaymentRules.Attempt attempt(String amount, String balanceDue, String maximum) {
        PaymentRules.PayableInvoice bill = new PaymentRules.PayableInvoice("INV-1", "OPEN", LocalDate.of(2026, 10, 1),
                new BigDecimal("92.94"), false, null, null, null, null);
        return new PaymentRules.Attempt(List.of(bill), null, new BigDecimal(amount), Method.CARD, new BigDecimal(balanceDue),
                false, false, true, null, LocalDate.of(2026, 10, 10), new BigDecimal(maximum));
    }

    @ParameterizedTest(name = "{0} on a balance of {1}, maximum {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "92.94,   92.94, 99999.99, none",
            "500.00,  92.94, 99999.99, none",
            "1000000, 92.94, 99999.99, amount_above_maximum",
            "1000000, 0,     99999.99, amount_above_maximum",
            "1000000, -50,   2000000,  none",
            "10.00,   92.94, 99999.99, partial_not_allowed",
    })
    void theMaximumHoldsForOverpaymentsAndPrepaymentsToo(String amount, String balanceDue, String maximum, String violation) {
        PaymentRules.Attempt a = attempt(amount, balanceDue, maximum);
        if (violation == null) {
            assertThat(PaymentRules.decide(a).invoice().invoiceNumber()).isEqualTo("INV-1");
        } else {
            assertThatThrownBy(() -> PaymentRules.decide(a)).isInstanceOfSatisfying(PaymentRuleViolation.class,
                    v -> assertThat(v.code()).isEqualTo(violation));
        }
    }

    private static PaymentRules.PayableInvoice bill(String number, String status, String due, Boolean partial) {
        return new PaymentRules.PayableInvoice(number, status, LocalDate.of(2026, 10, 1), new BigDecimal(due), partial, null, null,
                null, null);
    }

    /**
     * Two bills of one account, newest first, the older one's status as given, with balance forward (option 40) and
     * newest-first (option 41) both off: which bill may be named, and what pays it in full (docs/payments.md).
     */
    @ParameterizedTest(name = "pay {2} on {0} (older {1}) with a balance of {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            // an older bill that is paid or carried forward cannot be named
            "OPEN,  PAID,           INV-1, 150.00, 50.00,  invoice_not_payable",
            "OPEN,  SUPERSEDED,     INV-1, 150.00, 50.00,  invoice_not_payable",
            "OPEN,  OPEN,           INV-1, 150.00, 50.00,  none",
            "OPEN,  PARTIALLY_PAID, INV-1, 150.00, 50.00,  none",
            // the newest bill is payable whatever its status: on a paid account the payment is a prepayment
            "PAID,  PAID,           INV-2, -10.00, 25.00,  none",
            "PAID,  PAID,           none,  0.00,   25.00,  none",
            // the full payment of one bill is its own amount, not the account's balance of several bills
            "OPEN,  OPEN,           INV-1, 150.00, 49.99,  partial_not_allowed",
            "OPEN,  OPEN,           INV-2, 150.00, 100.00, none",
            "OPEN,  OPEN,           INV-2, 150.00, 99.99,  partial_not_allowed",
            // unless the live balance is smaller: part was paid since the file came
            "OPEN,  OPEN,           INV-2, 60.00,  60.00,  none",
            "OPEN,  OPEN,           INV-2, 60.00,  59.99,  partial_not_allowed",
            "OPEN,  OPEN,           none,  150.00, 100.00, none",
    })
    void anOlderBillMustStillBeOwedAndItsFullPaymentIsItsOwnAmount(String newestStatus, String olderStatus, String requested,
            String balanceDue, String amount, String violation) {
        List<PaymentRules.PayableInvoice> bills = List.of(bill("INV-2", newestStatus, "100.00", false),
                bill("INV-1", olderStatus, "50.00", false));
        PaymentRules.Attempt a = new PaymentRules.Attempt(bills, requested, new BigDecimal(amount), Method.CARD,
                new BigDecimal(balanceDue), false, false, false, null, LocalDate.of(2026, 10, 10), new BigDecimal("99999.99"));
        if (violation == null) {
            assertThat(PaymentRules.decide(a).invoice().invoiceNumber()).isEqualTo(requested == null ? "INV-2" : requested);
        } else {
            assertThatThrownBy(() -> PaymentRules.decide(a)).isInstanceOfSatisfying(PaymentRuleViolation.class,
                    v -> assertThat(v.code()).isEqualTo(violation));
        }
    }

    private static PaymentRules.Attempt onAccount(String amount, String balanceDue, boolean prepaid, boolean partialAllowed) {
        PaymentRules.PayableInvoice bill = new PaymentRules.PayableInvoice("INV-1", "OPEN", LocalDate.of(2026, 10, 1),
                new BigDecimal("50.00"), partialAllowed, null, null, null, null);
        return new PaymentRules.Attempt(List.of(bill), null, new BigDecimal(amount), Method.CARD, new BigDecimal(balanceDue),
                false, false, true, null, LocalDate.of(2026, 10, 10), new BigDecimal("99999.99"), prepaid);
    }

    /** A prepaid account is topped up by any amount (SPEC C3): its remaining balance is not a bill to pay in full. */
    @ParameterizedTest(name = "{0} on a balance of {1}, prepaid {2}, partial allowed {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            "2.00,   4.93,   true,  false, none",
            "0.01,   4.93,   true,  false, none",
            "4.93,   4.93,   true,  false, none",
            "100.00, 4.93,   true,  false, none",
            "10.00,  -25.00, true,  false, none",
            "10.00,  0,      true,  false, none",
            "2.00,   4.93,   false, false, partial_not_allowed",
            "2.00,   4.93,   false, true,  none",
            "0,      4.93,   true,  false, amount_invalid",
            "100000, 4.93,   true,  false, amount_above_maximum",
    })
    void aPrepaidAccountTakesAnyPositiveTopUp(String amount, String balanceDue, boolean prepaid, boolean partialAllowed,
            String violation) {
        PaymentRules.Attempt a = onAccount(amount, balanceDue, prepaid, partialAllowed);
        if (violation == null) {
            assertThat(PaymentRules.decide(a).invoice().invoiceNumber()).isEqualTo("INV-1");
        } else {
            assertThatThrownBy(() -> PaymentRules.decide(a)).isInstanceOfSatisfying(PaymentRuleViolation.class,
                    v -> assertThat(v.code()).isEqualTo(violation));
        }
    }

    @Test
    void aRefusedPartialPaymentNamesTheBillsAmountNotTheAccountsBalance() {
        List<PaymentRules.PayableInvoice> bills = List.of(bill("INV-2", "OPEN", "100.00", false), bill("INV-1", "OPEN", "50.00", false));
        PaymentRules.Attempt a = new PaymentRules.Attempt(bills, "INV-1", new BigDecimal("20.00"), Method.CARD,
                new BigDecimal("150.00"), false, false, false, null, LocalDate.of(2026, 10, 10), new BigDecimal("99999.99"));
        assertThatThrownBy(() -> PaymentRules.decide(a))
                .hasMessage("partial payments are not accepted for this bill; the amount due is 50.00");
    }

    @ParameterizedTest(name = "{0}, saved method {1}, option 74 {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "IVR,    true,  true,  saved_method_not_allowed",
            "IVR,    false, true,  none",
            "IVR,    true,  false, none",
            "KIOSK,  true,  true,  none",
            "CSRWEB, true,  true,  none",
            "WEB,    true,  true,  none",
    })
    void option74KeepsSavedMethodsOutOfTheIvr(Channel channel, boolean saved, boolean option74, String violation) {
        if (violation == null) {
            PaymentRules.checkSavedMethod(channel, saved, option74);
        } else {
            assertThatThrownBy(() -> PaymentRules.checkSavedMethod(channel, saved, option74))
                    .isInstanceOfSatisfying(PaymentRuleViolation.class, v -> {
                        assertThat(v.code()).isEqualTo(violation);
                        assertThat(v.field()).isEqualTo("methodToken");
                    });
        }
    }

    /**
     * Every refusal of {@link PaymentRules#decide} by its code, one row each, from an attempt that is otherwise fine:
     * bills INV-2 (newest, 100.00, expires 10/31) and INV-1 (50.00, expired 10/05), today 10/10, balance 150.00.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "fine,                        true,  INV-2, 100.00, CARD, false, false, true,  none,                 none",
            "an account not the biller's, false, INV-2, 100.00, CARD, false, false, true,  account_not_found,    NOT_FOUND",
            "no bills at all,             true,  none,  100.00, CARD, false, false, false, no_open_invoice,      NOT_ALLOWED",
            "a bill of another account,   true,  INV-9, 100.00, CARD, false, false, true,  invoice_not_found,    NOT_ALLOWED",
            "an expired bill,             true,  INV-1, 50.00,  CARD, false, false, true,  bill_expired,         NOT_ALLOWED",
            "cards blocked,               true,  INV-2, 100.00, CARD, false, true,  true,  method_blocked,       NOT_ALLOWED",
            "bank payments blocked,       true,  INV-2, 100.00, ACH,  true,  false, true,  method_blocked,       NOT_ALLOWED",
            "less than the bill,          true,  INV-2, 99.99,  CARD, false, false, true,  partial_not_allowed,  NOT_ALLOWED",
            "nothing,                     true,  INV-2, 0,      CARD, false, false, true,  amount_invalid,       NOT_ALLOWED",
            "above the maximum,           true,  INV-2, 100000, CARD, false, false, true,  amount_above_maximum, NOT_ALLOWED",
    })
    void everyRefusalHasItsCode(String what, boolean accountKnown, String invoice, String amount, Method method, boolean blockAch,
            boolean blockCc, boolean withBills, String code, Refusal.Kind kind) {
        PaymentRules.PayableInvoice newest = new PaymentRules.PayableInvoice("INV-2", "OPEN", LocalDate.of(2026, 10, 1),
                new BigDecimal("100.00"), false, LocalDate.of(2026, 10, 31), null, null, null);
        PaymentRules.PayableInvoice older = new PaymentRules.PayableInvoice("INV-1", "OPEN", LocalDate.of(2026, 9, 1),
                new BigDecimal("50.00"), false, LocalDate.of(2026, 10, 5), null, null, null);
        PaymentRules.Attempt a = new PaymentRules.Attempt(withBills ? List.of(newest, older) : List.of(), invoice,
                new BigDecimal(amount), method, new BigDecimal("150.00"), blockAch, blockCc, false, null, LocalDate.of(2026, 10, 10),
                new BigDecimal("99999.99"));
        Optional<PaymentRules.Attempt> onAccount = accountKnown ? Optional.of(a) : Optional.empty();
        if (code == null) {
            assertThat(PaymentRules.decide(PaymentRules.checkAccount(onAccount, 7, "6201-1")).invoice()).isEqualTo(newest);
        } else {
            assertThatThrownBy(() -> PaymentRules.decide(PaymentRules.checkAccount(onAccount, 7, "6201-1")))
                    .isInstanceOfSatisfying(PaymentRuleViolation.class, v -> {
                        assertThat(v.code()).isEqualTo(code);
                        assertThat(v.kind()).isEqualTo(kind);
                    });
        }
    }

    @Test
    void anAccountTheBillerDoesNotHaveIsNamedWithTheField() {
        assertThatThrownBy(() -> PaymentRules.checkAccount(Optional.empty(), 7, "6201-1"))
                .isInstanceOfSatisfying(PaymentRuleViolation.class, v -> assertThat(v.field()).isEqualTo("accountNumber"))
                .hasMessage("biller 7 has no account 6201-1");
    }
}
