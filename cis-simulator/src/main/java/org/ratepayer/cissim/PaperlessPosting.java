package org.ratepayer.cissim;

import java.time.Instant;

/**
 * An EBILL change received through ModifyCBDataForCustomer.
 *
 * @param ebill    {@code Y} (enrolled) or {@code N}
 * @param arrivals how many times in a row the same value arrived for this account; each change of
 *                 value is a posting of its own
 */
public record PaperlessPosting(long sequence, Instant receivedAt, String accountNumber, String ebill, int arrivals) {
}
