package org.ratepayer.staff;

/** What a staff user may do in the biller portal (docs/staff-portal.md, "Roles"). */
public enum StaffRole {
    /** Everything a CSR may, plus staff users, options and settings; must use a TOTP code to sign in. */
    ADMINISTRATOR("Administrator"),
    /** Searches, takes payments, enrols members; a TOTP code is optional. */
    CSR("Customer service"),
    /** Reads every page, changes nothing. */
    READ_ONLY("Read-only");

    private final String label;

    StaffRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean canWrite() {
        return this != READ_ONLY;
    }

    public boolean requiresTotp() {
        return this == ADMINISTRATOR;
    }
}
