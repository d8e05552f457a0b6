package org.ratepayer.daffron;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The {@code logTime} of a history comment: {@code yyyy-MM-dd'T'HH:mm:ss±hh:mm} (docs/daffron.md), the biller's
 * wall-clock time with the offset then in force (docs/time-zones.md). No fractional seconds, and the
 * offset always as {@code ±hh:mm}: the pattern letter {@code xxx} prints {@code +00:00} where
 * {@code XXX} (and XMLGregorianCalendar) would print {@code Z}, which the seed's format does not allow.
 * The multispeak binding carries this text to the wire unchanged.
 */
final class LogTimes {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private LogTimes() {
    }

    /** The moment {@code at} as the biller's clock showed it, whatever offset it was recorded with. */
    static String text(OffsetDateTime at, ZoneId billerZone) {
        return FORMAT.format(at.truncatedTo(ChronoUnit.SECONDS).atZoneSameInstant(billerZone));
    }
}
