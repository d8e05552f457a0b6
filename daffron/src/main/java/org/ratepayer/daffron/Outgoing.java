package org.ratepayer.daffron;

import java.util.UUID;

/**
 * A posting's message on its way to the CIS.
 *
 * @param index where the posting stood in the delivery, so its result goes back to the same place
 * @param key   what the CIS's reply names the item by: the transactionId of a payment, the account of
 *              a customer or a history comment
 */
record Outgoing<T>(int index, UUID postingId, String key, T message) {
}
