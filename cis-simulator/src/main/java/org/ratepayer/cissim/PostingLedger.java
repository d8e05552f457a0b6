package org.ratepayer.cissim;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * What was posted to the simulated CIS. Concurrent maps keyed per transaction, account or comment
 * keep the hot path free of any lock wider than one key; every posting costs O(1) time and one
 * small entry, so a load test can post hundreds of thousands. Only the admin snapshot walks them all.
 */
final class PostingLedger {

    /** The outcome of posting one tender. */
    record PaymentOutcome(PaymentPosting posting, boolean duplicate) {
    }

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<String, PaymentEntry> payments = new ConcurrentHashMap<>();
    /** Tenders without transactionId: never recognised again, so never looked up. */
    private final ConcurrentLinkedQueue<PaymentEntry> anonymousPayments = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<String, PaperlessEntry> latestPaperless = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PaperlessEntry> paperless = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<CommentKey, CommentEntry> comments = new ConcurrentHashMap<>();
    private final LongAdder postedPayments = new LongAdder();
    private final LongAdder paymentArrivals = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder paperlessChanges = new LongAdder();
    private final LongAdder refusals = new LongAdder();

    PostingLedger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Posts a tender unless its transactionId was posted before. A tender without a transactionId
     * cannot be recognised again and is always posted.
     */
    PaymentOutcome postPayment(String accountNumber, String tender, BigDecimal amount, String authorizationCode,
                               String paymentMode, List<Extension> extensions, String transactionId) {
        paymentArrivals.increment();
        if (transactionId == null) {
            PaymentEntry entry = new PaymentEntry(sequence.incrementAndGet(), clock.instant(), accountNumber, tender,
                    amount, authorizationCode, paymentMode, extensions, null);
            entry.arrivals.incrementAndGet();
            anonymousPayments.add(entry);
            postedPayments.increment();
            return new PaymentOutcome(entry.snapshot(1), false);
        }
        PaymentEntry entry = payments.computeIfAbsent(transactionId, k -> new PaymentEntry(sequence.incrementAndGet(),
                clock.instant(), accountNumber, tender, amount, authorizationCode, paymentMode, extensions,
                transactionId));
        // exactly one arrival, the first to count itself, posts; every later one is a duplicate
        int arrivals = entry.arrivals.incrementAndGet();
        if (arrivals == 1) {
            postedPayments.increment();
        } else {
            duplicates.increment();
        }
        return new PaymentOutcome(entry.snapshot(arrivals), arrivals > 1);
    }

    /** Records an EBILL value; a repeat of the account's current value only counts as another arrival. */
    PaperlessPosting postPaperless(String accountNumber, String ebill) {
        // compute() holds the account's bin, so a change and its place in the order are decided together
        PaperlessEntry current = latestPaperless.compute(accountNumber, (account, latest) -> {
            if (latest != null && latest.ebill.equals(ebill)) {
                latest.arrivals.incrementAndGet();
                return latest;
            }
            PaperlessEntry entry = new PaperlessEntry(sequence.incrementAndGet(), clock.instant(), account, ebill);
            paperless.add(entry);
            paperlessChanges.increment();
            return entry;
        });
        return current.snapshot();
    }

    HistoryCommentPosting postComment(String customerId, String serviceLocationId, String serviceType,
                                      String logTime, String comment) {
        CommentKey key = new CommentKey(customerId, serviceLocationId, logTime, comment);
        CommentEntry entry = comments.computeIfAbsent(key, k -> new CommentEntry(sequence.incrementAndGet(),
                clock.instant(), customerId, serviceLocationId, serviceType, logTime, comment));
        entry.arrivals.incrementAndGet();
        return entry.snapshot();
    }

    /** Counts an item answered with a refusal; it is not recorded otherwise. */
    void refused() {
        refusals.increment();
    }

    /** The account's current EBILL value, null when none was ever posted. */
    String paperlessStatus(String accountNumber) {
        PaperlessEntry latest = latestPaperless.get(accountNumber);
        return latest == null ? null : latest.ebill;
    }

    PostingCounts counts() {
        return new PostingCounts(postedPayments.sum(), paymentArrivals.sum(), duplicates.sum(),
                paperlessChanges.sum(), comments.size(), refusals.sum());
    }

    Postings snapshot() {
        return new Postings(
                Stream.concat(payments.values().stream(), anonymousPayments.stream())
                        .sorted(Comparator.comparingLong(e -> e.sequence))
                        .map(e -> e.snapshot(e.arrivals.get())).toList(),
                paperless.stream().sorted(Comparator.comparingLong(e -> e.sequence))
                        .map(PaperlessEntry::snapshot).toList(),
                comments.values().stream().sorted(Comparator.comparingLong(e -> e.sequence))
                        .map(CommentEntry::snapshot).toList());
    }

    void clear() {
        payments.clear();
        anonymousPayments.clear();
        latestPaperless.clear();
        paperless.clear();
        comments.clear();
        postedPayments.reset();
        paymentArrivals.reset();
        duplicates.reset();
        paperlessChanges.reset();
        refusals.reset();
    }

    private record CommentKey(String customerId, String serviceLocationId, String logTime, String comment) {
    }

    private static final class PaymentEntry {
        final long sequence;
        final Instant receivedAt;
        final String accountNumber;
        final String tender;
        final BigDecimal amount;
        final String authorizationCode;
        final String paymentMode;
        final List<Extension> extensions;
        final String transactionId;
        final String receipt;
        final AtomicInteger arrivals = new AtomicInteger();

        PaymentEntry(long sequence, Instant receivedAt, String accountNumber, String tender, BigDecimal amount,
                     String authorizationCode, String paymentMode, List<Extension> extensions, String transactionId) {
            this.sequence = sequence;
            this.receivedAt = receivedAt;
            this.accountNumber = accountNumber;
            this.tender = tender;
            this.amount = amount;
            this.authorizationCode = authorizationCode;
            this.paymentMode = paymentMode;
            this.extensions = List.copyOf(extensions);
            this.transactionId = transactionId;
            this.receipt = receipt(sequence);
        }

        PaymentPosting snapshot(int arrivalCount) {
            return new PaymentPosting(sequence, receivedAt, accountNumber, tender, amount, authorizationCode,
                    paymentMode, extensions, transactionId, arrivalCount, receipt);
        }

        /** {@code TBX} and eight digits; cheaper than String.format on the hot path. */
        private static String receipt(long sequence) {
            String digits = Long.toString(sequence);
            return digits.length() >= 8 ? "TBX" + digits : "TBX" + "00000000".substring(digits.length()) + digits;
        }
    }

    private static final class PaperlessEntry {
        final long sequence;
        final Instant receivedAt;
        final String accountNumber;
        final String ebill;
        final AtomicInteger arrivals = new AtomicInteger(1);

        PaperlessEntry(long sequence, Instant receivedAt, String accountNumber, String ebill) {
            this.sequence = sequence;
            this.receivedAt = receivedAt;
            this.accountNumber = accountNumber;
            this.ebill = Objects.requireNonNull(ebill);
        }

        PaperlessPosting snapshot() {
            return new PaperlessPosting(sequence, receivedAt, accountNumber, ebill, arrivals.get());
        }
    }

    private static final class CommentEntry {
        final long sequence;
        final Instant receivedAt;
        final String customerId;
        final String serviceLocationId;
        final String serviceType;
        final String logTime;
        final String comment;
        final AtomicInteger arrivals = new AtomicInteger();

        CommentEntry(long sequence, Instant receivedAt, String customerId, String serviceLocationId,
                     String serviceType, String logTime, String comment) {
            this.sequence = sequence;
            this.receivedAt = receivedAt;
            this.customerId = customerId;
            this.serviceLocationId = serviceLocationId;
            this.serviceType = serviceType;
            this.logTime = logTime;
            this.comment = comment;
        }

        HistoryCommentPosting snapshot() {
            return new HistoryCommentPosting(sequence, receivedAt, customerId, serviceLocationId, serviceType,
                    logTime, comment, arrivals.get());
        }
    }
}
