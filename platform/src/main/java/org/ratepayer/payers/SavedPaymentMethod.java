package org.ratepayer.payers;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.ratepayer.payments.Method;

/**
 * A card or bank account in a payer's wallet, as pages show it: never the number, and never the processor's token
 * (that stays inside the module, read only to pay with the method).
 */
public record SavedPaymentMethod(UUID id, Method method, String brand, String last4, Integer expMonth, Integer expYear,
        String accountType, boolean isDefault, OffsetDateTime createdAt) {

    /** "VISA ending 1111" or "Checking ending 6789". */
    public String label() {
        if (method == Method.CARD) {
            return (brand == null ? "Card" : brand) + " ending " + last4;
        }
        return (accountType == null ? "Bank account" : accountType.charAt(0) + accountType.substring(1).toLowerCase(java.util.Locale.ROOT))
                + " ending " + last4;
    }
}
