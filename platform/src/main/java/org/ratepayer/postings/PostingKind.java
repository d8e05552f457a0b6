package org.ratepayer.postings;

/**
 * What a posting tells and to whom. The CIS kinds go to the biller's CIS through its connector; a
 * postback goes to a partner's PostBackURL (Pay Now, docs/paynow.md). Each kind has one {@link Courier}.
 */
public enum PostingKind {
    CIS_PAYMENT,
    CIS_PAPERLESS,
    CIS_AUTOPAY,
    CIS_SCHEDULED_PAYMENT,
    POSTBACK;

    public boolean toCis() {
        return this != POSTBACK;
    }
}
