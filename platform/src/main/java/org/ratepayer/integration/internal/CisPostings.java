package org.ratepayer.integration.internal;

import org.ratepayer.cis.AccountParts;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.cis.CisConnectors;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.postings.Outbox;
import org.ratepayer.postings.PostingCodec;
import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.QueuedPosting;
import org.springframework.stereotype.Component;

/**
 * Queues CIS postings (in the caller's transaction), one order per account, and reads them back for
 * delivery. Billers without a CIS connector, or without the connector's settings for that kind of
 * posting, get none: there is no CIS (or no part of it) to keep in step.
 */
@Component
public class CisPostings {

    private final Outbox outbox;
    private final PostingCodec codec;
    private final BillerService billers;
    private final CisConnectors connectors;
    private final InvoiceQueries accounts;

    public CisPostings(Outbox outbox, PostingCodec codec, BillerService billers, CisConnectors connectors,
            InvoiceQueries accounts) {
        this.outbox = outbox;
        this.codec = codec;
        this.billers = billers;
        this.connectors = connectors;
        this.accounts = accounts;
    }

    /** @return the posting's id, or empty when the biller has no CIS to post to */
    public Optional<UUID> enqueue(long bid, Function<UUID, ? extends CisPosting> posting) {
        Biller biller = billers.cachedBiller(bid);
        Optional<CisConnector> connector = connectors.forBiller(biller);
        if (connector.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        CisPosting created = posting.apply(id);
        if (!created.postingId().equals(id)) {
            throw new IllegalArgumentException("the posting must carry the id it was given");
        }
        // recorded now, with the posting: what the CIS is told must not change if a later file changes them
        CisPosting p = created.withParts(parts(accounts, bid, created.accountNumber()));
        if (!connector.get().postingConfigured(connectors.view(billers.cachedConfig(bid)), p)) {
            return Optional.empty();
        }
        outbox.enqueue(bid, kind(p), p.accountNumber(), id, p);
        return Optional.of(id);
    }

    CisPosting read(QueuedPosting q) {
        Class<? extends CisPosting> type = switch (q.kind()) {
            case CIS_PAYMENT -> CisPosting.Payment.class;
            case CIS_PAPERLESS -> CisPosting.Paperless.class;
            case CIS_AUTOPAY -> CisPosting.Autopay.class;
            case CIS_SCHEDULED_PAYMENT -> CisPosting.ScheduledPayment.class;
            case POSTBACK -> throw new IllegalArgumentException("posting " + q.postingId() + " is not for the CIS");
        };
        CisPosting p = codec.read(q.payload(), type);
        if (!q.postingId().equals(p.postingId())) {
            throw new IllegalStateException("posting " + q.postingId() + " carries the id " + p.postingId());
        }
        return p;
    }

    static PostingKind kind(CisPosting p) {
        if (p instanceof CisPosting.Payment) {
            return PostingKind.CIS_PAYMENT;
        } else if (p instanceof CisPosting.Paperless) {
            return PostingKind.CIS_PAPERLESS;
        } else if (p instanceof CisPosting.Autopay) {
            return PostingKind.CIS_AUTOPAY;
        }
        return PostingKind.CIS_SCHEDULED_PAYMENT;
    }

    private static AccountParts parts(InvoiceQueries invoices, long bid, String accountNumber) {
        return invoices.baseAndSub(bid, accountNumber).map(p -> new AccountParts(p.base(), p.sub())).orElse(AccountParts.UNKNOWN);
    }
}
