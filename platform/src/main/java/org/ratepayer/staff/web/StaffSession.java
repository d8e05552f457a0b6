package org.ratepayer.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import org.ratepayer.staff.SignedInStaff;

/**
 * The staff portal's part of the session (in PostgreSQL, Spring Session JDBC): its own attributes, never the payer
 * portal's, so a payer's sign-in is no staff sign-in and the reverse. The session id is renewed at each step of a
 * sign-in (session fixation); signing out removes only the staff attributes (docs/staff-portal.md).
 */
final class StaffSession {

    /** Half-way through a sign-in: the password was right, a TOTP code (or an enrolment) is still due. */
    record Pending(long bid, long userId, String enrolSecret) implements Serializable {
    }

    static final String PENDING = "ratepayer.staff.pending";

    private StaffSession() {
    }

    static void pending(HttpServletRequest request, Pending pending) {
        renew(request);
        HttpSession session = request.getSession(true);
        session.removeAttribute(SignedInStaff.ATTRIBUTE);
        session.setAttribute(PENDING, pending);
    }

    static Optional<Pending> pending(HttpServletRequest request, long bid) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PENDING) instanceof Pending p && p.bid() == bid ? Optional.of(p)
                : Optional.empty();
    }

    static void signIn(HttpServletRequest request, SignedInStaff staff) {
        renew(request);
        HttpSession session = request.getSession(true);
        session.removeAttribute(PENDING);
        session.setAttribute(SignedInStaff.ATTRIBUTE, staff);
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
            session.removeAttribute(SignedInStaff.ATTRIBUTE);
            request.changeSessionId();
        }
    }

    /** The staff user signed in to this biller's portal, as the session has it; another biller's does not count. */
    static Optional<SignedInStaff> current(HttpServletRequest request, long bid) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SignedInStaff.ATTRIBUTE) instanceof SignedInStaff s && s.bid() == bid
                ? Optional.of(s) : Optional.empty();
    }

    private static void renew(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
    }
}
