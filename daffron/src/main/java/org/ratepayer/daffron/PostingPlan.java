package org.ratepayer.daffron;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.v3.Customer;
import org.ratepayer.multispeak.v3.HistoryComment;
import org.ratepayer.multispeak.v3.PaymentTransaction;

/**
 * How one delivery of postings goes to Daffron, decided before anything is sent: the postings settled
 * without a call (NOT_SENT, or FAILED because no valid message can be formed) and the calls that carry
 * the rest, in the order their kinds first appear. Pure: no I/O.
 *
 * <p>Payments share one CommitPaymentTransaction. Paperless changes and history comments go in as few
 * calls as allow each account at most once per call, because the CIS names a failed item only by its
 * account: a second item of the same account goes in the next call, which also keeps their order.
 */
final class PostingPlan {

    private final PostingResult[] settled;
    private final List<CisCall> calls;

    private PostingPlan(PostingResult[] settled, List<CisCall> calls) {
        this.settled = settled;
        this.calls = List.copyOf(calls);
    }

    /** With every account as in the invoice file. */
    static PostingPlan of(List<CisPosting> postings, ZoneId billerZone, Supplier<PaymentTransactionMapper> payments) {
        return of(postings, billerZone, payments, CisAccountNumber.AS_IN_FILE);
    }

    /**
     * @param billerZone the biller's time zone, the offset of every logTime
     * @param accounts how accounts are named to the CIS; a posting whose account cannot be named so
     *                 fails with the reason, without a call
     * @param payments the payment mapper, asked for only when the delivery holds a payment (it reads
     *                 settings only payments need)
     * @throws IllegalArgumentException when a setting the postings need is invalid
     */
    static PostingPlan of(List<CisPosting> postings, ZoneId billerZone, Supplier<PaymentTransactionMapper> payments,
                          CisAccountNumber accounts) {
        PostingResult[] settled = new PostingResult[postings.size()];
        List<Outgoing<PaymentTransaction>> transactions = new ArrayList<>();
        List<Outgoing<Customer>> customers = new ArrayList<>();
        List<Outgoing<HistoryComment>> comments = new ArrayList<>();
        Set<DataPumpEndpoint> order = new LinkedHashSet<>();
        Map<String, UUID> transactionIds = new HashMap<>();
        PaymentTransactionMapper paymentMapper = null;
        PaperlessMapper paperlessMapper = new PaperlessMapper();
        HistoryCommentMapper commentMapper = new HistoryCommentMapper(billerZone);

        for (int i = 0; i < postings.size(); i++) {
            CisPosting posting = postings.get(i);
            UUID id = posting.postingId();
            String account;
            try {
                account = accounts.of(posting.accountNumber(), posting.parts());
            } catch (IllegalArgumentException e) {
                settled[i] = PostingResult.failed(id, e.getMessage());
                continue;
            }
            if (posting instanceof CisPosting.Payment payment) {
                if (paymentMapper == null) {
                    paymentMapper = payments.get();
                }
                Mapped<PaymentTransaction> mapped = paymentMapper.map(payment, account);
                if (mapped instanceof Mapped.Send<PaymentTransaction> send) {
                    String transactionId = paymentMapper.transactionId(payment);
                    UUID first = transactionIds.putIfAbsent(transactionId, id);
                    if (first != null) {
                        // the CIS would refuse it as a duplicate although it is another payment (docs/postings.md)
                        settled[i] = PostingResult.failed(id, "transactionId '" + transactionId
                                + "' is also that of posting " + first + " in this delivery; the CIS would take this "
                                + "payment for a duplicate (advanced setting " + DaffronSettings.JSON_CONFIGURATION
                                + " TransactionIdSource PaymentGuid makes ids unique)");
                        continue;
                    }
                    transactions.add(new Outgoing<>(i, id, transactionId, send.message()));
                    order.add(DataPumpEndpoint.PAYMENTS);
                } else {
                    settled[i] = settle(id, mapped);
                }
            } else if (posting instanceof CisPosting.Paperless paperless) {
                customers.add(new Outgoing<>(i, id, key(account), paperlessMapper.map(paperless, account)));
                order.add(DataPumpEndpoint.PAPERLESS);
            } else {
                Mapped<HistoryComment> mapped = posting instanceof CisPosting.Autopay autopay
                        ? commentMapper.map(autopay, account)
                        : commentMapper.map((CisPosting.ScheduledPayment) posting, account);
                if (mapped instanceof Mapped.Send<HistoryComment> send) {
                    comments.add(new Outgoing<>(i, id, key(account), send.message()));
                    order.add(DataPumpEndpoint.HISTORY_COMMENTS);
                } else {
                    settled[i] = settle(id, mapped);
                }
            }
        }

        List<CisCall> calls = new ArrayList<>();
        for (DataPumpEndpoint endpoint : order) {
            switch (endpoint) {
                case PAYMENTS -> calls.add(new PaymentCall(transactions));
                case PAPERLESS -> rounds(customers).forEach(round ->
                        calls.add(new ErrorListCall<>(endpoint, round, CbClient::modifyCBDataForCustomer)));
                case HISTORY_COMMENTS -> rounds(comments).forEach(round ->
                        calls.add(new ErrorListCall<>(endpoint, round, CbClient::writeAccountHistoryComments)));
            }
        }
        return new PostingPlan(settled, calls);
    }

    /** One result per posting where settled without a call, null where a call decides. */
    PostingResult[] settled() {
        return Arrays.copyOf(settled, settled.length);
    }

    List<CisCall> calls() {
        return calls;
    }

    /** The CIS echoes the account it was sent as objectID; compared without surrounding blanks. */
    static String key(String accountNumber) {
        return accountNumber.strip();
    }

    private static PostingResult settle(UUID id, Mapped<?> mapped) {
        Mapped.Settled<?> settled = (Mapped.Settled<?>) mapped;
        return new PostingResult(id, settled.status(), settled.reason());
    }

    /** Splits items so that no key occurs twice in one part; the n-th item of a key goes in part n. */
    static <T> List<List<Outgoing<T>>> rounds(List<Outgoing<T>> items) {
        List<List<Outgoing<T>>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Outgoing<T> item : items) {
            int round = seen.merge(item.key(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(item);
        }
        return rounds;
    }
}
