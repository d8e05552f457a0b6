package org.ratepayer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A closed-loop load: N threads, each sending its next request as soon as the last one is answered,
 * for a fixed time. Every answered request's latency is kept (a few hundred thousand longs at most),
 * so the percentiles are exact rather than bucketed. Being closed-loop, it measures what the server
 * sustains at that concurrency; latencies under an open arrival rate would be worse near saturation.
 */
final class LoadRun {

    /** What one thread does per request. */
    interface Worker extends AutoCloseable {
        /** Sends request number {@code n} of this thread; null when the answer is right, else what was wrong. */
        String call(long n) throws Exception;

        /** Connections this worker opened, for the report. */
        int connects();

        @Override
        void close();
    }

    /**
     * @param nanos     wall time from the start signal to the last thread's end
     * @param latencies the right answers' latencies, sorted, in nanoseconds
     * @param errors    wrong answers and failed requests by kind
     * @param samples   the first few error messages
     * @param clientCpuNanos CPU time of the load threads themselves, measured by each before it ends
     */
    record Result(String name, int threads, long nanos, long[] latencies, Map<String, Long> errors, List<String> samples,
            int connects, long clientCpuNanos) {

        long ok() {
            return latencies.length;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double perSecond() {
            return ok() / (nanos / 1e9);
        }

        /** Nearest-rank percentile in milliseconds; NaN without answers. */
        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }

        double meanMillis() {
            return latencies.length == 0 ? Double.NaN : Arrays.stream(latencies).average().orElse(0) / 1e6;
        }

        Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests_ok", ok());
            m.put("errors", errorCount());
            if (!errors.isEmpty()) {
                m.put("errors_by_kind", errors);
                m.put("error_samples", samples);
            }
            m.put("seconds", Report.round(nanos / 1e9, 3));
            m.put("per_second", Report.round(perSecond(), 1));
            m.put("p50_ms", Report.round(percentileMillis(50), 3));
            m.put("p90_ms", Report.round(percentileMillis(90), 3));
            m.put("p99_ms", Report.round(percentileMillis(99), 3));
            m.put("max_ms", Report.round(percentileMillis(100), 3));
            m.put("mean_ms", Report.round(meanMillis(), 3));
            m.put("connections_opened", connects);
            return m;
        }
    }

    private static final int MAX_SAMPLES = 5;

    private LoadRun() {
    }

    /** This thread's CPU time; the threads end before anyone else could ask for theirs. */
    private static long threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    /**
     * Runs {@code threads} workers for {@code seconds}; a request still out at the end is waited for
     * and counted. Threads are named {@code bench-client-<name>-<i>}, which is how CPU use is told apart.
     */
    static Result run(String name, int threads, double seconds, IntFunction<Worker> workers) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        Slot[] slots = new Slot[threads];
        long durationNanos = (long) (seconds * 1e9);
        long[] startedAt = new long[1];
        for (int t = 0; t < threads; t++) {
            Slot slot = new Slot();
            slots[t] = slot;
            int index = t;
            Thread thread = new Thread(() -> {
                long cpuStart = -1;
                try (Worker worker = workers.apply(index)) {
                    ready.countDown();
                    go.await();
                    cpuStart = threadCpu();
                    long deadline = startedAt[0] + durationNanos;
                    long n = 0;
                    long now = System.nanoTime();
                    while (now < deadline) {
                        String wrong;
                        try {
                            wrong = worker.call(n++);
                        } catch (Exception e) {
                            wrong = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        long end = System.nanoTime();
                        if (wrong == null) {
                            slot.add(end - now);
                        } else {
                            slot.error(wrong);
                        }
                        now = end;
                    }
                    slot.connects = worker.connects();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    slot.error("worker failed: " + e);
                } finally {
                    slot.endNanos = System.nanoTime();
                    slot.cpuNanos = cpuStart < 0 ? 0 : threadCpu() - cpuStart;
                    done.countDown();
                }
            }, "bench-client-" + name + "-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        ready.await();
        startedAt[0] = System.nanoTime();
        go.countDown();
        // A request that never comes back ends at the client's read timeout; the watchdog covers the rest.
        if (!done.await(Math.max(60, (long) seconds * 3), TimeUnit.SECONDS)) {
            throw new IllegalStateException("load threads of " + name + " did not finish");
        }
        long end = Arrays.stream(slots).mapToLong(s -> s.endNanos).max().orElse(startedAt[0]);
        int total = Arrays.stream(slots).mapToInt(s -> s.size).sum();
        long[] all = new long[total];
        int at = 0;
        Map<String, Long> errors = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        int connects = 0;
        long cpu = 0;
        for (Slot s : slots) {
            cpu += s.cpuNanos;
            System.arraycopy(s.latencies, 0, all, at, s.size);
            at += s.size;
            s.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            for (String sample : s.samples) {
                if (samples.size() < MAX_SAMPLES) {
                    samples.add(sample);
                }
            }
            connects += s.connects;
        }
        Arrays.sort(all);
        return new Result(name, threads, end - startedAt[0], all, errors, samples, connects, cpu);
    }

    /** One thread's results; only that thread writes it, the main thread reads it after the latch. */
    private static final class Slot {
        long[] latencies = new long[1 << 14];
        int size;
        final Map<String, Long> errors = new LinkedHashMap<>();
        final List<String> samples = new ArrayList<>();
        int connects;
        long endNanos;
        long cpuNanos;

        void add(long nanos) {
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = nanos;
        }

        void error(String what) {
            String kind = what.length() > 60 ? what.substring(0, 60) : what;
            int colon = what.indexOf(": ");
            if (colon > 0 && colon < 60) {
                kind = what.substring(0, colon);
            }
            errors.merge(kind, 1L, Long::sum);
            if (samples.size() < MAX_SAMPLES) {
                samples.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
            }
        }
    }
}
