package org.ratepayer.cis;

/**
 * The platform's only way to talk to a utility's billing system. Daffron (MultiSpeak 3.0) is the
 * first implementation; another CIS is another module implementing this, not a change to payments.
 * Implementations are stateless and thread-safe; everything biller-specific comes in {@link CisBiller}.
 */
public interface CisConnector {

    /** Which billers this connector serves, matched against the biller's template ("daffron"). */
    String system();

    /** Whether the biller has the settings this connector needs for a real-time balance. */
    boolean balanceConfigured(CisBiller biller);

    /**
     * Asks the CIS for an account's balance now. The answer names the account by {@code accountNumber};
     * {@code parts} are for a CIS that names accounts by their base and sub numbers.
     *
     * @throws CisException when the CIS is slow, down, refuses the call or answers nonsense
     */
    LiveBalance balance(CisBiller biller, String accountNumber, AccountParts parts);

    /**
     * Where the CIS serves this invoice's bill image, if the biller presents bills from the CIS.
     * The address is for the platform to fetch from; it is never shown to a payer.
     *
     * @throws CisException NOT_CONFIGURED when the biller's settings cannot form a link
     */
    java.util.Optional<java.net.URI> billPdf(CisBiller biller, InvoiceRef invoice);

    /**
     * Whether the biller has the settings to receive this kind of posting. A biller that does not (its
     * CIS learns of payments another way, e.g. an export file) gets no postings of that kind queued.
     */
    default boolean postingConfigured(CisBiller biller, CisPosting posting) {
        return true;
    }

    /**
     * Delivers postings of one biller to the CIS, as few calls as the CIS allows (postings of one kind
     * may share a call). Answers one result per posting, in the given order. A posting the CIS refused
     * on its own is a {@link PostingResult.Status#FAILED} result; a whole call that did not get an answer
     * (timeout, CIS down, nonsense reply) throws, and the caller treats every posting of it as not delivered.
     * Delivery is at least once, so the same postings may come again after a lost answer: a payment
     * the CIS already has must come back {@link PostingResult.Status#DUPLICATE}, never be posted twice.
     *
     * @throws CisException when the call as a whole failed
     */
    java.util.List<PostingResult> post(CisBiller biller, java.util.List<CisPosting> postings);

    /**
     * What this CIS recognises the payment by when it answers {@link PostingResult.Status#DUPLICATE};
     * empty when it has no such key. The caller counts a duplicate answer as delivered only when no
     * other payment carries the key (docs/postings.md).
     *
     * @throws CisException NOT_CONFIGURED when the biller's settings cannot form the key
     */
    default java.util.Optional<DuplicateKey> duplicateKey(CisBiller biller, CisPosting.Payment payment) {
        return java.util.Optional.empty();
    }
}
