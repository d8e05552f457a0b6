package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.page.PaymentPageCheckout.Pending;

/**
 * The portal payment under way in this session: for which account, the reviewed payment with its idempotency key
 * (so that "Pay now" twice charges once), and the payment it last made. A token and last four only, never a card or
 * bank number (docs/payers-portal.md).
 */
record PortalCheckout(long bid, String account, Pending pending, UUID lastPayment) implements Serializable {

    private static final String KEY = "ratepayer.portal.checkout";

    static Optional<PortalCheckout> of(HttpSession session, long bid, String account) {
        return session.getAttribute(KEY) instanceof PortalCheckout c && c.bid() == bid && c.account().equals(account)
                ? Optional.of(c) : Optional.empty();
    }

    static void reviewing(HttpSession session, long bid, String account, Pending pending) {
        UUID last = of(session, bid, account).map(PortalCheckout::lastPayment).orElse(null);
        session.setAttribute(KEY, new PortalCheckout(bid, account, pending, last));
    }

    static void paid(HttpSession session, long bid, String account, UUID payment) {
        session.setAttribute(KEY, new PortalCheckout(bid, account, null, payment));
    }

    static void dropPending(HttpSession session, long bid, String account) {
        UUID last = of(session, bid, account).map(PortalCheckout::lastPayment).orElse(null);
        session.setAttribute(KEY, new PortalCheckout(bid, account, null, last));
    }
}
