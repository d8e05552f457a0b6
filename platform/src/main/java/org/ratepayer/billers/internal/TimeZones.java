package org.ratepayer.billers.internal;

import org.ratepayer.billers.ConfigValidationException;
import java.time.ZoneId;

/**
 * Reads a biller's time zone as given by an operator. Only IANA region names (and UTC) are taken:
 * a fixed offset such as {@code -05:00} would silently be an hour wrong half the year, and the
 * legacy abbreviations ({@code EST}, {@code CST6CDT}) are ambiguous or ignore daylight saving
 * (docs/time-zones.md).
 */
public final class TimeZones {

    static final String FIELD = "timeZone";

    private TimeZones() {
    }

    /** @throws ConfigValidationException naming the field {@value #FIELD} for anything else */
    public static ZoneId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigValidationException(FIELD, "required, an IANA time zone such as America/New_York");
        }
        String id = text.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id) || !(id.contains("/") || id.equals("UTC"))) {
            throw new ConfigValidationException(FIELD,
                    "'" + id + "' is not an IANA time zone (for example America/New_York, America/Chicago or UTC)");
        }
        return ZoneId.of(id);
    }
}
