package org.ratepayer.postings;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.postings.internal.PostingRepository;
import org.ratepayer.postings.internal.PostingSignal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The postings monitor for one biller, as the staff portal shows it (docs/postings.md, docs/staff-portal.md): counts
 * per kind and status, the age of the oldest pending posting, the parked ones, and staff's retry and skip, the same
 * operations as the REST API's. Retry and skip join the caller's transaction.
 */
@Service
public class PostingsMonitor {

    /** Counts of one kind: pending, parked, delivered and skipped. */
    public record Counts(long pending, long parked, long delivered, long skipped) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    /** The biller's postings at a glance; {@code oldestPending} is zero when nothing waits. */
    public record Summary(Map<PostingKind, Counts> byKind, Duration oldestPending) {
    }

    /** A posting as the monitor lists it. */
    public record Listed(UUID postingId, PostingKind kind, String orderKey, String status, int attempts, String lastError,
            OffsetDateTime createdAt, OffsetDateTime deliveredAt) {
    }

    private final JdbcClient jdbc;
    private final PostingRepository postings;
    private final PostingSignal signal;
    private final Clock clock;

    public PostingsMonitor(JdbcClient jdbc, PostingRepository postings, PostingSignal signal, Clock clock) {
        this.jdbc = jdbc;
        this.postings = postings;
        this.signal = signal;
        this.clock = clock;
    }

    public Summary summary(long bid) {
        Map<PostingKind, Counts> byKind = new EnumMap<>(PostingKind.class);
        for (PostingKind k : PostingKind.values()) {
            byKind.put(k, Counts.NONE);
        }
        jdbc.sql("""
                select kind, count(*) filter (where status = 'PENDING') as pending, count(*) filter (where status = 'PARKED') as parked,
                       count(*) filter (where status = 'DELIVERED') as delivered, count(*) filter (where status = 'SKIPPED') as skipped
                from posting where biller_id = ? group by kind
                """).param(bid).query((rs, n) -> {
                    byKind.put(PostingKind.valueOf(rs.getString("kind")), new Counts(rs.getLong("pending"), rs.getLong("parked"),
                            rs.getLong("delivered"), rs.getLong("skipped")));
                    return null;
                }).list();
        OffsetDateTime oldest = jdbc.sql("select min(created_at) from posting where biller_id = ? and status = 'PENDING'")
                .param(bid).query(OffsetDateTime.class).optional().orElse(null);
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
        return new Summary(byKind, age.isNegative() ? Duration.ZERO : age);
    }

    /** The newest postings of a status (PENDING, PARKED, DELIVERED, SKIPPED), at most {@code limit}. */
    public List<Listed> list(long bid, String status, int limit) {
        return postings.list(bid, status, limit).stream().map(p -> new Listed(p.postingId(), p.kind(), p.orderKey(), p.status(),
                p.attempts(), p.lastError(), p.createdAt(), p.deliveredAt())).toList();
    }

    /** A parked posting goes again; false when it is not parked (any more). */
    public boolean retry(long bid, UUID id, String actor, String reason) {
        boolean done = postings.retry(bid, id, actor, reason);
        if (done) {
            wakeAfterCommit();
        }
        return done;
    }

    /** A parked posting will never be delivered; the postings behind it go on. False when it is not parked. */
    public boolean skip(long bid, UUID id, String actor, String reason) {
        boolean done = postings.skip(bid, id, actor, reason);
        if (done) {
            wakeAfterCommit();
        }
        return done;
    }

    /**
     * The workers look at once, but only after the caller's transaction (if any: a staff page records its audit row
     * in the same one) has committed, or they would find the posting still parked.
     */
    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        } else {
            signal.wake();
        }
    }
}
