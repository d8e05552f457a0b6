package org.ratepayer.cis;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a connector may know of one biller: its id, its numbered advanced settings (secrets already
 * decrypted) and its option values, and how long a call may take. Never logged: toString hides values.
 */
public record CisBiller(long bid, Map<Integer, String> settings, Map<Integer, String> options, Duration timeout) {

    public CisBiller {
        settings = Map.copyOf(settings);
        options = Map.copyOf(options);
    }

    public Optional<String> setting(int id) {
        return Optional.ofNullable(settings.get(id)).filter(s -> !s.isBlank());
    }

    public Optional<String> option(int id) {
        return Optional.ofNullable(options.get(id));
    }

    @Override
    public String toString() {
        return "CisBiller[bid=" + bid + ", settings=" + settings.keySet() + "]";
    }
}
