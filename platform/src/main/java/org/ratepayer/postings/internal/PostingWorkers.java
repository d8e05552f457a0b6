package org.ratepayer.postings.internal;

import org.ratepayer.postings.Courier;
import org.ratepayer.postings.Delivery;
import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.QueuedPosting;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This process's delivery threads. Each claims due postings, hands them to their kind's courier in
 * groups of one biller and kind, and records what became of each: delivered, retried later with backoff,
 * or parked after the last attempt. Nothing here holds a transaction open across a delivery; a worker
 * that dies mid-delivery leaves a lease that runs out, and the postings are delivered again (at least once).
 * A round's lease is renewed delivery by delivery, and a posting whose lease ran out and was claimed by
 * another worker is no longer sent from here (docs/postings.md, Leases).
 */
@Component
public class PostingWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostingWorkers.class);

    private final PostingRepository postings;
    private final PostingSignal signal;
    private final PostingsProperties props;
    private final Map<PostingKind, Courier> couriers = new LinkedHashMap<>();
    private final Backoff backoff;
    private final String processId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    // set by stop(): a round gives back what it has not reached instead of delivering on through shutdown
    private volatile boolean stopRequested;

    public PostingWorkers(PostingRepository postings, PostingSignal signal, PostingsProperties props, List<Courier> couriers) {
        this.postings = postings;
        this.signal = signal;
        this.props = props;
        this.backoff = new Backoff(props.backoffBase(), props.backoffMax());
        for (Courier c : couriers) {
            for (PostingKind k : c.kinds()) {
                if (this.couriers.putIfAbsent(k, c) != null) {
                    throw new IllegalStateException("two couriers for postings of kind " + k);
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        stopRequested = false;
        running = true;
        for (int i = 1; i <= props.workers(); i++) {
            String name = processId + "#" + i;
            Thread t = new Thread(() -> loop(name), "postings-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (props.workers() > 0) {
            log.info("{} posting workers started as {}", props.workers(), processId);
        }
    }

    @Override
    public synchronized void stop() {
        stopRequested = true;
        running = false;
        signal.wake();
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(String worker) {
        while (running) {
            try {
                long seen = signal.generation();
                if (drainOnce(worker) == 0) {
                    signal.await(seen, props.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("posting worker {}: {}", worker, e.toString());
                try {
                    Thread.sleep(props.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Claims and delivers one round; public for tests and tools that drain without threads. Each delivery
     * first renews the lease of what it carries and sends only what this worker still holds; what the round
     * does not reach (the workers are stopping, or the round failed part way) is released at once
     * (docs/postings.md, Leases).
     *
     * @return how many were claimed
     */
    public int drainOnce(String worker) {
        List<QueuedPosting> claimed = postings.claim(worker, props.claimSize(), props.lease());
        Map<String, List<QueuedPosting>> groups = new LinkedHashMap<>();
        for (QueuedPosting p : claimed) {
            groups.computeIfAbsent(p.bid() + "/" + p.kind(), k -> new ArrayList<>()).add(p);
        }
        List<List<QueuedPosting>> batches = new ArrayList<>();
        for (List<QueuedPosting> group : groups.values()) {
            Courier courier = couriers.get(group.get(0).kind());
            int size = courier == null ? group.size() : Math.max(1, courier.batchSize());
            for (int from = 0; from < group.size(); from += size) {
                batches.add(group.subList(from, Math.min(group.size(), from + size)));
            }
        }
        int reached = 0;
        try {
            while (reached < batches.size() && !stopRequested) {
                List<QueuedPosting> batch = batches.get(reached++);
                deliver(worker, couriers.get(batch.get(0).kind()), batch);
            }
        } finally {
            release(worker, batches.subList(reached, batches.size()));
        }
        return claimed.size();
    }

    private void release(String worker, List<List<QueuedPosting>> unreached) {
        List<Long> ids = unreached.stream().flatMap(List::stream).map(QueuedPosting::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            postings.release(worker, ids);
        } catch (RuntimeException e) {
            // the database is failing too; the lease running out gives them back, only later
            log.warn("posting worker {}: could not release {} unsent postings: {}", worker, ids.size(), e.toString());
        }
    }

    private void deliver(String worker, Courier courier, List<QueuedPosting> claimed) {
        Set<Long> held = postings.renew(worker, claimed.stream().map(QueuedPosting::id).toList(), props.lease());
        List<QueuedPosting> batch = claimed.stream().filter(p -> held.contains(p.id())).toList();
        if (batch.size() < claimed.size()) {
            log.debug("posting worker {}: {} of {} postings were claimed by another worker after this one's lease ran out;"
                    + " not sent from here", worker, claimed.size() - batch.size(), claimed.size());
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Delivery> results;
        if (courier == null) {
            results = batch.stream().map(p -> Delivery.failed("no courier for postings of kind " + p.kind())).toList();
        } else {
            try {
                results = courier.deliver(batch.get(0).bid(), batch);
                if (results.size() != batch.size()) {
                    throw new IllegalStateException(courier.getClass().getSimpleName() + " answered " + results.size()
                            + " results for " + batch.size() + " postings");
                }
            } catch (RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                results = batch.stream().map(p -> Delivery.failed(why)).toList();
            }
        }
        List<Long> delivered = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<PostingRepository.Retry> retries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            QueuedPosting p = batch.get(i);
            Delivery d = results.get(i);
            if (d.delivered()) {
                delivered.add(p.id());
                outcomes.add(d.detail());
            } else if (d.parkNow() || p.attempt() >= props.maxAttempts()) {
                if (postings.park(worker, p.id(), d.detail())) {
                    log.warn("posting {} ({} for biller {}) parked after {} attempts: {}", p.postingId(), p.kind(), p.bid(),
                            p.attempt(), d.detail());
                }
            } else {
                retries.add(new PostingRepository.Retry(p.id(), d.detail(),
                        backoff.after(p.attempt(), ThreadLocalRandom.current()::nextDouble)));
            }
        }
        if (!retries.isEmpty()) {
            postings.failed(worker, retries);
        }
        if (!delivered.isEmpty()) {
            postings.delivered(worker, delivered, outcomes);
        }
    }

    @Override
    public int getPhase() {
        // stop before the web server and the database pool go away
        return Integer.MAX_VALUE - 100;
    }
}
