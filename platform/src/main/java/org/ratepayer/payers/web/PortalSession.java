package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.SignedInPayer;

/**
 * Signing a payer in and out of the portal's session (docs/payers.md). Signing in renews the session id, so an
 * id planted before sign-in (session fixation) is worthless after it; signing out ends the session.
 */
public final class PortalSession {

    private PortalSession() {
    }

    public static void signIn(HttpServletRequest request, Payer payer) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(SignedInPayer.ATTRIBUTE, new SignedInPayer(payer.bid(), payer.userId(), payer.username()));
    }

    public static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** The payer signed in to this biller's portal, if any; a session of another biller's portal does not count. */
    public static Optional<SignedInPayer> current(HttpServletRequest request, long bid) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        return session.getAttribute(SignedInPayer.ATTRIBUTE) instanceof SignedInPayer p && p.bid() == bid ? Optional.of(p)
                : Optional.empty();
    }
}
