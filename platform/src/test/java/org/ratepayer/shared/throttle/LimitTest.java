package org.ratepayer.shared.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A budget as a table: so many failures at once, then one more per refill period, and the wait it announces. */
class LimitTest {

    private static final class Time implements TimeMeter {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} at once, one more every {1}: after {2} failures and {3} ms, next allowed {4}, Retry-After {5}")
    @CsvSource({
            // capacity, refill, failures, then ms, next allowed, Retry-After
            "10, PT30S, 9,      0, true,  0",
            "10, PT30S, 10,     0, false, 30",
            "10, PT30S, 10, 10000, false, 20",
            "10, PT30S, 10, 29000, false, 1",
            "10, PT30S, 10, 29500, false, 1",
            "10, PT30S, 10, 30000, true,  0",
            "30, PT15S, 30,     0, false, 15",
            "30, PT15S, 30, 14999, false, 1",
            "30, PT15S, 30, 15000, true,  0",
            "1,  PT1S,  1,      0, false, 1",
            // a budget refills up to its capacity and no further: an idle hour does not bank failures
            "5,  PT10S, 0, 3600000, true, 0",
    })
    void failuresAreAllowedInABurstThenOneEveryRefillPeriod(int capacity, Duration refill, int failures, long thenMillis,
            boolean nextAllowed, long retryAfter) {
        Time time = new Time();
        Bucket bucket = Bucket.builder().withCustomTimePrecision(time)
                .addLimit(new Limit(capacity, refill).bucket().getBandwidths()[0]).build();
        for (int i = 0; i < failures; i++) {
            assertThat(bucket.tryConsume(1)).as("failure %d of %d", i + 1, failures).isTrue();
        }
        time.nanos.addAndGet(Duration.ofMillis(thenMillis).toNanos());
        ConsumptionProbe next = bucket.tryConsumeAndReturnRemaining(1);
        assertThat(next.isConsumed()).isEqualTo(nextAllowed);
        if (!nextAllowed) {
            assertThat(Limit.retryAfterSeconds(next.getNanosToWaitForRefill())).isEqualTo(retryAfter);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "5,  PT10S, 6",
            "1,  PT1M,  2",
    })
    void aFullBudgetAllowsExactlyItsCapacity(int capacity, Duration refill, int tries) {
        Bucket bucket = Bucket.builder().withCustomTimePrecision(new Time())
                .addLimit(new Limit(capacity, refill).bucket().getBandwidths()[0]).build();
        int allowed = 0;
        for (int i = 0; i < tries; i++) {
            allowed += bucket.tryConsume(1) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(capacity);
    }

    @ParameterizedTest(name = "a wait of {0} ns is announced as {1} s")
    @CsvSource({
            "-5,          1",
            "0,           1",
            "1,           1",
            "999999999,   1",
            "1000000000,  1",
            "1000000001,  2",
            "29500000000, 30",
            "30000000000, 30",
            "9223372036854775807, 9223372037",
    })
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero(long nanos, long seconds) {
        assertThat(Limit.retryAfterSeconds(nanos)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @CsvSource({
            "0,  PT30S, capacity must be at least 1",
            "-1, PT30S, capacity must be at least 1",
            "10, PT0S,  refill period must be longer than zero",
            "10, -PT1S, refill period must be longer than zero",
    })
    void aBudgetThatCouldNeverAllowOrNeverForgiveIsRefusedAtStartup(int capacity, Duration refill, String message) {
        assertThatThrownBy(() -> new Limit(capacity, refill)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
