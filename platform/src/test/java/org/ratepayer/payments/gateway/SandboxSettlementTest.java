package org.ratepayer.payments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.MutableClock;
import org.ratepayer.payments.gateway.PaymentGateway.Settlement;

/**
 * The sandbox's settlement rule (docs/settlement.md): on day D it funds what it approved for the biller during business
 * day D - 1, as charged; here business days end at 23:00 UTC, so D - 1 runs from 23:00 two days before to 23:00 the day before.
 */
class SandboxSettlementTest {

    private final MutableClock clock = new MutableClock(ZoneOffset.UTC);
    private final SandboxGateway gateway = new SandboxGateway(new SandboxGateway.MemoryLedger(clock),
            (bid, day) -> day.atTime(23, 0).toInstant(ZoneOffset.UTC));

    private UUID charge(long bid, String number, String amount, String at) {
        clock.set(Instant.parse(at));
        CardDetails card = new CardDetails(number, 12, 2099, "123", "49331");
        String token = gateway.tokenizeCard(bid, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card).token();
        UUID guid = UUID.randomUUID();
        gateway.charge(bid, guid, token, new BigDecimal(amount));
        return guid;
    }

    @Test
    void theBusinessDayBeforeIsFundedAsChargedAndNothingElse() {
        charge(1, "4111111111111111", "1.00", "2026-11-09T22:59:59Z"); // business day 9 November
        UUID first = charge(1, "4111111111111111", "11.95", "2026-11-09T23:00:00Z"); // the first moment of the 10th
        UUID last = charge(1, "5555555555554444", "20.50", "2026-11-10T22:59:59.999Z");
        charge(1, "4111111111111111", "3.00", "2026-11-10T23:00:00Z"); // business day 11 November
        charge(1, "4000000000000002", "4.00", "2026-11-10T12:00:00Z"); // declined: nothing to fund
        charge(1, "4000000000000119", "5.00", "2026-11-10T12:00:00Z"); // a processor error: nothing to fund
        charge(2, "4111111111111111", "6.00", "2026-11-10T12:00:00Z"); // another biller's

        assertThat(gateway.settled(1, LocalDate.parse("2026-11-11"))).containsExactly(
                new Settlement(first, new BigDecimal("11.95"), "sbx_" + first.toString().substring(0, 8)),
                new Settlement(last, new BigDecimal("20.50"), "sbx_" + last.toString().substring(0, 8)));
        assertThat(gateway.settled(1, LocalDate.parse("2026-11-10"))).hasSize(1);
        assertThat(gateway.settled(1, LocalDate.parse("2026-11-12"))).extracting(Settlement::amount)
                .containsExactly(new BigDecimal("3.00"));
        assertThat(gateway.settled(3, LocalDate.parse("2026-11-11"))).isEmpty();
    }

    @Test
    void aLostAnswerIsFundedLikeAnyApprovedCharge() {
        clock.set(Instant.parse("2026-11-10T12:00:00Z"));
        CardDetails card = new CardDetails("4000000000000259", 12, 2099, "123", "49331");
        String token = gateway.tokenizeCard(1, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card).token();
        UUID guid = UUID.randomUUID();
        try {
            gateway.charge(1, guid, token, new BigDecimal("9.99"));
        } catch (PaymentGateway.GatewayTimeoutException expected) {
            // the answer was lost; the charge stands
        }
        assertThat(gateway.settled(1, LocalDate.parse("2026-11-11"))).extracting(Settlement::paymentGuid).containsExactly(guid);
    }
}
