package org.ratepayer.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.ratepayer.payments.gateway.SandboxGateway;
import org.springframework.beans.factory.annotation.Autowired;

/** The sandbox's tokens and charges are in PostgreSQL: a second gateway (another node, a restart) sees them. */
class SandboxLedgerIT extends PlatformIT {

    @Autowired
    SandboxGateway gateway;

    @Test
    void aTokenAndAChargeOutliveTheGatewayThatMadeThem() throws Exception {
        // "restarted" below is a second gateway over the same database: another node, or this one after a restart
        CardDetails card = new CardDetails("4111111111111111", 12, 2099, "123", "49331");
        PaymentGateway.Tokenized made = gateway.tokenizeCard(7, PaymentMethodChecks.card(card, YearMonth.of(2026, 1)), card);
        UUID payment = UUID.randomUUID();
        PaymentGateway.Result first = gateway.charge(7, payment, made.token(), new BigDecimal("12.34"));

        PaymentGateway restarted = new SandboxGateway(new JdbcSandboxLedger(jdbc));
        assertThat(restarted.known(7, made.token())).contains(made);
        assertThat(restarted.known(8, made.token())).isEmpty();
        assertThat(restarted.lookup(7, payment)).contains(first);
        assertThat(restarted.charge(7, payment, made.token(), new BigDecimal("12.34"))).isEqualTo(first);
        assertThat(count("select count(*) from sandbox_token where token = ? and last4 = '1111'", made.token())).isEqualTo(1);
        assertThat(count("select count(*) from sandbox_token where token like '%4111111111111111%' or brand like '%4111%'")).isZero();

        // two nodes charging one payment at once: one result stands, and both are told it
        UUID raced = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<PaymentGateway.Result>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            PaymentGateway node = i % 2 == 0 ? gateway : restarted;
            results.add(pool.submit((Callable<PaymentGateway.Result>) () -> node.charge(7, raced, made.token(), new BigDecimal("5.00"))));
        }
        var distinct = new HashSet<PaymentGateway.Result>();
        for (Future<PaymentGateway.Result> f : results) {
            distinct.add(f.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(count("select count(*) from sandbox_charge where payment_guid = ?", raced)).isEqualTo(1);
    }
}
