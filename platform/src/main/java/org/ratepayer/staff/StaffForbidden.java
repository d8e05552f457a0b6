package org.ratepayer.staff;

/** A staff user asked for something their role does not allow; answered with a 403 page that says why. */
public class StaffForbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StaffForbidden(String message) {
        super(message, null, false, false);
    }
}
