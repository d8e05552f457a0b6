package org.ratepayer.integration.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The biller's other payments that carry a CIS's duplicate key (docs/postings.md). A connector makes
 * its key of a payment's approval code or its GUID, or, for one account of a payment of several, of its
 * allocation's GUID or the approval code and the allocation's position: those are the places looked at.
 */
@Component
class DuplicateKeyCarriers {

    private final JdbcClient jdbc;

    DuplicateKeyCarriers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Found(List<DuplicateAnswers.OtherPayment> first, long total) {
    }

    Found others(long bid, String key, UUID paymentGuid) {
        // only asked after a duplicate answer, which is rare: no index of its own on approval codes
        List<Row> rows = jdbc.sql("""
                select p.payment_guid, p.account_number, p.amount, p.created_at, count(*) over () as total from payment p
                where p.biller_id = ? and p.payment_guid <> ?
                  and (p.approval_code = ? or p.payment_guid::text = lower(?)
                       -- the keys of the accounts of a payment of several (docs/postings.md)
                       or exists (select 1 from payment_allocation a
                                  where a.payment_id = p.payment_id and a.allocation_guid <> p.payment_guid
                                    and (a.allocation_guid::text = lower(?) or p.approval_code || '-' || a.position = ?)))
                order by p.payment_id limit ?
                """).params(bid, paymentGuid, key, key, key, key, DuplicateAnswers.NAMED)
                .query((rs, n) -> new Row(new DuplicateAnswers.OtherPayment(rs.getObject("payment_guid", UUID.class),
                        rs.getString("account_number"), rs.getBigDecimal("amount"),
                        rs.getObject("created_at", OffsetDateTime.class)), rs.getLong("total")))
                .list();
        return new Found(rows.stream().map(Row::payment).toList(), rows.isEmpty() ? 0 : rows.get(0).total());
    }

    private record Row(DuplicateAnswers.OtherPayment payment, long total) {
    }
}
