package org.ratepayer.shared.throttle;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * A budget of failures: {@code capacity} at once, then one more each {@code refillEvery} (docs/throttling.md).
 * Only failures spend it, so the budget decides how long a guesser waits, never whether a right answer counts.
 */
public record Limit(int capacity, Duration refillEvery) {

    public Limit {
        if (capacity < 1) {
            throw new IllegalArgumentException("a throttle capacity must be at least 1, not " + capacity);
        }
        if (refillEvery == null || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("a throttle refill period must be longer than zero, not " + refillEvery);
        }
    }

    /**
     * Greedy refill: a token comes back bit by bit rather than all at the end of a window, so the longest wait
     * anyone is told is one {@code refillEvery}, and there is no window edge at which a burst opens up again.
     */
    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(1, refillEvery))
                .build();
    }

    /** What Retry-After says for a wait of {@code nanos}: whole seconds, rounded up, never 0 (a client retrying at once would be refused again). */
    static long retryAfterSeconds(long nanos) {
        return nanos <= 0 ? 1 : (nanos - 1) / 1_000_000_000L + 1;
    }
}
