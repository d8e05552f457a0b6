package org.ratepayer.billers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;

/**
 * A biller's resolved options and settings, secrets decrypted, for use inside the platform
 * (import rules, CIS endpoints). Never serialised: {@link #toString()} hides the values.
 *
 * @param options keyed by {@link #optionKey(int, int)}
 */
public record BillerConfig(long bid, Map<String, String> options, Map<Integer, String> settings, ZoneId timeZone) {

    public BillerConfig {
        options = Map.copyOf(options);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /** The biller's calendar date at this instant: the "today" of its due dates and scheduled payments. */
    public LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), timeZone);
    }

    static String optionKey(int optionId, int invoiceTypeId) {
        return optionId + "/" + invoiceTypeId;
    }

    /** A biller-wide option's value, or the catalogue's Daffron default when never set. */
    public Optional<String> option(int optionId) {
        return Optional.ofNullable(options.get(optionKey(optionId, 0)));
    }

    /** An invoice-type option, falling back to the biller-wide value. */
    public Optional<String> option(int optionId, int invoiceTypeId) {
        String v = options.get(optionKey(optionId, invoiceTypeId));
        return v != null ? Optional.of(v) : option(optionId);
    }

    public boolean enabled(int optionId) {
        return option(optionId).map(Boolean::parseBoolean).orElse(false);
    }

    public Optional<String> setting(int settingId) {
        return Optional.ofNullable(settings.get(settingId));
    }

    /** Whether balances are refreshed from the biller's CIS (setting 8 names where): then the CIS owns the block flags. */
    public boolean refreshesFromCis() {
        return setting(ConfigCatalogue.SET_RTDR_URL).filter(u -> !u.isBlank()).isPresent();
    }

    /** The most one payment may be (setting 1005), or {@link ConfigCatalogue#DEFAULT_MAXIMUM_PAYMENT} when unset. */
    public BigDecimal maximumPayment() {
        return setting(ConfigCatalogue.SET_MAXIMUM_PAYMENT).map(BigDecimal::new).orElse(ConfigCatalogue.DEFAULT_MAXIMUM_PAYMENT);
    }

    /** Biller-wide options by id (invoice-type options left out), for connectors. */
    public Map<Integer, String> billerWideOptions() {
        Map<Integer, String> out = new java.util.HashMap<>();
        options.forEach((key, value) -> {
            if (key.endsWith("/0")) {
                out.put(Integer.parseInt(key.substring(0, key.indexOf('/'))), value);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "BillerConfig[bid=" + bid + ", options=" + options.keySet() + ", settings=" + settings.keySet()
                + ", timeZone=" + timeZone + "]";
    }
}
