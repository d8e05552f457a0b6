package org.ratepayer.postings.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Wakes idle workers of this process when a posting is queued here, so a payment reaches the CIS in
 * milliseconds rather than at the next poll; postings queued by other processes are found by polling.
 */
@Component
public class PostingSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private long generation;

    public void wake() {
        lock.lock();
        try {
            generation++;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current generation, to pass to {@link #await}: a wake in between is not missed. */
    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken after {@code seen}, or for at most {@code timeout}. */
    void await(long seen, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (generation == seen && nanos > 0) {
                nanos = queued.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
