package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What may be refunded of a payment and how (docs/refunds.md), as tables. */
class RefundRulesTest {

    @ParameterizedTest(name = "{0} charged, {1} taken: {2} left")
    @CsvSource({
            "40.00, 0,     40.00",
            "40.00, 12.50, 27.50",
            "40.00, 40.00, 0.00",
            "41.95, 1.95,  40.00",
    })
    void whatIsLeft(BigDecimal charged, BigDecimal taken, String left) {
        assertThat(RefundRules.left(charged, taken).toPlainString()).isEqualTo(left);
    }

    @ParameterizedTest(name = "amount {0} + fee {1} = {2} charged, all of it refundable")
    @CsvSource({"40.00, 0, 40.00", "40.00, 1.95, 41.95", "0.01, 0.00, 0.01"})
    void theFeeIsRefundedWithTheAmount(BigDecimal amount, BigDecimal fee, String charged) {
        assertThat(RefundRules.charged(amount, fee).toPlainString()).isEqualTo(charged);
    }

    @ParameterizedTest(name = "{0}, batched {1}, {2} charged, {3} taken, refund {4}: {5}")
    @CsvSource({
            // the whole of an approved charge in the open day: voided, the money never moves
            "APPROVED, false, 40.00, 0,     40.00, VOID",
            // part of it, or after an earlier refund, or once the batch closed: a refund
            "APPROVED, false, 40.00, 0,     12.50, REFUND",
            "APPROVED, false, 40.00, 12.50, 27.50, REFUND",
            "APPROVED, true,  40.00, 0,     40.00, REFUND",
            "SETTLED,  false, 40.00, 0,     40.00, REFUND",
            "SETTLED,  true,  41.95, 0,     41.95, REFUND",
            // a bank payment still being processed: cancelled whole, before its day closes
            "PENDING,  false, 41.95, 0,     41.95, VOID",
    })
    void voidOrRefund(PaymentStatus status, boolean batched, BigDecimal charged, BigDecimal taken, BigDecimal amount, Refund.Kind kind) {
        assertThat(RefundRules.plan(status, batched, charged, taken, amount)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}, {1} charged, {2} taken, refund {3}: refused on {4} ({5})")
    @CsvSource(delimiter = ';', value = {
            "APPROVED; 40.00; 0;     40.01; amount;  at most 40.00 is left to refund of the 40.00 charged",
            "APPROVED; 40.00; 30.00; 10.01; amount;  at most 10.00 is left to refund of the 40.00 charged",
            "SETTLED;  40.00; 40.00; 0.01;  amount;  nothing is left to refund of the 40.00 charged",
            "DECLINED; 40.00; 0;     1.00;  payment; the payment is DECLINED: only an approved or settled payment can be refunded",
            "ERROR;    40.00; 0;     1.00;  payment; the payment is ERROR: only an approved or settled payment can be refunded",
            "UNKNOWN;  40.00; 0;     1.00;  payment; the payment is UNKNOWN: only an approved or settled payment can be refunded",
            "VOIDED;   40.00; 40.00; 1.00;  payment; the payment is VOIDED: only an approved or settled payment can be refunded",
            "REFUNDED; 40.00; 40.00; 1.00;  payment; the payment is REFUNDED: only an approved or settled payment can be refunded",
    })
    void refused(PaymentStatus status, BigDecimal charged, BigDecimal taken, BigDecimal amount, String field, String message) {
        assertThatThrownBy(() -> RefundRules.plan(status, false, charged, taken, amount)).isInstanceOfSatisfying(RefundRefused.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.detail()).isEqualTo(message);
            assertThat(e.kind()).isEqualTo(org.ratepayer.shared.web.Refusal.Kind.NOT_ALLOWED);
        });
    }

    @ParameterizedTest(name = "PENDING, batched {0}, {1} taken, {2} of 40.00: refused on {3} ({4})")
    @CsvSource(delimiter = ';', value = {
            "false; 0;     12.50; amount;  a bank payment still being processed can only be cancelled whole, 40.00",
            "true;  0;     40.00; payment; the bank payment is being processed and its day is closed: refund it once the bank confirms it",
            "false; 40.00; 40.00; payment; the bank payment is being processed and its day is closed: refund it once the bank confirms it",
    })
    void aPendingPaymentIsCancelledWholeWhileItsDayIsOpenOrNotAtAll(boolean batched, BigDecimal taken, BigDecimal amount, String field,
            String message) {
        assertThatThrownBy(() -> RefundRules.plan(PaymentStatus.PENDING, batched, new BigDecimal("40.00"), taken, amount))
                .isInstanceOfSatisfying(RefundRefused.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.detail()).isEqualTo(message);
                });
    }

    @ParameterizedTest(name = "{0}, batched {1}, {2} taken of 40.00: {3} may still be given back")
    @CsvSource({
            "APPROVED, false, 0,     40.00",
            "APPROVED, true,  12.50, 27.50",
            "SETTLED,  true,  40.00, 0.00",
            "PENDING,  false, 0,     40.00",
            "PENDING,  true,  0,     0.00",
            "RETURNED, false, 0,     0.00",
            "DECLINED, false, 0,     0.00",
            "VOIDED,   false, 40.00, 0.00",
    })
    void available(PaymentStatus status, boolean batched, BigDecimal taken, String available) {
        assertThat(RefundRules.available(status, batched, new BigDecimal("40.00"), taken).toPlainString()).isEqualTo(available);
    }

    @ParameterizedTest(name = "amount {0}: {1}")
    @CsvSource(delimiter = ';', value = {
            "0;      must be above 0",
            "-1.00;  must be above 0",
            "12.505; at most 2 decimals, like 12.50",
    })
    void aMalformedAmountIsRefusedBeforeAnythingIsLookedUp(BigDecimal amount, String message) {
        assertThatThrownBy(() -> RefundRules.checkAmount(amount)).isInstanceOfSatisfying(RefundRefused.class, e -> {
            assertThat(e.field()).isEqualTo("amount");
            assertThat(e.detail()).isEqualTo(message);
            assertThat(e.kind()).isEqualTo(org.ratepayer.shared.web.Refusal.Kind.INVALID);
        });
    }

    @ParameterizedTest(name = "{0} after an approved {1}, {3} of {2} given back: {4}")
    @CsvSource({
            "APPROVED, VOID,   40.00, 40.00, VOIDED",
            "PENDING,  VOID,   40.00, 40.00, VOIDED",
            "APPROVED, REFUND, 40.00, 12.50, APPROVED",
            "APPROVED, REFUND, 40.00, 40.00, REFUNDED",
            "SETTLED,  REFUND, 40.00, 39.99, SETTLED",
            "SETTLED,  REFUND, 40.00, 40.00, REFUNDED",
            // a void the state machine cannot make (settled meanwhile) leaves the status; it is in the history all the same
            "SETTLED,  VOID,   40.00, 40.00, SETTLED",
    })
    void thePaymentAfterwards(PaymentStatus status, Refund.Kind kind, BigDecimal charged, BigDecimal approved, PaymentStatus after) {
        assertThat(RefundRules.after(status, kind, charged, approved)).isEqualTo(after);
    }
}
