package org.ratepayer.staff.web;

/** A staff page asked for while nobody is signed in to its biller's staff portal; {@link StaffGuard} answers it. */
final class StaffSignInRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient String redirect;

    StaffSignInRequired(String redirect) {
        super(null, null, false, false);
        this.redirect = redirect;
    }

    String redirect() {
        return redirect;
    }
}
