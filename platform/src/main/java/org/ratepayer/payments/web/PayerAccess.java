package org.ratepayer.payments.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.page.PaymentPageCheckout.Pending;

/**
 * What a one-time payer proved in this browser session: which biller's account they found (by
 * account number and a second fact from the bill), and the payment they are about to confirm.
 * Only a token and the last four digits are ever kept, never a card or bank number.
 */
final class PayerAccess {

    private static final String KEY = "ratepayer.payer";

    record Found(long bid, String accountNumber) implements Serializable {
    }

    record State(Found found, Pending pending, UUID lastPayment) implements Serializable {
    }

    private PayerAccess() {
    }

    static Optional<State> of(HttpSession session, long bid) {
        Object s = session.getAttribute(KEY);
        return s instanceof State state && state.found().bid() == bid ? Optional.of(state) : Optional.empty();
    }

    static void found(HttpSession session, long bid, String account) {
        session.setAttribute(KEY, new State(new Found(bid, account), null, null));
    }

    static void pending(HttpSession session, State state, Pending pending) {
        session.setAttribute(KEY, new State(state.found(), pending, state.lastPayment()));
    }

    static void paid(HttpSession session, State state, UUID payment) {
        session.setAttribute(KEY, new State(state.found(), null, payment));
    }
}
