package org.ratepayer.payers;

import java.time.Instant;

/**
 * A payer is to be emailed a single-use link to set a password: a user registered without one, or someone asked
 * to reset theirs. Published inside the transaction that stored the link's token, so the email is written with it
 * or not at all. {@code token} is the only copy of the raw token; the database keeps its hash.
 */
public record PasswordLinkWanted(long bid, long userId, String username, String email, String token, Instant expiresAt,
        Reason reason) {

    public enum Reason {
        /** Registered by the CIS without a password. */
        NEW_USER,
        /** Asked for on the portal's "forgot password" page. */
        RESET
    }

    @Override
    public String toString() {
        return "PasswordLinkWanted[bid=" + bid + ", userId=" + userId + ", reason=" + reason + "]";
    }
}
