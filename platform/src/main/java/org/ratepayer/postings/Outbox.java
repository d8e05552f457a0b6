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
    UUID enqueue(long bid, PostingKind kind, String orderKey, Object payload);
}
