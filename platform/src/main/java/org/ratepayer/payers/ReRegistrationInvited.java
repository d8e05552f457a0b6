package org.ratepayer.payers;

import java.time.Instant;

/**
 * A conversion unregistered a payer and the biller chose to invite them back (docs/conversion.md, "Payers"): the email
 * carries a single-use link to register again for the account under its new number. Published inside the conversion's
 * transaction, which stored the link's token; {@code conversionId} and the address make the email's event key.
 */
public record ReRegistrationInvited(long bid, long conversionId, String formerUsername, String email, String oldAccountNumber,
        String newAccountNumber, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "ReRegistrationInvited[bid=" + bid + ", conversion=" + conversionId + ", account=" + newAccountNumber + "]";
    }
}
