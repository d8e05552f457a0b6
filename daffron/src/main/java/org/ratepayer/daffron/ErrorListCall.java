package org.ratepayer.daffron;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.ratepayer.cis.CisException;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.v3.ErrorObject;

/**
 * A call answered with an ArrayOfErrorObject (ModifyCBDataForCustomer, WriteAccountHistoryComments): an
 * item the CIS names in an errorObject (by its objectID, the account) failed, every other one is posted.
 * The items' keys are distinct within one call (see {@link PostingPlan}), so an error names exactly one item.
 * An error naming no item sent cannot be placed and makes the answer MALFORMED.
 */
record ErrorListCall<T>(DataPumpEndpoint endpoint, List<Outgoing<T>> items,
        BiFunction<CbClient, List<T>, List<ErrorObject>> operation) implements CisCall {

    ErrorListCall {
        items = List.copyOf(items);
    }

    @Override
    public List<PostingResult> send(CbClient client) {
        return judge(operation.apply(client, items.stream().map(Outgoing::message).toList()));
    }

    List<PostingResult> judge(List<ErrorObject> errors) {
        Map<String, Outgoing<T>> byKey = new HashMap<>();
        items.forEach(item -> byKey.put(item.key(), item));
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (ErrorObject error : errors) {
            String objectId = error.getObjectID() == null ? null : error.getObjectID().strip();
            if (objectId == null || !byKey.containsKey(objectId)) {
                throw new CisException(CisException.Kind.MALFORMED, endpoint.operation.wireName()
                        + ": an errorObject names " + (objectId == null ? "no objectID" : "objectID " + objectId)
                        + ", which was not sent: '" + error.getErrorString() + "'");
            }
            failures.computeIfAbsent(objectId, k -> new ArrayList<>())
                    .add(error.getErrorString() == null || error.getErrorString().isBlank()
                            ? "no reason given" : error.getErrorString());
        }
        List<PostingResult> results = new ArrayList<>(items.size());
        for (Outgoing<T> item : items) {
            List<String> words = failures.get(item.key());
            results.add(words == null ? PostingResult.posted(item.postingId())
                    : PostingResult.failed(item.postingId(), endpoint.operation.wireName() + " answered: "
                            + String.join("; ", words)));
        }
        return results;
    }
}
