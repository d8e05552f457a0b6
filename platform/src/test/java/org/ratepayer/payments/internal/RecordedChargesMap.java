package org.ratepayer.payments.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RecordedCharges} for an adapter's test: the references a test records, keyed "{bid}/{payment GUID}". */
public final class RecordedChargesMap implements RecordedCharges {

    private final Map<String, String> references = new ConcurrentHashMap<>();

    /** Records the processor's reference for the biller's payment, as a charge's answer would. */
    public void put(String key, String reference) {
        references.put(key, reference);
    }

    @Override
    public Optional<String> reference(long bid, UUID paymentGuid) {
        return Optional.ofNullable(references.get(bid + "/" + paymentGuid));
    }

    @Override
    public Optional<UUID> paymentOf(long bid, String reference) {
        return references.entrySet().stream().filter(e -> e.getValue().equals(reference) && e.getKey().startsWith(bid + "/"))
                .map(e -> UUID.fromString(e.getKey().substring(e.getKey().indexOf('/') + 1))).findFirst();
    }
}
