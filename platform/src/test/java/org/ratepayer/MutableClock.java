package org.ratepayer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in integration tests: it follows the real time until a test stops it at a
 * chosen moment, and {@link PlatformIT} lets it run again after every test. Only what the application
 * reads through its {@link Clock} bean moves; the database's own {@code now()} (row timestamps, posting
 * schedules, Pay Now link expiry) stays real.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> stoppedAt;
    private final ZoneId zone;

    public MutableClock(ZoneId zone) {
        this(new AtomicReference<>(), zone);
    }

    private MutableClock(AtomicReference<Instant> stoppedAt, ZoneId zone) {
        this.stoppedAt = stoppedAt;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that still follows this clock, so a component that changes zone keeps the test's time. */
    @Override
    public Clock withZone(ZoneId other) {
        return new MutableClock(stoppedAt, other);
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt.get();
        return stopped != null ? stopped : Instant.now();
    }

    /** Stops the clock at this instant. */
    public void set(Instant instant) {
        stoppedAt.set(instant);
    }

    /** Stops the clock at noon of this day in the clock's zone, far from midnight in any zone a rule might use. */
    public void setDay(LocalDate day) {
        set(day.atTime(LocalTime.NOON).atZone(zone).toInstant());
    }

    /** Moves a stopped clock on (or stops a running one this far ahead of now). */
    public void advance(Duration by) {
        stoppedAt.updateAndGet(i -> (i != null ? i : Instant.now()).plus(by));
    }

    /** Back to the real time. */
    public void reset() {
        stoppedAt.set(null);
    }

    /** Puts this clock in place of the application's; {@link Primary} rather than an override, which Spring Boot forbids. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(ZoneId.systemDefault());
        }
    }
}
