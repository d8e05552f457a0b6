package org.ratepayer.payers;

import java.io.Serializable;

/**
 * Who is signed in to a biller's portal, as the session keeps it (in PostgreSQL, so any node serves the next
 * request). Only ids: what the payer holds is read afresh on every request, so an account unlinked by the CIS is
 * gone from the portal at once.
 */
public record SignedInPayer(long bid, long userId, String username) implements Serializable {

    /** The session attribute it is kept under. */
    public static final String ATTRIBUTE = "ratepayer.payer";
}
