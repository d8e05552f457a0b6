package org.ratepayer.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.AchReturn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The returned bank payments ({@code ach_return}, docs/ach.md), one row per payment. */
@Repository
public class AchReturnRepository {

    /*
     * The CIS postings of a payment are read from the postings' own table: the one place that says which postings
     * credited it, and what staff look for in the CIS.
     */
    private static final String SELECT = """
            select p.payment_guid, p.account_number, p.payer_email, p.amount, p.fee, p.last4, p.approval_code, p.created_at,
                   r.returned_at, r.return_code, r.return_reason, r.reversed_at, r.reversed_by,
                   (select string_agg(o.posting_guid::text, ', ' order by o.posting_id) from posting o
                    where o.biller_id = p.biller_id and o.kind = 'CIS_PAYMENT'
                      and o.payload ->> 'paymentGuid' = p.payment_guid::text) as cis_postings
            from ach_return r join payment p on p.payment_id = r.payment_id
            """;

    private final JdbcClient jdbc;

    public AchReturnRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether this call recorded the return (a payment is returned once) */
    public boolean insert(long paymentId, long bid, String code, String reason, Instant at, String eventId) {
        return jdbc.sql("""
                insert into ach_return (payment_id, biller_id, return_code, return_reason, returned_at, event_id)
                values (?, ?, ?, ?, ?, ?) on conflict (payment_id) do nothing
                """).params(paymentId, bid, code, reason, at.atOffset(ZoneOffset.UTC), eventId).update() == 1;
    }

    /** The biller's returns, open (not reversed yet) or reversed, oldest return first. */
    public List<AchReturn> list(long bid, boolean reversed) {
        return jdbc.sql(SELECT + " where r.biller_id = ? and (r.reversed_at is not null) = ? order by r.returned_at, p.payment_id")
                .params(bid, reversed).query(AchReturnRepository::row).list();
    }

    public Optional<AchReturn> find(long bid, UUID guid) {
        return jdbc.sql(SELECT + " where r.biller_id = ? and p.payment_guid = ?").params(bid, guid).query(AchReturnRepository::row)
                .optional();
    }

    /** @return whether this call marked it (false: it was marked before, or there is no such return) */
    public boolean markReversed(long bid, UUID guid, String by, Instant at) {
        return jdbc.sql("""
                update ach_return r set reversed_at = ?, reversed_by = ?
                from payment p where p.payment_id = r.payment_id and r.biller_id = ? and p.payment_guid = ? and r.reversed_at is null
                """).params(at.atOffset(ZoneOffset.UTC), by, bid, guid).update() == 1;
    }

    /** How many of the biller's payments were returned in {@code [from, to)}, and their total ({@code to} null: until now). */
    public Count returnedBetween(long bid, Instant from, Instant to) {
        String sql = "select count(*), coalesce(sum(p.amount), 0) from ach_return r join payment p on p.payment_id = r.payment_id"
                + " where r.biller_id = ? and r.returned_at >= ?" + (to == null ? "" : " and r.returned_at < ?");
        var q = to == null ? jdbc.sql(sql).params(bid, from.atOffset(ZoneOffset.UTC))
                : jdbc.sql(sql).params(bid, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return q.query((rs, n) -> new Count(rs.getLong(1), rs.getBigDecimal(2))).single();
    }

    /** A number of returns and what they add up to. */
    public record Count(long count, java.math.BigDecimal amount) {
    }

    private static AchReturn row(ResultSet rs, int n) throws SQLException {
        return new AchReturn(rs.getObject("payment_guid", UUID.class), rs.getString("account_number"), rs.getString("payer_email"),
                rs.getBigDecimal("amount"), rs.getBigDecimal("fee"), rs.getString("last4"), rs.getString("approval_code"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("returned_at", OffsetDateTime.class),
                rs.getString("return_code"), rs.getString("return_reason"), rs.getString("cis_postings"),
                rs.getObject("reversed_at", OffsetDateTime.class), rs.getString("reversed_by"));
    }
}
