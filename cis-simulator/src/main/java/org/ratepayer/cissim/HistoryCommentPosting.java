package org.ratepayer.cissim;

import java.time.Instant;

/**
 * An account history comment received through WriteAccountHistoryComments.
 *
 * @param logTime  as received (lexical xs:dateTime)
 * @param arrivals how many times an identical comment (account, location, log time, text) arrived
 */
public record HistoryCommentPosting(long sequence, Instant receivedAt, String customerId, String serviceLocationId,
                                    String serviceType, String logTime, String comment, int arrivals) {
}
