package org.ratepayer.cissim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Toolbox session ids look like {@code 2013-01-01_010101}: the reply's time to the second. */
final class SessionIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss")
            .withZone(ZoneOffset.UTC);

    private SessionIds() {
    }

    static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
