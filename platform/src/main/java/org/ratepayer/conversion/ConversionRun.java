package org.ratepayer.conversion;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An applied conversion, as conversion_run records it. {@code counts}: rows re-keyed per table. {@code invitePayers}:
 * whether the payers it unregistered were emailed a link to register again.
 */
public record ConversionRun(long conversionId, long billerId, String planChecksum, int accounts, Map<String, Long> counts,
        String status, String actor, OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime rolledBackAt,
        String rolledBackBy, boolean invitePayers) {
}
