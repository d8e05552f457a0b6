package org.ratepayer.billers;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.ratepayer.bif.FileSpec;

public record Biller(long bid, UUID guid, String name, String template, FileSpec fileSpec, OffsetDateTime createdAt) {
}
