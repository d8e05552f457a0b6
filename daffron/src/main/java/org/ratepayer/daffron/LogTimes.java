package org.ratepayer.daffron;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * The {@code logTime} of a history comment, {@code yyyy-MM-dd'T'HH:mm:ssXXX} (seed 002). The calendar
 * is built from exactly that text, so JAXB writes it back unchanged: no fractional seconds, the
 * posting's own offset ({@code Z} for UTC).
 */
final class LogTimes {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private LogTimes() {
    }

    static String text(OffsetDateTime at) {
        return FORMAT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    static XMLGregorianCalendar of(OffsetDateTime at) {
        return DATATYPES.newXMLGregorianCalendar(text(at));
    }
}
