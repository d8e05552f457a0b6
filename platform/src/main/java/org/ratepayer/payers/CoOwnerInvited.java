package org.ratepayer.payers;

import java.time.Instant;

/**
 * A user of an account invited someone by email to be its co-owner (docs/payers.md); the email carries the single-use
 * link. Published inside the transaction that stored the invitation.
 */
public record CoOwnerInvited(long bid, String accountNumber, String invitedBy, String email, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "CoOwnerInvited[bid=" + bid + ", account=" + accountNumber + ", by=" + invitedBy + "]";
    }
}
