package org.ratepayer.cis;

import java.util.UUID;

/**
 * What became of one posting in a delivery. A posting the CIS refused or that could not be sent is
 * {@link Status#FAILED} with the reason; the outbox retries it. Everything the CIS must never see
 * twice is {@link Status#DUPLICATE} on a repeat. The outbox counts a duplicate as delivered only when
 * it can be an earlier attempt of the same posting: a payment whose {@link DuplicateKey} another payment
 * carries too was refused, not posted (docs/postings.md).
 */
public record PostingResult(UUID postingId, Status status, String detail) {

    public enum Status {
        /** The CIS accepted it. */
        POSTED,
        /**
         * The CIS already had its key: an earlier attempt got through but its answer was lost, or another
         * payment carried the same key ({@link CisConnector#duplicateKey}).
         */
        DUPLICATE,
        /** Not for this CIS under the biller's settings (e.g. donation types skipped); never sent. */
        NOT_SENT,
        /** The CIS answered, for this posting, with a failure; {@code detail} has its words. */
        FAILED
    }

    public static PostingResult posted(UUID id) {
        return new PostingResult(id, Status.POSTED, null);
    }

    public static PostingResult failed(UUID id, String detail) {
        return new PostingResult(id, Status.FAILED, detail);
    }

    public boolean delivered() {
        return status != Status.FAILED;
    }
}
