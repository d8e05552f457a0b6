package org.ratepayer.shared.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sign-in ladders of docs/throttling.md, played by a guesser who tries again the moment each wait is over: the
 * first few failures are free, the waits grow, none is longer than a minute, and no hour holds more than 100.
 */
class LadderTest {

    static final Ladder PER_ADDRESS = Ladder.parse(List.of("5/10s", "10/30s", "20/60s"));
    static final Ladder PER_USERNAME = Ladder.parse(List.of("10/10s", "40/60s"));

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

    /** When each failure was let through (seconds from the start), and each wait announced on the way. */
    record Played(List<Long> failureAt, List<Long> waits) {
    }

    private static Played play(Ladder ladder, Duration forHowLong) {
        Time time = new Time();
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (var bandwidth : ladder.bucket().getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        Bucket bucket = builder.build();
        List<Long> at = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        while (time.nanos.get() < forHowLong.toNanos()) {
            ConsumptionProbe p = bucket.tryConsumeAndReturnRemaining(1);
            if (p.isConsumed()) {
                at.add(time.nanos.get() / 1_000_000_000L);
            } else {
                long wait = Limit.retryAfterSeconds(p.getNanosToWaitForRefill());
                waits.add(wait);
                time.nanos.addAndGet(Duration.ofSeconds(wait).toNanos());
            }
        }
        return new Played(at, waits);
    }

    private static long busiestHour(List<Long> failureAt) {
        long most = 0;
        for (int i = 0; i < failureAt.size(); i++) {
            long start = failureAt.get(i);
            most = Math.max(most, failureAt.stream().filter(t -> t >= start && t < start + 3600).count());
        }
        return most;
    }

    @Test
    void perAddressTheFirstFiveAreFreeThenWaitsGrowToAMinuteAndNoHourHoldsMoreThan80() {
        Played p = play(PER_ADDRESS, Duration.ofHours(3));
        assertThat(p.failureAt().subList(0, 5)).containsOnly(0L);
        assertThat(p.waits().get(0)).isEqualTo(10);
        assertThat(p.waits()).allSatisfy(w -> assertThat(w).isBetween(1L, 60L));
        assertThat(p.waits()).contains(30L, 60L);
        assertThat(p.waits().indexOf(60L)).isGreaterThan(p.waits().indexOf(30L));
        assertThat(busiestHour(p.failureAt())).isLessThanOrEqualTo(80);
        assertThat(PER_ADDRESS.mostPerHour()).isEqualTo(80);
    }

    @Test
    void perUsernameTheFirstTenAreFreeThenWaitsGrowToAMinuteAndNoHourHoldsMoreThan100() {
        Played p = play(PER_USERNAME, Duration.ofHours(3));
        assertThat(p.failureAt().subList(0, 10)).containsOnly(0L);
        assertThat(p.waits().get(0)).isEqualTo(10);
        assertThat(p.waits()).allSatisfy(w -> assertThat(w).isBetween(1L, 60L));
        assertThat(p.waits()).contains(60L);
        assertThat(busiestHour(p.failureAt())).isLessThanOrEqualTo(100);
        assertThat(PER_USERNAME.mostPerHour()).isEqualTo(100);
    }

    /** A stranger on one address runs out before any username does, so alone it can never empty one. */
    @Test
    void oneAddressAloneNeverEmptiesAUsername() {
        Played p = play(PER_ADDRESS, Duration.ofHours(3));
        Played u = play(PER_USERNAME, Duration.ofHours(3));
        for (long t = 0; t < 3 * 3600; t += 10) {
            long at = t;
            long byAddress = p.failureAt().stream().filter(x -> x <= at).count();
            long byUsername = u.failureAt().stream().filter(x -> x <= at).count();
            assertThat(byAddress).as("failures allowed by %d s", t).isLessThan(byUsername);
        }
    }

    @Test
    void stepsAreWrittenAsCapacitySlashRefill() {
        assertThat(Ladder.parse(List.of(" 3 / 1m ")).steps()).containsExactly(new Limit(3, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> Ladder.parse(List.of("5")))
                .hasMessageContaining("a throttle step is CAPACITY/REFILL, such as 5/10s, not 5");
        assertThatThrownBy(() -> Ladder.parse(List.of())).hasMessageContaining("at least one step");
    }
}
