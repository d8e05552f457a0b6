package org.ratepayer.payers.web;

/** A portal page asked for while nobody is signed in to its biller's portal; {@link PortalGuard} answers it. */
final class PortalSignInRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long bid;
    private final String returnTo;

    PortalSignInRequired(long bid, String returnTo) {
        super(null, null, false, false);
        this.bid = bid;
        this.returnTo = returnTo;
    }

    long bid() {
        return bid;
    }

    String returnTo() {
        return returnTo;
    }
}
