package org.ratepayer.postings.internal;

import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.PumpHold;
import org.ratepayer.postings.QueuedPosting;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The posting table: queueing, claiming in order, recording outcomes, and the staff actions. */
@Repository
public class PostingRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public PostingRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The first key of the transaction-scoped advisory locks that queue one order key's postings (docs/postings.md). */
    private static final int ORDER_LOCK_CLASS = 0x506f7374; // "Post"

    void insert(UUID guid, long bid, PostingKind kind, String orderKey, String payload) {
        // Postings leave in id order, but ids are drawn when a transaction inserts, not when it commits: without this
        // lock a later payment of the account committing first would be sent before an earlier one still committing.
        // Held until this transaction ends, so the next posting of the key draws its id only after this one is visible.
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(ORDER_LOCK_CLASS, bid + "/" + orderKey)
                .query((rs, n) -> 1).list();
        jdbc.sql("insert into posting (posting_guid, biller_id, kind, order_key, payload) values (?, ?, ?, ?, ?::jsonb)")
                .params(guid, bid, kind.name(), orderKey, payload).update();
    }

    /**
     * Claims up to {@code limit} due postings for {@code lease}. A posting is due when it is pending, its
     * next attempt has come, nobody holds it, and no earlier posting with its order key is still open
     * (pending, even if claimed by someone else, or parked): that is what keeps one account's postings in
     * order across any number of workers and processes. A biller whose postings a conversion holds is passed over.
     */
    List<QueuedPosting> claim(String worker, int limit, Duration lease) {
        return jdbc.sql("""
                with due as (
                    select p.posting_id from posting p
                    where p.status = 'PENDING' and p.next_attempt_at <= now()
                      and (p.leased_until is null or p.leased_until < now())
                      and (p.order_key is null or not exists (
                            select 1 from posting e
                            where e.biller_id = p.biller_id and e.order_key = p.order_key
                              and e.posting_id < p.posting_id and e.status in ('PENDING', 'PARKED')))
                      -- a biller a conversion holds is passed over (PumpHold, docs/conversion.md)
                      and pg_try_advisory_xact_lock_shared(?, (p.biller_id & 2147483647)::int)
                    order by p.next_attempt_at, p.posting_id
                    limit ?
                    for update of p skip locked)
                update posting p set leased_until = now() + make_interval(secs => ?), leased_by = ?,
                       attempts = p.attempts + 1, updated_at = now()
                from due where p.posting_id = due.posting_id
                returning p.posting_id, p.posting_guid, p.biller_id, p.order_key, p.kind, p.payload::text as payload,
                          p.attempts, p.created_at
                """).params(PumpHold.HOLD_LOCK_CLASS, limit, lease.toMillis() / 1000.0, worker).query(PostingRepository::queued).list();
    }

    /**
     * Renews this worker's lease on {@code ids} just before they are sent, and answers those it still holds:
     * pending and not claimed by anyone since (a claim writes its own worker into leased_by, under the row
     * lock this update waits for). A lease that ran out but that nobody took is still this worker's. The
     * others were claimed by another worker after this one's lease lapsed and must not be sent from here
     * (docs/postings.md, Leases).
     */
    Set<Long> renew(String worker, List<Long> ids, Duration lease) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                update posting set leased_until = now() + make_interval(secs => :secs), updated_at = now()
                where posting_id in (:ids) and status = 'PENDING' and leased_by = :worker
                returning posting_id
                """).param("secs", lease.toMillis() / 1000.0).param("ids", ids).param("worker", worker)
                .query(Long.class).list());
    }

    /**
     * Gives back claimed postings this worker will not reach (it is stopping, or the round failed part way), so
     * that any worker may claim them at once instead of after the lease. The claim counted an attempt that
     * never happened; it is taken back.
     */
    int release(String worker, List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update posting set leased_until = null, leased_by = null, attempts = attempts - 1, updated_at = now()
                where posting_id in (:ids) and status = 'PENDING' and leased_by = :worker
                """).param("ids", ids).param("worker", worker).update();
    }

    /**
     * Records deliveries; only for postings this worker still holds (a lapsed lease may have been claimed
     * again). leased_by stays, saying which worker delivered it.
     */
    void delivered(String worker, List<Long> ids, List<String> outcomes) {
        batch.batchUpdate("""
                update posting set status = 'DELIVERED', delivered_at = now(), outcome = ?, leased_until = null,
                       last_error = null, updated_at = now()
                where posting_id = ? and status = 'PENDING' and leased_by = ?
                """, indexes(ids.size()), 500, (ps, i) -> {
                    ps.setString(1, outcomes.get(i));
                    ps.setLong(2, ids.get(i));
                    ps.setString(3, worker);
                });
    }

    /** A failed attempt of posting {@code id}: back to pending in {@code retryIn}. */
    record Retry(long id, String error, Duration retryIn) {
    }

    void failed(String worker, List<Retry> retries) {
        batch.batchUpdate("""
                update posting set next_attempt_at = now() + make_interval(secs => ?), last_error = ?, leased_until = null,
                       leased_by = null, updated_at = now()
                where posting_id = ? and status = 'PENDING' and leased_by = ?
                """, retries, 500, (ps, r) -> {
                    ps.setDouble(1, r.retryIn().toMillis() / 1000.0);
                    ps.setString(2, r.error());
                    ps.setLong(3, r.id());
                    ps.setString(4, worker);
                });
        // The postings queued behind a failed one cannot go before it anyway: moving them back with it keeps
        // them out of every claim's scan until then (a CIS outage would otherwise fill the due range with
        // postings that each claim has to look at and pass over).
        batch.batchUpdate("""
                update posting s set next_attempt_at = greatest(s.next_attempt_at, p.next_attempt_at)
                from posting p
                where p.posting_id = ? and s.biller_id = p.biller_id and s.order_key = p.order_key
                  and s.status = 'PENDING' and s.posting_id > p.posting_id
                """, retries, 500, (ps, r) -> ps.setLong(1, r.id()));
    }

    /** Out of attempts: parked for staff, with the receiver's last error. */
    boolean park(String worker, long id, String error) {
        int n = jdbc.sql("""
                update posting set status = 'PARKED', last_error = ?, leased_until = null, leased_by = null, updated_at = now()
                where posting_id = ? and status = 'PENDING' and leased_by = ?
                """).params(error, id, worker).update();
        if (n == 1) {
            event(id, "PARKED", "outbox", error);
            // held back until staff retry or skip it (see successorsDue)
            jdbc.sql("""
                    update posting s set next_attempt_at = 'infinity'
                    from posting p
                    where p.posting_id = ? and s.biller_id = p.biller_id and s.order_key = p.order_key
                      and s.status = 'PENDING' and s.posting_id > p.posting_id
                    """).param(id).update();
        }
        return n == 1;
    }

    /** Staff: a parked posting goes again, with a fresh set of attempts. */
    public boolean retry(long bid, UUID guid, String actor, String reason) {
        Optional<Long> id = jdbc.sql("""
                update posting set status = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now()
                where biller_id = ? and posting_guid = ? and status = 'PARKED' returning posting_id
                """).params(bid, guid).query(Long.class).optional();
        id.ifPresent(i -> {
            event(i, "RETRY", actor, reason);
            successorsDue(i);
        });
        return id.isPresent();
    }

    /** Staff: a parked posting will never be delivered; the postings behind it go on. */
    public boolean skip(long bid, UUID guid, String actor, String reason) {
        Optional<Long> id = jdbc.sql("""
                update posting set status = 'SKIPPED', updated_at = now()
                where biller_id = ? and posting_guid = ? and status = 'PARKED' returning posting_id
                """).params(bid, guid).query(Long.class).optional();
        id.ifPresent(i -> {
            event(i, "SKIP", actor, reason);
            successorsDue(i);
        });
        return id.isPresent();
    }

    /** The postings a parked one held back are due again (each still waits for the ones before it). */
    private void successorsDue(long id) {
        jdbc.sql("""
                update posting s set next_attempt_at = now()
                from posting p
                where p.posting_id = ? and s.biller_id = p.biller_id and s.order_key = p.order_key
                  and s.status = 'PENDING' and s.posting_id > p.posting_id and s.next_attempt_at = 'infinity'
                """).param(id).update();
    }

    private void event(long id, String action, String actor, String reason) {
        jdbc.sql("insert into posting_event (posting_id, action, actor, reason) values (?, ?, ?, ?)")
                .params(id, action, actor, reason).update();
    }

    /** A posting as staff see it. */
    public record PostingView(UUID postingId, PostingKind kind, String orderKey, String status, int attempts,
            OffsetDateTime nextAttemptAt, String lastError, String outcome,
            @com.fasterxml.jackson.annotation.JsonRawValue String payload, OffsetDateTime createdAt,
            OffsetDateTime deliveredAt, List<EventView> events) {
    }

    public record EventView(String action, String actor, String reason, OffsetDateTime at) {
    }

    public List<PostingView> list(long bid, String status, int limit) {
        return jdbc.sql("""
                select * from posting where biller_id = ? and status = ? order by posting_id desc limit ?
                """).params(bid, status, limit).query((rs, n) -> view(rs)).list();
    }

    public Optional<PostingView> find(long bid, UUID guid) {
        return jdbc.sql("select * from posting where biller_id = ? and posting_guid = ?").params(bid, guid)
                .query((rs, n) -> view(rs)).optional();
    }

    private PostingView view(ResultSet rs) throws SQLException {
        long id = rs.getLong("posting_id");
        List<EventView> events = jdbc.sql("select action, actor, reason, at from posting_event where posting_id = ? order by event_id")
                .param(id).query((e, n) -> new EventView(e.getString("action"), e.getString("actor"), e.getString("reason"),
                        e.getObject("at", OffsetDateTime.class))).list();
        return new PostingView(rs.getObject("posting_guid", UUID.class), PostingKind.valueOf(rs.getString("kind")),
                rs.getString("order_key"), rs.getString("status"), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"), rs.getString("outcome"),
                rs.getString("payload"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("delivered_at", OffsetDateTime.class), events);
    }

    /** Counts by status and the age of the oldest pending posting, over every biller (for metrics and health). */
    public record Backlog(long pending, long parked, Duration oldestPending) {
    }

    public Backlog backlog() {
        return jdbc.sql("""
                select count(*) filter (where status = 'PENDING') as pending,
                       count(*) filter (where status = 'PARKED') as parked,
                       (extract(epoch from now() - min(created_at) filter (where status = 'PENDING')) * 1000)::bigint as oldest_ms
                from posting where status in ('PENDING', 'PARKED')
                """).query((rs, n) -> {
                    long oldestMillis = rs.getLong("oldest_ms");
                    return new Backlog(rs.getLong("pending"), rs.getLong("parked"),
                            rs.wasNull() ? Duration.ZERO : Duration.ofMillis(oldestMillis));
                }).single();
    }

    private static QueuedPosting queued(ResultSet rs, int n) throws SQLException {
        return new QueuedPosting(rs.getLong("posting_id"), rs.getObject("posting_guid", UUID.class), rs.getLong("biller_id"),
                rs.getString("order_key"), PostingKind.valueOf(rs.getString("kind")), rs.getString("payload"),
                rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static List<Integer> indexes(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }
}
