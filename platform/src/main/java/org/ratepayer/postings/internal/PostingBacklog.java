package org.ratepayer.postings.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The queue's state for operations: pending and parked counts and the age of the oldest pending posting,
 * as metrics ({@code ratepayer.postings.*}) and as the {@code postings} health component, DEGRADED when a
 * posting has waited longer than {@code ratepayer.postings.degraded-after} or any is parked. Read at most
 * every few seconds, however often it is scraped.
 */
@Component("postings")
public class PostingBacklog implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "postings are waiting too long, or parked for staff");
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final PostingRepository postings;
    private final PostingsProperties props;
    private volatile PostingRepository.Backlog last;
    private volatile Instant readAt = Instant.EPOCH;

    public PostingBacklog(PostingRepository postings, PostingsProperties props, MeterRegistry meters) {
        this.postings = postings;
        this.props = props;
        Gauge.builder("ratepayer.postings.pending", this, b -> b.current().pending())
                .description("postings waiting for delivery").register(meters);
        Gauge.builder("ratepayer.postings.parked", this, b -> b.current().parked())
                .description("postings parked for staff after their last attempt").register(meters);
        Gauge.builder("ratepayer.postings.oldest.pending.age", this, b -> b.current().oldestPending().toMillis() / 1000.0)
                .baseUnit("seconds").description("how long the oldest pending posting has waited").register(meters);
    }

    public PostingRepository.Backlog current() {
        if (last == null || readAt.plus(FRESH).isBefore(Instant.now())) {
            last = postings.backlog();
            readAt = Instant.now();
        }
        return last;
    }

    @Override
    public Health health() {
        PostingRepository.Backlog b = postings.backlog();
        last = b;
        readAt = Instant.now();
        boolean late = b.oldestPending().compareTo(props.degradedAfter()) > 0;
        Health.Builder h = late || b.parked() > 0 ? Health.status(DEGRADED) : Health.up();
        return h.withDetail("pending", b.pending()).withDetail("parked", b.parked())
                .withDetail("oldestPendingSeconds", b.oldestPending().toSeconds())
                .withDetail("degradedAfterSeconds", props.degradedAfter().toSeconds()).build();
    }
}
