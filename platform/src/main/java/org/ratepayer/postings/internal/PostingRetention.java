package org.ratepayer.postings.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.ratepayer.shared.config.RetentionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets postings that are done with: DELIVERED or SKIPPED ones not changed for
 * {@code ratepayer.retention.delivered-postings}, with their events (docs/operations.md, "Retention"). PENDING and
 * PARKED postings are never touched, however old: they are still owed to someone.
 */
@Component
public class PostingRetention {

    private static final Logger log = LoggerFactory.getLogger(PostingRetention.class);

    private final JdbcClient jdbc;
    private final RetentionProperties props;
    private final Clock clock;
    private final Counter postingsRemoved;
    private final Counter eventsRemoved;

    public PostingRetention(JdbcClient jdbc, RetentionProperties props, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
        // registered now, so that a dashboard finds them before the first removal
        this.postingsRemoved = meters.counter(RetentionProperties.REMOVED_METER, "kind", "postings");
        this.eventsRemoved = meters.counter(RetentionProperties.REMOVED_METER, "kind", "posting-events");
    }

    public record Removed(long postings, long events) {
    }

    /** One pass: batch after batch until nothing old enough is left. */
    public Removed run() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(props.deliveredPostings());
        long postings = 0;
        long events = 0;
        while (true) {
            Removed batch = removeBatch(before, props.batchSize());
            postings += batch.postings();
            events += batch.events();
            postingsRemoved.increment(batch.postings());
            eventsRemoved.increment(batch.events());
            if (batch.postings() < props.batchSize()) {
                break;
            }
        }
        if (postings > 0) {
            log.info("retention: removed {} delivered or skipped postings and {} of their events, last changed before {}",
                    postings, events, before);
        }
        return new Removed(postings, events);
    }

    /**
     * At most {@code limit} postings and their events in one statement (each its own short transaction). The foreign
     * key from posting_event is checked at the statement's end, when both deletes are done. SKIP LOCKED passes over a
     * posting someone is changing right now; the next run gets it.
     */
    private Removed removeBatch(OffsetDateTime before, int limit) {
        return jdbc.sql("""
                with doomed as (
                    select posting_id from posting
                    where status in ('DELIVERED', 'SKIPPED') and updated_at < ?
                    order by updated_at limit ? for update skip locked),
                events as (delete from posting_event e using doomed d where e.posting_id = d.posting_id returning 1),
                gone as (delete from posting p using doomed d where p.posting_id = d.posting_id returning 1)
                select (select count(*) from gone), (select count(*) from events)
                """).params(before, limit).query((rs, n) -> new Removed(rs.getLong(1), rs.getLong(2))).single();
    }
}
