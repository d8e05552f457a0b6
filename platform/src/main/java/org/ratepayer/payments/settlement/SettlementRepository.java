package org.ratepayer.payments.settlement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.PaymentStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The settlement_run and settlement_mismatch tables, and the payments a settlement reads; callers hold the transaction. */
@Repository
class SettlementRepository {

    private final JdbcClient jdbc;

    SettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the biller's day. A second run of the same day (another node at the same moment) waits here on the
     * primary key until the first commits, and then finds it settled.
     *
     * @return true when this run is the day's first, false when the day is settled already
     */
    boolean claim(long bid, LocalDate day, OffsetDateTime ranAt, String ranBy) {
        return jdbc.sql("""
                insert into settlement_run (biller_id, settlement_date, ran_at, ran_by) values (?, ?, ?, ?)
                on conflict (biller_id, settlement_date) do nothing
                """).params(bid, day, ranAt, ranBy).update() == 1;
    }

    /**
     * The payments here that concern the day, locked (in id order) so that nothing else moves them while the day is
     * settled: those still APPROVED from the business day [from, to), and those the processor funded, whatever their state.
     */
    List<SettlementMatching.Ours> ours(long bid, Instant from, Instant to, Collection<UUID> funded) {
        String which = funded.isEmpty() ? "" : " or payment_guid in (:guids)";
        var spec = jdbc.sql("""
                select payment_id, payment_guid, status, amount + fee as total,
                       (status = 'APPROVED' and created_at >= :from and created_at < :to) as in_window
                from payment
                where biller_id = :bid and ((status = 'APPROVED' and created_at >= :from and created_at < :to)%s)
                order by payment_id
                for update
                """.formatted(which)).param("bid", bid).param("from", utc(from)).param("to", utc(to));
        if (!funded.isEmpty()) {
            spec = spec.param("guids", funded);
        }
        return spec.query((rs, n) -> new SettlementMatching.Ours(rs.getLong("payment_id"), rs.getObject("payment_guid", UUID.class),
                PaymentStatus.valueOf(rs.getString("status")), rs.getBigDecimal("total"), rs.getBoolean("in_window"))).list();
    }

    void mismatch(long bid, LocalDate day, Mismatch m) {
        jdbc.sql("""
                insert into settlement_mismatch (biller_id, settlement_date, kind, payment_guid, our_amount, their_amount, reference)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                """).params(bid, day, m.kind().name(), m.paymentGuid(), m.ourAmount(), m.theirAmount(), m.reference()).update();
    }

    void totals(long bid, LocalDate day, int fundedCount, BigDecimal fundedTotal, int settledCount, BigDecimal settledTotal,
            int mismatches) {
        jdbc.sql("""
                update settlement_run set funded_count = ?, funded_total = ?, settled_count = ?, settled_total = ?, mismatch_count = ?
                where biller_id = ? and settlement_date = ?
                """).params(fundedCount, fundedTotal, settledCount, settledTotal, mismatches, bid, day).update();
    }

    /*
     * The run first, then its mismatches: a run is committed with its mismatches, so once its row is seen (each statement
     * sees what was committed before it began) they are all there; the other order could pair a run with none of them.
     */
    Optional<SettlementResult> find(long bid, LocalDate day) {
        Optional<SettlementResult> run = jdbc.sql("select * from settlement_run where biller_id = ? and settlement_date = ?")
                .params(bid, day).query((rs, n) -> run(rs, List.of())).optional();
        return run.map(r -> new SettlementResult(r.billerId(), r.day(), r.fundedCount(), r.fundedTotal(), r.settledCount(),
                r.settledTotal(), mismatches(bid, day), r.ranAt(), r.ranBy()));
    }

    private List<Mismatch> mismatches(long bid, LocalDate day) {
        return jdbc.sql("""
                select kind, payment_guid, our_amount, their_amount, reference from settlement_mismatch
                where biller_id = ? and settlement_date = ? order by kind, payment_guid
                """).params(bid, day).query((rs, n) -> new Mismatch(MismatchKind.valueOf(rs.getString(1)), rs.getObject(2, UUID.class),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getString(5))).list();
    }

    private static SettlementResult run(ResultSet rs, List<Mismatch> mismatches) throws SQLException {
        return new SettlementResult(rs.getLong("biller_id"), rs.getObject("settlement_date", LocalDate.class), rs.getInt("funded_count"),
                rs.getBigDecimal("funded_total"), rs.getInt("settled_count"), rs.getBigDecimal("settled_total"), mismatches,
                rs.getObject("ran_at", OffsetDateTime.class), rs.getString("ran_by"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
