package org.ratepayer.postings.internal;

import org.ratepayer.postings.Outbox;
import org.ratepayer.postings.PostingCodec;
import org.ratepayer.postings.PostingKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox on the posting table; wakes this process's workers when the queueing transaction commits. */
@Component
public class JdbcOutbox implements Outbox {

    private final PostingRepository postings;
    private final PostingCodec codec;
    private final PostingSignal signal;

    public JdbcOutbox(PostingRepository postings, PostingCodec codec, PostingSignal signal) {
        this.postings = postings;
        this.codec = codec;
        this.signal = signal;
    }

    @Override
    public void enqueue(long bid, PostingKind kind, String orderKey, UUID guid, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a posting must be queued in the transaction of the change that causes it");
        }
        String json;
        try {
            json = codec.write(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("posting payload of kind " + kind + " cannot be written as JSON", e);
        }
        postings.insert(guid, bid, kind, orderKey, json);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.wake();
            }
        });
    }
}
