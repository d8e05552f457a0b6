package org.ratepayer.payments.internal;

import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentAllocation;
import org.ratepayer.payments.PaymentList;
import org.ratepayer.payments.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentRepository {

    private final JdbcClient jdbc;

    public PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A payment of one account: its one allocation is the payment itself. */
    @org.springframework.transaction.annotation.Transactional
    public long insert(UUID guid, long bid, String account, String invoice, Channel channel, Method method,
            java.math.BigDecimal amount, java.math.BigDecimal fee, String brand, String last4, String token, String payerEmail,
            String kioskId, String idempotencyKey, String takenBy) {
        return insert(guid, bid, List.of(new PaymentAllocation(1, guid, account, invoice, amount)), channel, method, amount, fee,
                brand, last4, token, payerEmail, kioskId, idempotencyKey, takenBy);
    }

    /**
     * A payment and its allocations, in one transaction (docs/payments.md, "Payments of several accounts"). The
     * payment row names the first allocation's account and invoice, and the total.
     */
    @org.springframework.transaction.annotation.Transactional
    public long insert(UUID guid, long bid, List<PaymentAllocation> allocations, Channel channel, Method method,
            java.math.BigDecimal amount, java.math.BigDecimal fee, String brand, String last4, String token, String payerEmail,
            String kioskId, String idempotencyKey, String takenBy) {
        PaymentAllocation first = allocations.get(0);
        long id = insertPayment(guid, bid, first.accountNumber(), first.invoiceNumber(), channel, method, amount, fee, brand, last4,
                token, payerEmail, kioskId, idempotencyKey, takenBy);
        for (PaymentAllocation a : allocations) {
            jdbc.sql("""
                    insert into payment_allocation (payment_id, biller_id, account_number, invoice_number, amount, position,
                                                    allocation_guid)
                    values (?, ?, ?, ?, ?, ?, ?)
                    """).params(id, bid, a.accountNumber(), a.invoiceNumber(), a.amount(), a.position(), a.guid()).update();
        }
        return id;
    }

    private long insertPayment(UUID guid, long bid, String account, String invoice, Channel channel, Method method,
            java.math.BigDecimal amount, java.math.BigDecimal fee, String brand, String last4, String token, String payerEmail,
            String kioskId, String idempotencyKey, String takenBy) {
        long id = jdbc.sql("""
                insert into payment (payment_guid, biller_id, account_number, invoice_number, channel, method, status, amount, fee,
                                     card_brand, last4, method_token, payer_email, kiosk_id, idempotency_key, taken_by)
                values (?, ?, ?, ?, ?, ?, 'INITIATED', ?, ?, ?, ?, ?, ?, ?, ?, ?) returning payment_id
                """).params(guid, bid, account, invoice, channel.name(), method.name(), amount, fee, brand, last4, token,
                        payerEmail, kioskId, idempotencyKey, takenBy)
                .query(Long.class).single();
        event(id, null, PaymentStatus.INITIATED, channel + " " + method);
        return id;
    }

    /** Moves a payment on, refusing any move the state machine does not allow (and a concurrent one). */
    @org.springframework.transaction.annotation.Transactional
    public boolean transition(long id, PaymentStatus from, PaymentStatus to, String approvalCode, String reference, String message) {
        from.moveTo(to);
        int n = jdbc.sql("""
                update payment set status = ?, approval_code = coalesce(?, approval_code),
                       gateway_reference = coalesce(?, gateway_reference), gateway_message = ?, updated_at = now()
                where payment_id = ? and status = ?
                """).params(to.name(), approvalCode, reference, message, id, from.name()).update();
        if (n == 1) {
            event(id, from, to, message);
        }
        return n == 1;
    }

    /**
     * Moves a payment on as {@link #transition} does, keeping the processor's answer to the charge: for a move the
     * charge's answer did not cause (a refund, a void), whose detail goes to the payment's history only.
     */
    @org.springframework.transaction.annotation.Transactional
    public boolean transitionNoting(long id, PaymentStatus from, PaymentStatus to, String detail) {
        from.moveTo(to);
        int n = jdbc.sql("update payment set status = ?, updated_at = now() where payment_id = ? and status = ?")
                .params(to.name(), id, from.name()).update();
        if (n == 1) {
            event(id, from, to, detail);
        }
        return n == 1;
    }

    /** Writes to a payment's history something that left its status as it was (a partial refund). */
    public void note(long id, PaymentStatus status, String detail) {
        event(id, status, status, detail);
    }

    /**
     * The biller's payment, its row locked until the caller's transaction ends: refunds of one payment take turns, so
     * two at once cannot together give back more than was charged (docs/refunds.md).
     */
    public Optional<Payment> lockForRefund(long bid, UUID guid) {
        return jdbc.sql("select * from payment where biller_id = ? and payment_guid = ? for update").params(bid, guid)
                .query(PaymentRepository::payment).optional();
    }

    /** Whether a closed daily batch holds the payment. */
    public boolean batched(long id) {
        return jdbc.sql("select batch_id is not null from payment where payment_id = ?").param(id).query(Boolean.class).single();
    }

    private void event(long id, PaymentStatus from, PaymentStatus to, String detail) {
        jdbc.sql("insert into payment_event (payment_id, from_status, to_status, detail) values (?, ?, ?, ?)")
                .params(id, from == null ? null : from.name(), to.name(), detail).update();
    }

    public Optional<Payment> find(long bid, UUID guid) {
        return jdbc.sql("select * from payment where biller_id = ? and payment_guid = ?").params(bid, guid)
                .query(PaymentRepository::payment).optional();
    }

    /** The staff users who took these payments (docs/staff-search.md); a payment no staff user took is not in it. */
    public java.util.Map<UUID, String> takenBy(long bid, java.util.Collection<UUID> guids) {
        java.util.Map<UUID, String> by = new java.util.HashMap<>();
        if (guids.isEmpty()) {
            return by;
        }
        jdbc.sql("select payment_guid, taken_by from payment where biller_id = :bid and payment_guid in (:guids) and taken_by is not null")
                .param("bid", bid).param("guids", guids)
                .query((rs, n) -> by.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return by;
    }

    public Optional<Payment> byId(long id) {
        return jdbc.sql("select * from payment where payment_id = ?").param(id).query(PaymentRepository::payment).optional();
    }

    /** A payment's allocations in order; empty only for a payment written around this repository (old tests). */
    public List<PaymentAllocation> allocations(long paymentId) {
        return jdbc.sql("""
                select position, allocation_guid, account_number, invoice_number, amount from payment_allocation
                where payment_id = ? order by position
                """).param(paymentId).query((rs, n) -> new PaymentAllocation(rs.getInt("position"),
                        rs.getObject("allocation_guid", UUID.class), rs.getString("account_number"), rs.getString("invoice_number"),
                        rs.getBigDecimal("amount"))).list();
    }

    /**
     * One page of the biller's payments, newest first (docs/api.md, "Listing payments"); {@code from} and
     * {@code to} are already instants (the start of the first day and of the day after the last, in the biller's zone).
     */
    public PaymentList.PaymentPage list(long bid, String account, Channel channel, PaymentStatus status, OffsetDateTime from,
            OffsetDateTime before, int page, int size) {
        StringBuilder where = new StringBuilder(" from payment p where p.biller_id = :bid");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("bid", bid);
        if (account != null) {
            where.append(" and (p.account_number = :account or exists (select 1 from payment_allocation a"
                    + " where a.payment_id = p.payment_id and a.biller_id = p.biller_id and a.account_number = :account))");
            params.put("account", account);
        }
        if (channel != null) {
            where.append(" and p.channel = :channel");
            params.put("channel", channel.name());
        }
        if (status != null) {
            where.append(" and p.status = :status");
            params.put("status", status.name());
        }
        if (from != null) {
            where.append(" and p.created_at >= :from");
            params.put("from", from);
        }
        if (before != null) {
            where.append(" and p.created_at < :before");
            params.put("before", before);
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) (page - 1) * size);
        List<Payment> rows = jdbc.sql("select p.*" + where + " order by p.created_at desc, p.payment_id desc limit :limit offset :offset")
                .params(params).query(PaymentRepository::payment).list();
        java.util.Map<Long, List<PaymentList.PaymentAllocationItem>> parts = new java.util.HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("""
                    select payment_id, account_number, invoice_number, amount from payment_allocation
                    where payment_id in (:ids) order by payment_id, position
                    """).param("ids", rows.stream().map(Payment::id).toList())
                    .query((rs, n) -> {
                        parts.computeIfAbsent(rs.getLong("payment_id"), k -> new java.util.ArrayList<>()).add(
                                new PaymentList.PaymentAllocationItem(rs.getString("account_number"), rs.getString("invoice_number"),
                                        rs.getBigDecimal("amount")));
                        return 1;
                    }).list();
        }
        List<PaymentList.PaymentItem> items = rows.stream().map(p -> new PaymentList.PaymentItem(p.guid(), p.accountNumber(),
                parts.getOrDefault(p.id(), List.of(new PaymentList.PaymentAllocationItem(p.accountNumber(), p.invoiceNumber(), p.amount()))),
                p.amount(), p.fee(), p.channel(), p.status(), new PaymentList.PaymentMethodSummary(p.method(), p.brand(), p.last4()),
                p.createdAt())).toList();
        return new PaymentList.PaymentPage(items, page, size, total, (int) ((total + size - 1) / size));
    }

    /** Attempts whose outcome is not known yet, untouched since {@code before}, the longest waiting first. */
    List<Payment> unresolved(OffsetDateTime before) {
        return jdbc.sql("""
                select * from payment where status in ('INITIATED', 'UNKNOWN') and updated_at < ?
                order by updated_at, payment_id limit 500
                """).param(before).query(PaymentRepository::payment).list();
    }

    /**
     * Sends an attempt the repair job could not settle to the back of its queue, so one that keeps failing
     * never holds the places of the others.
     */
    void postpone(long id) {
        jdbc.sql("update payment set updated_at = now() where payment_id = ? and status in ('INITIATED', 'UNKNOWN')")
                .param(id).update();
    }

    private static Payment payment(ResultSet rs, int n) throws SQLException {
        return new Payment(rs.getLong("payment_id"), rs.getObject("payment_guid", UUID.class), rs.getLong("biller_id"),
                rs.getString("account_number"), rs.getString("invoice_number"), Channel.valueOf(rs.getString("channel")),
                Method.valueOf(rs.getString("method")), PaymentStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("amount"), rs.getBigDecimal("fee"), rs.getString("card_brand"), rs.getString("last4"),
                rs.getString("approval_code"), rs.getString("gateway_message"), rs.getString("payer_email"),
                rs.getString("kiosk_id"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
