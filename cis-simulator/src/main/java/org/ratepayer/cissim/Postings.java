package org.ratepayer.cissim;

import java.util.List;

/** Everything posted to the simulated CIS, each list in arrival order. */
public record Postings(List<PaymentPosting> payments, List<PaperlessPosting> paperless,
                       List<HistoryCommentPosting> historyComments) {

    public Postings {
        payments = List.copyOf(payments);
        paperless = List.copyOf(paperless);
        historyComments = List.copyOf(historyComments);
    }
}
