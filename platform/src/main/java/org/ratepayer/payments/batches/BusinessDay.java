package org.ratepayer.payments.batches;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where one business day of one biller ends and the next begins, in the biller's zone. Business day D
 * ends at the close time on D, or, for a close time before noon (a utility closing at 02:00), on the
 * morning after D.
 */
public final class BusinessDay {

    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

    private final LocalTime closeAt;
    private final ZoneId zone;

    public BusinessDay(LocalTime closeAt, ZoneId zone) {
        this.closeAt = Objects.requireNonNull(closeAt, "closeAt");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public LocalTime closeAt() {
        return closeAt;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The cutoff a scheduled closure running at {@code now} is for. Taken from the clock rather than
     * from the run, so a closure that runs late (the platform was down at the close time) or is
     * retried still closes the day that ended, at the moment it ended.
     */
    public Instant lastCloseAtOrBefore(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant close = today.atTime(closeAt).atZone(zone).toInstant();
        return close.isAfter(now) ? today.minusDays(1).atTime(closeAt).atZone(zone).toInstant() : close;
    }

    /**
     * The moment business day {@code day} ends (its scheduled cutoff); the day began where the day before ended.
     * The inverse of {@link #dateOf}: {@code dateOf(end(d))} is {@code d}.
     */
    public Instant end(LocalDate day) {
        LocalDate closing = closeAt.isBefore(LocalTime.NOON) ? day.plusDays(1) : day;
        return closing.atTime(closeAt).atZone(zone).toInstant();
    }

    /**
     * The business day a batch closed at {@code cutoff} belongs to: the one that ends at or after it
     * (a cutoff exactly at the close time closes that day; one just after it starts the next).
     */
    public LocalDate dateOf(Instant cutoff) {
        long closeNanos = closeAt.toNanoOfDay();
        // Slide the local time so that the day's end lands on midnight, then read the calendar date.
        long shift = closeAt.isBefore(LocalTime.NOON) ? -closeNanos : DAY_NANOS - closeNanos;
        return LocalDateTime.ofInstant(cutoff, zone).minusNanos(1).plusNanos(shift).toLocalDate();
    }
}
