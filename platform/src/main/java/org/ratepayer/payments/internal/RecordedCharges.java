package org.ratepayer.payments.internal;

import java.util.Optional;
import java.util.UUID;

/**
 * What Ratepayer recorded of its charges at a processor: the processor's reference for a payment, and the payment a
 * processor's reference names. The adapters ask it before searching the processor (a look-up, a refund) and to name the
 * charges a settlement lists; the webhooks ask it for an event that names only the processor's reference.
 */
public interface RecordedCharges {

    /** The processor's reference recorded for the biller's payment, if it has one. */
    Optional<String> reference(long bid, UUID paymentGuid);

    /** The biller's payment whose charge has this processor reference, if Ratepayer made it. */
    Optional<UUID> paymentOf(long bid, String reference);
}
