package org.ratepayer.postings;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A posting as a courier receives it: its stable id (the same on every attempt), the biller, the
 * ordering key it was queued under, its kind, the payload JSON written when it was queued, and which
 * attempt this is (1 for the first).
 */
public record QueuedPosting(long id, UUID postingId, long bid, String orderKey, PostingKind kind, String payload,
        int attempt, OffsetDateTime createdAt) {
}
