package org.ratepayer.cis;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connector may know of one biller: its id, its numbered advanced settings (secrets already
 * decrypted) and its option values, how long a call may take, and its time zone, in which every time
 * the CIS is told carries its offset (docs/time-zones.md). Never logged: toString hides values.
 */
public record CisBiller(long bid, Map<Integer, String> settings, Map<Integer, String> options, Duration timeout,
        ZoneId timeZone) {

    public CisBiller {
        settings = Map.copyOf(settings);
        options = Map.copyOf(options);
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /** That instant as the biller's wall clock shows it, with the offset then in force. */
    public OffsetDateTime local(Instant at) {
        return at.atZone(timeZone).toOffsetDateTime();
    }

    public Optional<String> setting(int id) {
        return Optional.ofNullable(settings.get(id)).filter(s -> !s.isBlank());
    }

    public Optional<String> option(int id) {
        return Optional.ofNullable(options.get(id));
    }

    @Override
    public String toString() {
        return "CisBiller[bid=" + bid + ", settings=" + settings.keySet() + ", timeZone=" + timeZone + "]";
    }
}
