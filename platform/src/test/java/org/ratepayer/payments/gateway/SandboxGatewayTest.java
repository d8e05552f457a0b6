package org.ratepayer.payments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A saved method's token is its biller's, and no other biller can see or charge it (docs/payments.md). */
class SandboxGatewayTest {

    private final SandboxGateway gateway = new SandboxGateway(new SandboxGateway.MemoryLedger());

    private PaymentGateway.Tokenized visaOf(long bid) {
        CardDetails card = new CardDetails("4111111111111111", 12, 2099, "123", "49331");
        return gateway.tokenizeCard(bid, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card);
    }

    @Test
    void anotherBillersTokenIsAnsweredLikeOneThatNeverExisted() {
        String token = visaOf(1).token();
        assertThat(gateway.known(2, token)).isEmpty();
        assertThat(gateway.known(2, token)).isEqualTo(gateway.known(2, "tok_sbx_never-issued"));
        PaymentGateway.Result foreign = gateway.charge(2, UUID.randomUUID(), token, new BigDecimal("10.00"));
        PaymentGateway.Result unknown = gateway.charge(2, UUID.randomUUID(), "tok_sbx_never-issued", new BigDecimal("10.00"));
        assertThat(foreign.outcome()).isEqualTo(PaymentGateway.Outcome.ERROR);
        assertThat(foreign).isEqualTo(unknown);
    }

    @Test
    void itsOwnBillerUsesItAsBefore() {
        PaymentGateway.Tokenized made = visaOf(1);
        assertThat(gateway.known(1, made.token())).contains(made);
        assertThat(gateway.charge(1, UUID.randomUUID(), made.token(), new BigDecimal("10.00")).outcome())
                .isEqualTo(PaymentGateway.Outcome.APPROVED);
    }

    /** The sandbox's test bank accounts, as docs/ach.md lists them: the outcome of the charge, and what the later event says. */
    @org.junit.jupiter.params.ParameterizedTest(name = "account {0}: {1}, later {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "123456789, APPROVED, ''",
            "000111222, DECLINED, ''",
            "000222333, PENDING,  APPROVED",
            "000333444, PENDING,  R01 Insufficient funds",
    })
    void theTestBankAccounts(String account, PaymentGateway.Outcome outcome, String later) {
        BankDetails bank = new BankDetails("011000015", account, "CHECKING");
        String token = gateway.tokenizeBank(1, PaymentMethodChecks.bank(bank)).token();
        UUID guid = UUID.randomUUID();

        PaymentGateway.Result r = gateway.charge(1, guid, token, new BigDecimal("10.00"));

        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(gateway.lookup(1, guid)).contains(r);
        SandboxGateway.PendingOutcome then = gateway.pendingOutcome(token);
        String said = then == null ? "" : then.returned() ? then.returnCode() + " " + then.returnReason() : then.confirmed().name();
        assertThat(said).isEqualTo(later);
        // a pending charge is not money the sandbox would refund, but it can be cancelled before the bank sees it
        if (outcome == PaymentGateway.Outcome.PENDING) {
            assertThat(gateway.refund(1, guid, UUID.randomUUID(), new BigDecimal("10.00")).outcome())
                    .isEqualTo(PaymentGateway.Outcome.DECLINED);
            assertThat(gateway.voidCharge(1, guid).outcome()).isEqualTo(PaymentGateway.Outcome.APPROVED);
        }
    }

    private PaymentGateway.Result chargeCard(String number) {
        CardDetails card = new CardDetails(number, 12, 2099, "123", "49331");
        String token = gateway.tokenizeCard(1, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card).token();
        return gateway.charge(1, UUID.randomUUID(), token, new BigDecimal("10.00"));
    }

    @Test
    void theRepeatingApprovalCardApprovesEveryPaymentWithTheSameCodeWhichNoOtherCardGets() {
        PaymentGateway.Result first = chargeCard("4000000000000333");
        PaymentGateway.Result second = chargeCard("4000000000000333");
        assertThat(first.outcome()).isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(second.outcome()).isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(second.approvalCode()).isEqualTo(first.approvalCode()).isEqualTo("SBXDUP");
        assertThat(chargeCard("4111111111111111").approvalCode()).matches("\\d{6}");
    }

    private final SandboxGateway.MemoryLedger ledger = new SandboxGateway.MemoryLedger();
    private final SandboxGateway refunding = new SandboxGateway(ledger);

    private UUID approvedCharge(String total) {
        CardDetails card = new CardDetails("4111111111111111", 12, 2099, "123", "49331");
        String token = refunding.tokenizeCard(1, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card).token();
        UUID guid = UUID.randomUUID();
        assertThat(refunding.charge(1, guid, token, new BigDecimal(total)).outcome()).isEqualTo(PaymentGateway.Outcome.APPROVED);
        return guid;
    }

    @Test
    void aRefundNeverGoesAboveWhatIsLeftAndARepeatedRefundIdGetsTheFirstAnswer() {
        UUID charge = approvedCharge("40.00");
        UUID first = UUID.randomUUID();
        assertThat(refunding.refund(1, charge, first, new BigDecimal("30.00")).outcome()).isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(refunding.refund(1, charge, first, new BigDecimal("30.00")).outcome())
                .as("the same refund id again: answered, not refunded twice").isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(ledger.refunded(charge)).isEqualByComparingTo("30.00");
        PaymentGateway.Result above = refunding.refund(1, charge, UUID.randomUUID(), new BigDecimal("10.01"));
        assertThat(above.outcome()).isEqualTo(PaymentGateway.Outcome.DECLINED);
        assertThat(above.message()).isEqualTo("Declined: more than is left of the charge (10.00)");
        assertThat(refunding.refund(1, charge, UUID.randomUUID(), new BigDecimal("10.00")).outcome())
                .isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(ledger.refunded(charge)).isEqualByComparingTo("40.00");
    }

    @Test
    void anotherBillersChargeIsRefusedLikeOneThatNeverExisted() {
        UUID charge = approvedCharge("40.00");
        PaymentGateway.Result foreign = refunding.refund(2, charge, UUID.randomUUID(), new BigDecimal("1.00"));
        assertThat(foreign.outcome()).isEqualTo(PaymentGateway.Outcome.DECLINED);
        assertThat(foreign.message()).isEqualTo("Declined: no approved charge to refund");
        assertThat(refunding.voidCharge(2, charge).outcome()).isEqualTo(PaymentGateway.Outcome.DECLINED);
    }

    @Test
    void anUnsettledChargeIsVoidedOnceAndThenNeitherRefundedNorVoidedAgainByMistake() {
        UUID charge = approvedCharge("40.00");
        assertThat(refunding.voidCharge(1, charge).message()).isEqualTo("Voided");
        assertThat(refunding.voidCharge(1, charge).outcome()).as("a retry").isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(refunding.refund(1, charge, UUID.randomUUID(), new BigDecimal("1.00")).message())
                .isEqualTo("Declined: the charge was voided");
    }

    @Test
    void aSettledChargeCannotBeVoidedOnlyRefunded() {
        UUID charge = approvedCharge("40.00");
        ledger.settle(charge);
        PaymentGateway.Result tooLate = refunding.voidCharge(1, charge);
        assertThat(tooLate.outcome()).isEqualTo(PaymentGateway.Outcome.DECLINED);
        assertThat(tooLate.message()).isEqualTo("Declined: the charge is settled; refund it instead");
        assertThat(refunding.refund(1, charge, UUID.randomUUID(), new BigDecimal("40.00")).outcome())
                .isEqualTo(PaymentGateway.Outcome.APPROVED);
    }

    @Test
    void theTimeoutCardsRefundIsMadeButItsFirstAnswerLostAndARetryWithItsIdGetsIt() {
        CardDetails card = new CardDetails("4000000000000259", 12, 2099, "123", "49331");
        String token = refunding.tokenizeCard(1, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card).token();
        UUID charge = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refunding.charge(1, charge, token, new BigDecimal("40.00")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
        UUID refund = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refunding.refund(1, charge, refund, new BigDecimal("10.00")))
                .isInstanceOf(PaymentGateway.GatewayTimeoutException.class);
        assertThat(refunding.refund(1, charge, refund, new BigDecimal("10.00")).outcome()).isEqualTo(PaymentGateway.Outcome.APPROVED);
        assertThat(ledger.refunded(charge)).as("refunded once").isEqualByComparingTo("10.00");
    }
}
