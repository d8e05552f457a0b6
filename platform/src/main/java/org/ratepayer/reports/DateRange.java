package org.ratepayer.reports;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.ratepayer.shared.web.BadRequestException;

/**
 * The biller's days a report covers, both included. A range is at most {@link #MAX_DAYS} days, so one request cannot
 * make the database add up years of payments at once.
 */
public record DateRange(LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 366;

    /**
     * @throws BadRequestException naming {@code from} or {@code to} for a missing day, {@code to} for one before
     *                             {@code from} or a range longer than {@link #MAX_DAYS} days
     */
    public DateRange {
        if (from == null) {
            throw new BadRequestException("from", "the first day is required (YYYY-MM-DD)");
        }
        if (to == null) {
            throw new BadRequestException("to", "the last day is required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new BadRequestException("to", "the last day " + to + " is before the first day " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadRequestException("to", "a report covers at most " + MAX_DAYS + " days");
        }
    }

    /** One day. */
    public static DateRange day(LocalDate day) {
        return new DateRange(day, day);
    }

    /** The first instant of the range in the zone (its first day's start, which is not always midnight). */
    public ZonedDateTime start(ZoneId zone) {
        return from.atStartOfDay(zone);
    }

    /** The first instant after the range: the start of the day after its last. */
    public ZonedDateTime end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone);
    }
}
