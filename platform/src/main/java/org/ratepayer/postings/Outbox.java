package org.ratepayer.postings;

import java.util.UUID;

/**
 * Queues a posting in the caller's transaction: it is delivered if and only if that transaction commits.
 * Postings with the same {@code orderKey} for one biller are delivered one after another in the order
 * queued (a later one waits while an earlier one is retrying or parked); a null key means no order.
 */
public interface Outbox {

    /**
     * @param payload a JSON-serialisable value; what the kind's {@link Courier} reads back
     * @return the posting's stable id
     * @throws IllegalStateException when called outside a transaction
     */
    default UUID enqueue(long bid, PostingKind kind, String orderKey, Object payload) {
        UUID id = UUID.randomUUID();
        enqueue(bid, kind, orderKey, id, payload);
        return id;
    }

    /** As {@link #enqueue(long, PostingKind, String, Object)}, under an id the caller made (and may have put in the payload). */
    void enqueue(long bid, PostingKind kind, String orderKey, UUID postingId, Object payload);
}
