package org.ratepayer.postings.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after failure n the wait is base·2^(n-1), capped, then scaled by a
 * random factor in [0.5, 1) so that postings failed together (a CIS outage) do not all come back at once.
 */
public record Backoff(Duration base, Duration max) {

    public Duration after(int failures, DoubleSupplier random) {
        long baseMillis = Math.max(1, base.toMillis());
        int doublings = Math.min(Math.max(failures - 1, 0), 40);
        boolean overflows = doublings >= Long.numberOfLeadingZeros(baseMillis) - 1;
        long ceiling = overflows ? max.toMillis() : Math.min(max.toMillis(), baseMillis << doublings);
        return Duration.ofMillis((long) (ceiling * (0.5 + random.getAsDouble() / 2)));
    }
}
