package org.ratepayer.postings;

import java.util.List;
import java.util.Set;

/**
 * Carries postings of some kinds to their receiver. Called by the outbox's workers, outside any
 * transaction, with postings of one biller and one kind; answers one {@link Delivery} per posting, in
 * order. Throwing means none of them was delivered (all are retried). Must tolerate a posting arriving
 * again (delivery is at least once).
 */
public interface Courier {

    Set<PostingKind> kinds();

    /** How many postings one {@link #deliver} call may carry. */
    default int batchSize() {
        return 1;
    }

    List<Delivery> deliver(long bid, List<QueuedPosting> postings);
}
