package org.ratepayer.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap during one measured stretch, seen three ways, because "used" alone mostly reports how
 * much garbage the collector let pile up before running:
 * <ul>
 * <li>the sum of the heap pools' peaks: an upper bound (the pools peak at different moments);
 * <li>the highest total sampled every few milliseconds: what was really in use at once;
 * <li>the highest total right after a collection: what the code kept alive.
 * </ul>
 */
final class HeapWatch implements NotificationListener, AutoCloseable {

    record Figures(long peakPoolsSum, long peakSampled, long maxAfterGc, long collections, long collectionMillis) {
    }

    private static final long SAMPLE_MILLIS = 5;

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> poolNames = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong peakSampled = new AtomicLong();
    private final long collectionsBefore;
    private final long collectionMillisBefore;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch() {
        // Start from the live set, so that garbage of the setup does not count against the import.
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : collectors) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
            }
        }
        collectionsBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        collectionMillisBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapWatch start() {
        return new HeapWatch();
    }

    Figures stop() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        long peakSum = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long collections = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum()
                - collectionsBefore;
        long millis = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum()
                - collectionMillisBefore;
        return new Figures(peakSum, peakSampled.get(), maxAfterGc.get(), collections, millis);
    }

    private void sample() {
        while (running) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peakSampled.accumulateAndGet(used, Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long after = 0;
        for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (poolNames.contains(entry.getKey())) {
                MemoryUsage usage = entry.getValue();
                after += usage.getUsed();
            }
        }
        maxAfterGc.accumulateAndGet(after, Math::max);
    }

    @Override
    public void close() {
        running = false;
        for (GarbageCollectorMXBean gc : collectors) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(this);
                } catch (ListenerNotFoundException alreadyGone) {
                    // stop() and close() both get here
                }
            }
        }
    }
}
