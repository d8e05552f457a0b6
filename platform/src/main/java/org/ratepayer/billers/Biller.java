package org.ratepayer.billers;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.ratepayer.bif.FileSpec;

/**
 * @param timeZone the biller's own zone: its "today" for bills and scheduled payments, its batch business
 *                 days and the offset of the times it sends a CIS (docs/time-zones.md)
 */
public record Biller(long bid, UUID guid, String name, String template, FileSpec fileSpec, ZoneId timeZone,
        OffsetDateTime createdAt) {
}
