package org.ratepayer.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.postings.Courier;
import org.ratepayer.postings.Delivery;
import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.QueuedPosting;
import org.springframework.stereotype.Component;

/** Carries the CIS postings (SPEC C4) to the biller's CIS through its connector, many to a call. */
@Component
public class CisCourier implements Courier {

    /** Items per CIS call: large enough to amortise a SOAP round trip, small enough that one bad reply costs little. */
    static final int ITEMS_PER_CALL = 100;

    private final BillerService billers;
    private final CisConnectors connectors;
    private final CisPostings cisPostings;

    public CisCourier(BillerService billers, CisConnectors connectors, CisPostings cisPostings) {
        this.billers = billers;
        this.connectors = connectors;
        this.cisPostings = cisPostings;
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
        List<PostingResult> results = connector.post(connectors.view(billers.cachedConfig(bid)), list);
        if (results.size() != list.size()) {
            throw new CisException(CisException.Kind.MALFORMED, connector.system() + " connector answered " + results.size()
                    + " results for " + list.size() + " postings");
        }
        List<Delivery> deliveries = new ArrayList<>(results.size());
        for (PostingResult r : results) {
            String detail = r.detail() == null ? r.status().name() : r.status().name() + ": " + r.detail();
            deliveries.add(new Delivery(r.delivered(), detail));
        }
        return deliveries;
    }
}
