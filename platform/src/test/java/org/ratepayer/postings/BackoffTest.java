package org.ratepayer.postings;

import org.ratepayer.postings.internal.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));

    @Test
    void doublesPerFailureBetweenHalfAndAllOfTheCeiling() {
        assertThat(backoff.after(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(1, () -> 0.999)).isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(backoff.after(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(4, () -> 0.0)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void neverWaitsLongerThanTheMaximumHoweverManyFailures() {
        assertThat(backoff.after(10, () -> 0.999)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(backoff.after(1_000, () -> 0.999)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(backoff.after(Integer.MAX_VALUE, () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
    }
}
