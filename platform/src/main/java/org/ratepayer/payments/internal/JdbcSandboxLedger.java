package org.ratepayer.payments.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.SandboxGateway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sandbox processor's tokens, charges and refunds in PostgreSQL ({@code sandbox_token}, {@code sandbox_charge},
 * {@code sandbox_refund}). A charge counts as settled once the platform's payment is in a closed daily batch: the
 * sandbox has no settlement of its own, and the batch closure is the moment the biller's books take the day
 * (docs/refunds.md, "The sandbox").
 */
class JdbcSandboxLedger implements SandboxGateway.Ledger {

    private final JdbcClient jdbc;

    JdbcSandboxLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void saveToken(String token, SandboxGateway.Stored stored) {
        jdbc.sql("insert into sandbox_token (token, biller_id, method, brand, last4, behaviour) values (?, ?, ?, ?, ?, ?)")
                .params(token, stored.bid(), stored.method().name(), stored.brand(), stored.last4(), stored.behaviour().name()).update();
    }

    @Override
    public Optional<SandboxGateway.Stored> token(String token) {
        return jdbc.sql("select biller_id, method, brand, last4, behaviour from sandbox_token where token = ?").param(token)
                .query((rs, n) -> new SandboxGateway.Stored(rs.getLong(1), Method.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), SandboxGateway.Behaviour.valueOf(rs.getString(5)))).optional();
    }

    @Override
    public PaymentGateway.Result recordCharge(long bid, UUID paymentGuid, String token, BigDecimal total, PaymentGateway.Result result) {
        jdbc.sql("""
                insert into sandbox_charge (payment_guid, biller_id, token, total, outcome, approval_code, reference, message)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (payment_guid) do nothing
                """).params(paymentGuid, bid, token, total, result.outcome().name(), result.approvalCode(), result.reference(),
                result.message()).update();
        return charge(paymentGuid).orElseThrow();
    }

    @Override
    public Optional<PaymentGateway.Result> charge(UUID paymentGuid) {
        return jdbc.sql("select outcome, approval_code, reference, message from sandbox_charge where payment_guid = ?").param(paymentGuid)
                .query((rs, n) -> new PaymentGateway.Result(PaymentGateway.Outcome.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4))).optional();
    }

    @Override
    public Optional<SandboxGateway.Charge> chargeRecord(UUID paymentGuid) {
        return jdbc.sql("""
                select c.biller_id, c.token, c.total, c.outcome, c.voided_at is not null as voided,
                       exists (select 1 from payment p where p.payment_guid = c.payment_guid and p.batch_id is not null) as settled
                from sandbox_charge c where c.payment_guid = ?
                """).param(paymentGuid)
                .query((rs, n) -> new SandboxGateway.Charge(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                        PaymentGateway.Outcome.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getBoolean(6))).optional();
    }

    @Override
    public PaymentGateway.Result recordRefund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount, PaymentGateway.Result result) {
        jdbc.sql("""
                insert into sandbox_refund (refund_id, payment_guid, biller_id, amount, outcome, reference, message)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (refund_id) do nothing
                """).params(refundId, paymentGuid, bid, amount, result.outcome().name(), result.reference(), result.message()).update();
        return refund(refundId).orElseThrow();
    }

    @Override
    public Optional<PaymentGateway.Result> refund(UUID refundId) {
        return jdbc.sql("select outcome, reference, message from sandbox_refund where refund_id = ?").param(refundId)
                .query((rs, n) -> new PaymentGateway.Result(PaymentGateway.Outcome.valueOf(rs.getString(1)), null, rs.getString(2),
                        rs.getString(3))).optional();
    }

    @Override
    public BigDecimal refunded(UUID paymentGuid) {
        return jdbc.sql("select coalesce(sum(amount), 0) from sandbox_refund where payment_guid = ? and outcome = 'APPROVED'")
                .param(paymentGuid).query(BigDecimal.class).single();
    }

    @Override
    public void markVoided(UUID paymentGuid) {
        jdbc.sql("update sandbox_charge set voided_at = now() where payment_guid = ? and voided_at is null").param(paymentGuid).update();
    }

    @Override
    public long nextApprovalNumber() {
        return jdbc.sql("select nextval('sandbox_approval_seq')").query(Long.class).single();
    }

    /*
     * A voided charge is left out: the processor never funds it.
     */
    @Override
    public List<PaymentGateway.Settlement> approvedBetween(long bid, Instant from, Instant to) {
        return jdbc.sql("""
                select payment_guid, total, reference from sandbox_charge
                where biller_id = ? and outcome = 'APPROVED' and voided_at is null and created_at >= ? and created_at < ?
                order by created_at, payment_guid
                """).params(bid, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new PaymentGateway.Settlement(rs.getObject(1, java.util.UUID.class), rs.getBigDecimal(2),
                        rs.getString(3))).list();
    }
}
