package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.page.PaymentPageCheckout.Pending;

/**
 * The portal payment under way in this session: for which account, the reviewed payment with its idempotency key
 * (so that "Pay now" twice charges once), whether the payer asked to save the method to the wallet, and the payment
 * it last made with what became of that wish. A token and last four only, never a card or bank number
 * (docs/payers-portal.md).
 */
record PortalCheckout(long bid, String account, Pending pending, SaveToWallet save, UUID lastPayment, String walletNotice)
        implements Serializable {

    private static final String KEY = "ratepayer.portal.checkout";

    /** "Save this payment method to my wallet", with what the token does not carry: a card's expiry, an account's type. */
    record SaveToWallet(Integer expMonth, Integer expYear, String accountType) implements Serializable {
    }

    static Optional<PortalCheckout> of(HttpSession session, long bid, String account) {
        return session.getAttribute(KEY) instanceof PortalCheckout c && c.bid() == bid && c.account().equals(account)
                ? Optional.of(c) : Optional.empty();
    }

    static void reviewing(HttpSession session, long bid, String account, Pending pending, SaveToWallet save) {
        Optional<PortalCheckout> before = of(session, bid, account);
        session.setAttribute(KEY, new PortalCheckout(bid, account, pending, save, before.map(PortalCheckout::lastPayment).orElse(null),
                before.map(PortalCheckout::walletNotice).orElse(null)));
    }

    static void paid(HttpSession session, long bid, String account, UUID payment, String walletNotice) {
        session.setAttribute(KEY, new PortalCheckout(bid, account, null, null, payment, walletNotice));
    }

    static void dropPending(HttpSession session, long bid, String account) {
        Optional<PortalCheckout> before = of(session, bid, account);
        session.setAttribute(KEY, new PortalCheckout(bid, account, null, null, before.map(PortalCheckout::lastPayment).orElse(null),
                before.map(PortalCheckout::walletNotice).orElse(null)));
    }
}
