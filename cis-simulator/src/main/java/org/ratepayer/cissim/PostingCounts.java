package org.ratepayer.cissim;

/**
 * Running totals of what was posted, kept as the postings arrive: O(1) to read however many there are,
 * so a load test can watch them while it drains.
 *
 * @param payments          tenders posted (each transactionId once)
 * @param paymentArrivals   tenders received and not refused, repeats included
 * @param duplicatesRefused arrivals answered as duplicates: paymentArrivals - payments
 * @param paperless         EBILL changes recorded
 * @param historyComments   distinct history comments recorded
 * @param refused           items answered with a refusal (see {@link SimulatorState#refusePostings})
 */
public record PostingCounts(long payments, long paymentArrivals, long duplicatesRefused, long paperless,
                            long historyComments, long refused) {
}
