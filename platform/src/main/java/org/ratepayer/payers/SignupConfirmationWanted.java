package org.ratepayer.payers;

import java.time.Instant;

/**
 * Someone registered from a bill and must confirm their email address by a single-use link before the user exists
 * (docs/payers.md). Published inside the transaction that stored the sign-up.
 */
public record SignupConfirmationWanted(long bid, String username, String email, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "SignupConfirmationWanted[bid=" + bid + ", username=" + username + "]";
    }
}
