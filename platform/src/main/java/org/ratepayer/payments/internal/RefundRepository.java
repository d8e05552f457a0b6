package org.ratepayer.payments.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Refund;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment_refund table (docs/refunds.md); every query names the biller. */
@Repository
public class RefundRepository {

    private final JdbcClient jdbc;

    public RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A refund as stored with what makes two requests under one key "the same request". */
    public record Stored(Refund refund, String requestSha256) {
    }

    public void insert(long bid, long paymentId, Refund r, String idempotencyKey, String requestSha256) {
        jdbc.sql("""
                insert into payment_refund (refund_id, biller_id, payment_id, payment_guid, kind, amount, reason, requested_by,
                                            idempotency_key, request_sha256, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(r.refundId(), bid, paymentId, r.paymentGuid(), r.kind().name(), r.amount(), r.reason(), r.requestedBy(),
                idempotencyKey, requestSha256, r.status().name(), r.createdAt()).update();
    }

    public Optional<Stored> byKey(long bid, String idempotencyKey) {
        return jdbc.sql("select * from payment_refund where biller_id = ? and idempotency_key = ?").params(bid, idempotencyKey)
                .query((rs, n) -> new Stored(refund(rs, n), rs.getString("request_sha256"))).optional();
    }

    public Optional<Refund> byId(long bid, UUID refundId) {
        return jdbc.sql("select * from payment_refund where biller_id = ? and refund_id = ?").params(bid, refundId)
                .query(RefundRepository::refund).optional();
    }

    /** The payment's refunds, oldest first: its refund history. */
    public List<Refund> ofPayment(long bid, long paymentId) {
        return jdbc.sql("select * from payment_refund where biller_id = ? and payment_id = ? order by created_at, refund_id")
                .params(bid, paymentId).query(RefundRepository::refund).list();
    }

    /** Approved refunds and those still waiting for the processor: what no longer may be refunded again. */
    public BigDecimal taken(long paymentId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from payment_refund where payment_id = ? and status in ('APPROVED', 'UNKNOWN')")
                .param(paymentId).query(BigDecimal.class).single();
    }

    public BigDecimal approved(long paymentId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from payment_refund where payment_id = ? and status = 'APPROVED'")
                .param(paymentId).query(BigDecimal.class).single();
    }

    /**
     * Records the processor's answer to a refund still UNKNOWN.
     *
     * @return false when another request recorded it first (a retry racing the original)
     */
    public boolean decide(UUID refundId, Refund.Kind kind, Refund.Status status, String reference, String message, Instant at) {
        return jdbc.sql("""
                update payment_refund set kind = ?, status = ?, processor_reference = ?, processor_message = ?, decided_at = ?
                where refund_id = ? and status = 'UNKNOWN'
                """).params(kind.name(), status.name(), reference, message, at.atOffset(ZoneOffset.UTC), refundId).update() == 1;
    }

    /** A refund still waiting for the processor's answer, with its biller: what the repair job asks again. */
    public record Unanswered(long bid, Refund refund) {
    }

    /** Refunds left UNKNOWN since before {@code cutoff} (a lost answer), oldest first, at most {@code limit}. */
    public List<Unanswered> unknownSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                select * from payment_refund where status = 'UNKNOWN' and created_at < ? order by created_at limit ?
                """).params(cutoff.atOffset(ZoneOffset.UTC), limit)
                .query((rs, n) -> new Unanswered(rs.getLong("biller_id"), refund(rs, n))).list();
    }

    /** Approved refunds and voids of the biller recorded in {@code [from, to)}: a business day's, for the batch report. */
    public List<Refund> approvedBetween(long bid, Instant from, Instant to) {
        return jdbc.sql("""
                select * from payment_refund where biller_id = ? and status = 'APPROVED' and created_at >= ? and created_at < ?
                order by created_at
                """).params(bid, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)).query(RefundRepository::refund).list();
    }

    private static Refund refund(ResultSet rs, int n) throws SQLException {
        return new Refund(rs.getObject("refund_id", UUID.class), rs.getObject("payment_guid", UUID.class),
                Refund.Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("amount"), rs.getString("reason"),
                rs.getString("requested_by"), Refund.Status.valueOf(rs.getString("status")), rs.getString("processor_reference"),
                rs.getString("processor_message"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
