package org.ratepayer.conversion;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What an apply will do, made without changing anything from the CIS's cross-reference file (docs/conversion.md, "The
 * plan"). Written to a file as JSON and given back to apply, which refuses it when the biller's state no longer has
 * {@code stateChecksum} or the pairs no longer have {@code pairsChecksum} (the file was edited).
 *
 * @param moves rows that will move, per table (invoices, payments, enrolments, saved methods, registrations...)
 */
public record ConversionPlan(int format, long billerId, OffsetDateTime madeAt, String crossReferenceSha256, String stateChecksum,
        String pairsChecksum, int accounts, Map<String, Long> moves, List<CrossReference.Mapping> pairs) {

    public static final int FORMAT = 1;
}
