package org.ratepayer.payments.batches;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment_batch table and the payments' batch_id; callers hold the transaction a closure needs. */
@Repository
public class BatchRepository {

    private final JdbcClient jdbc;

    public BatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new batch's id, or empty when this biller already has a batch closed at this cutoff */
    Optional<Long> insertClosed(long bid, LocalDate businessDate, Instant cutoff, String closedBy) {
        return jdbc.sql("""
                insert into payment_batch (biller_id, business_date, status, cutoff, closed_at, closed_by)
                values (?, ?, 'CLOSED', ?, now(), ?)
                on conflict (biller_id, cutoff) do nothing
                returning batch_id
                """).params(bid, businessDate, utc(cutoff), closedBy).query(Long.class).optional();
    }

    /**
     * Puts into the batch every approved (or already settled, docs/settlement.md, or pending bank, docs/ach.md) payment of the biller created
     * before the cutoff that no batch holds yet. The rows are locked in id order first: two closures running at once queue on the
     * same first row instead of deadlocking, and the one that waited re-reads it, finds it batched,
     * and passes over it.
     *
     * @return how many payments joined
     */
    int assign(long batchId, long bid, Instant cutoff) {
        return jdbc.sql("""
                with taken as materialized (
                    select payment_id from payment
                    where biller_id = ? and status in ('APPROVED', 'SETTLED', 'PENDING') and batch_id is null and created_at < ?
                    order by payment_id
                    for update
                )
                update payment p set batch_id = ?, updated_at = now()
                from taken where p.payment_id = taken.payment_id
                """).params(bid, utc(cutoff), batchId).update();
    }

    void fixTotals(long batchId) {
        jdbc.sql("""
                update payment_batch b
                set payment_count = t.n, total_amount = t.amount, total_fee = t.fee
                from (select count(*) as n, coalesce(sum(amount), 0) as amount, coalesce(sum(fee), 0) as fee
                      from payment where batch_id = ?) t
                where b.batch_id = ?
                """).params(batchId, batchId).update();
    }

    Optional<Batch> find(long bid, long batchId) {
        return jdbc.sql("select * from payment_batch where biller_id = ? and batch_id = ?").params(bid, batchId)
                .query(BatchRepository::batch).optional();
    }

    Optional<Batch> findByCutoff(long bid, Instant cutoff) {
        return jdbc.sql("select * from payment_batch where biller_id = ? and cutoff = ?").params(bid, utc(cutoff))
                .query(BatchRepository::batch).optional();
    }

    List<Batch> recent(long bid, int limit) {
        return jdbc.sql("select * from payment_batch where biller_id = ? order by cutoff desc, batch_id desc limit ?")
                .params(bid, limit).query(BatchRepository::batch).list();
    }

    List<Breakdown.Cell> cells(long batchId) {
        return jdbc.sql("""
                select method, channel, count(*) as n, sum(amount) as amount, sum(fee) as fee
                from payment where batch_id = ? group by method, channel
                """).param(batchId).query(BatchRepository::cell).list();
    }

    /** The open day: what a closure now would take. */
    List<Breakdown.Cell> unbatchedCells(long bid) {
        return jdbc.sql("""
                select method, channel, count(*) as n, sum(amount) as amount, sum(fee) as fee
                from payment where biller_id = ? and status in ('APPROVED', 'SETTLED', 'PENDING') and batch_id is null
                group by method, channel
                """).param(bid).query(BatchRepository::cell).list();
    }

    /** The cutoff of the biller's last batch before {@code before} (null: the last batch of all); the epoch when there is none. */
    Instant previousCutoff(long bid, Instant before) {
        var query = before == null ? jdbc.sql("select coalesce(max(cutoff), 'epoch') from payment_batch where biller_id = ?").params(bid)
                : jdbc.sql("select coalesce(max(cutoff), 'epoch') from payment_batch where biller_id = ? and cutoff < ?")
                        .params(bid, utc(before));
        return query.query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).single().toInstant();
    }

    /** The approved refunds and voids, and the bank payments returned (docs/ach.md), in {@code [from, to)}; {@code to} null for "until now". */
    Reversals reversals(long bid, Instant from, Instant to) {
        Reversals.Sum[] sums = {Reversals.Sum.NONE, Reversals.Sum.NONE};
        String sql = "select kind, count(*) as n, sum(amount) as total from payment_refund"
                + " where biller_id = ? and status = 'APPROVED' and created_at >= ?" + (to == null ? "" : " and created_at < ?")
                + " group by kind";
        var query = to == null ? jdbc.sql(sql).params(bid, utc(from)) : jdbc.sql(sql).params(bid, utc(from), utc(to));
        query.query((rs, n) -> {
            Reversals.Sum sum = new Reversals.Sum(rs.getLong("n"), rs.getBigDecimal("total"));
            sums["VOID".equals(rs.getString("kind")) ? 1 : 0] = sum;
            return sum;
        }).list();
        String returned = "select count(*) as n, coalesce(sum(p.amount), 0) as total from ach_return r"
                + " join payment p on p.payment_id = r.payment_id where r.biller_id = ? and r.returned_at >= ?"
                + (to == null ? "" : " and r.returned_at < ?");
        var returns = to == null ? jdbc.sql(returned).params(bid, utc(from)) : jdbc.sql(returned).params(bid, utc(from), utc(to));
        Reversals.Sum achReturns = returns.query((rs, n) -> new Reversals.Sum(rs.getLong("n"), rs.getBigDecimal("total").setScale(2)))
                .single();
        return new Reversals(sums[0], sums[1], achReturns);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Batch batch(ResultSet rs, int n) throws SQLException {
        return new Batch(rs.getLong("batch_id"), rs.getLong("biller_id"), rs.getObject("business_date", LocalDate.class),
                BatchStatus.valueOf(rs.getString("status")), rs.getObject("cutoff", OffsetDateTime.class),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getString("closed_by"),
                new Totals(rs.getLong("payment_count"), rs.getBigDecimal("total_amount"), rs.getBigDecimal("total_fee")));
    }

    private static Breakdown.Cell cell(ResultSet rs, int n) throws SQLException {
        return new Breakdown.Cell(Method.valueOf(rs.getString("method")), Channel.valueOf(rs.getString("channel")),
                new Totals(rs.getLong("n"), rs.getBigDecimal("amount"), rs.getBigDecimal("fee")));
    }
}
