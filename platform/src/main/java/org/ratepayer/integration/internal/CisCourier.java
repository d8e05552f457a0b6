package org.ratepayer.integration.internal;

import org.ratepayer.cis.CisConnectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.DuplicateKey;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.postings.Courier;
import org.ratepayer.postings.Delivery;
import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.QueuedPosting;
import org.springframework.stereotype.Component;

/** Carries the CIS postings (docs/postings.md) to the biller's CIS through its connector, many to a call. */
@Component
public class CisCourier implements Courier {

    /** Items per CIS call: large enough to amortise a SOAP round trip, small enough that one bad reply costs little. */
    static final int ITEMS_PER_CALL = 100;

    private final BillerService billers;
    private final CisConnectors connectors;
    private final CisPostings cisPostings;
    private final DuplicateKeyCarriers carriers;

    public CisCourier(BillerService billers, CisConnectors connectors, CisPostings cisPostings, DuplicateKeyCarriers carriers) {
        this.billers = billers;
        this.connectors = connectors;
        this.cisPostings = cisPostings;
        this.carriers = carriers;
    }

    @Override
    public Set<PostingKind> kinds() {
        return Set.of(PostingKind.CIS_PAYMENT, PostingKind.CIS_PAPERLESS, PostingKind.CIS_AUTOPAY, PostingKind.CIS_SCHEDULED_PAYMENT);
    }

    @Override
    public int batchSize() {
        return ITEMS_PER_CALL;
    }

    @Override
    public List<Delivery> deliver(long bid, List<QueuedPosting> postings) {
        Biller biller = billers.cachedBiller(bid);
        CisConnector connector = connectors.forBiller(biller).orElseThrow(() -> new CisException(CisException.Kind.NOT_CONFIGURED,
                "biller " + bid + " has no CIS connector for its template '" + biller.template() + "'"));
        List<CisPosting> list = new ArrayList<>(postings.size());
        for (QueuedPosting q : postings) {
            list.add(cisPostings.read(q));
        }
        CisBiller view = connectors.view(billers.cachedConfig(bid));
        List<PostingResult> results = connector.post(view, list);
        if (results.size() != list.size()) {
            throw new CisException(CisException.Kind.MALFORMED, connector.system() + " connector answered " + results.size()
                    + " results for " + list.size() + " postings");
        }
        List<Delivery> deliveries = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            PostingResult r = results.get(i);
            String detail = r.detail() == null ? r.status().name() : r.status().name() + ": " + r.detail();
            if (r.status() == PostingResult.Status.DUPLICATE && list.get(i) instanceof CisPosting.Payment payment) {
                deliveries.add(duplicate(bid, connector, view, payment, detail));
            } else {
                deliveries.add(new Delivery(r.delivered(), detail));
            }
        }
        return deliveries;
    }

    /** A duplicate answer is delivered only when no other payment carries the key (docs/postings.md). */
    private Delivery duplicate(long bid, CisConnector connector, CisBiller view, CisPosting.Payment payment, String detail) {
        Optional<DuplicateKey> key;
        try {
            key = connector.duplicateKey(view, payment);
        } catch (CisException e) {
            // the posting was answered; it waits for the settings to be fixed rather than counting as delivered
            return Delivery.failed(detail + "; whether it is this payment's cannot be told: " + e.getMessage());
        }
        if (key.isEmpty()) {
            return Delivery.ok(detail);
        }
        DuplicateKeyCarriers.Found others = carriers.others(bid, key.get().value(), payment.paymentGuid());
        return DuplicateAnswers.judge(key.get(), detail, others.first(), others.total());
    }
}
