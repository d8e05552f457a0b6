package org.ratepayer.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time goes during a measured stretch: this JVM's threads grouped by what
 * they are (the load driver, Tomcat's threads, the CIS simulator's), the JVM's own work (GC, JIT),
 * the embedded PostgreSQL's processes, and the rest of the machine. On a small machine the
 * throughput is the cores divided by the CPU time one request costs all of them together.
 */
final class CpuMeter {

    /** Thread-name prefixes and the group they count for; the first match wins. */
    private static final List<String[]> GROUPS = List.of(
            new String[] {"bench-client-", "load driver"},
            new String[] {"http-nio-", "platform (Tomcat threads)"},
            new String[] {"cis-simulator", "CIS simulator (Jetty threads)"});
    static final String OTHER_THREADS = "other JVM threads";
    static final String JIT = "JVM: JIT compiler threads";
    static final String GC = "JVM: GC threads";
    static final String JVM_INTERNAL = "JVM: other (VM thread, ...)";
    static final String POSTGRES = "PostgreSQL processes";
    static final String OUTSIDE = "rest of the machine";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long postmaster;
    private final long nanosPerTick;

    /** A snapshot: CPU nanoseconds per group, and the machine's busy and total time. */
    record Snapshot(long wallNanos, Map<Long, Long> threadCpu, Map<Long, String> threadName, long processCpu,
            long postgresCpu, long machineBusy, long machineTotal, long jitCpu, long gcCpu, long gcCount, long gcMillis) {
    }

    /** @param pgDataDir the embedded PostgreSQL's data directory, to find its processes; null to leave them out */
    CpuMeter(Path pgDataDir) {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        this.postmaster = pgDataDir == null ? -1 : findPostmaster(pgDataDir.toAbsolutePath().normalize());
        this.nanosPerTick = 1_000_000_000L / clockTicks();
    }

    boolean seesPostgres() {
        return postmaster > 0;
    }

    Snapshot snapshot() {
        Map<Long, Long> cpu = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long t = threads.getThreadCpuTime(ids[i]);
            if (t >= 0 && infos[i] != null) {
                cpu.put(ids[i], t);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long[] machine = machineTicks();
        long[] vm = vmThreadTicks();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(System.nanoTime(), cpu, names, process, postgresTicks() * nanosPerTick,
                machine[0] * nanosPerTick, machine[1] * nanosPerTick, vm[0] * nanosPerTick, vm[1] * nanosPerTick, gcCount,
                gcMillis);
    }

    /**
     * CPU milliseconds per request by group between two snapshots, plus {@code machine_busy_cores}:
     * how many of the machine's cores were busy on average, and {@code others_busy_cores}: how many
     * went to processes other than this JVM and its PostgreSQL (a build next to the bench, say).
     *
     * @param driverNanos CPU time of the load driver's threads, which end before snapshot {@code b}
     *                    and so are not in it
     */
    Map<String, Object> perRequest(Snapshot a, Snapshot b, long requests, long driverNanos) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        GROUPS.forEach(g -> nanos.put(g[1], 0L));
        nanos.put(OTHER_THREADS, 0L);
        long threadSum = driverNanos;
        nanos.merge(GROUPS.get(0)[1], driverNanos, Long::sum);
        for (Map.Entry<Long, Long> e : b.threadCpu().entrySet()) {
            long delta = e.getValue() - a.threadCpu().getOrDefault(e.getKey(), 0L);
            threadSum += delta;
            nanos.merge(group(b.threadName().get(e.getKey())), delta, Long::sum);
        }
        long jvm = b.processCpu() - a.processCpu();
        long jit = b.jitCpu() - a.jitCpu();
        long gc = b.gcCpu() - a.gcCpu();
        nanos.put(JIT, jit);
        nanos.put(GC, gc);
        nanos.put(JVM_INTERNAL, Math.max(0, jvm - threadSum - jit - gc));
        long pg = b.postgresCpu() - a.postgresCpu();
        if (postmaster > 0) {
            nanos.put(POSTGRES, pg);
        }
        long busy = b.machineBusy() - a.machineBusy();
        long outside = Math.max(0, busy - jvm - (postmaster > 0 ? pg : 0));
        nanos.put(OUTSIDE, outside);

        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> per = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            double ms = requests == 0 ? 0 : e.getValue() / 1e6 / requests;
            per.put(e.getKey(), Report.round(ms, 4));
            total += ms;
        }
        m.put("cpu_ms_per_request", per);
        m.put("cpu_ms_per_request_total", Report.round(total, 4));
        double wall = b.wallNanos() - a.wallNanos();
        m.put("machine_busy_cores", Report.round(busy / wall, 2));
        m.put("jvm_busy_cores", Report.round(jvm / wall, 2));
        if (postmaster > 0) {
            m.put("postgres_busy_cores", Report.round(pg / wall, 2));
        }
        m.put("others_busy_cores", Report.round(outside / wall, 2));
        // JIT compilation still going on means the warm-up was too short for this side.
        m.put("jit_cpu_ms", Math.round(jit / 1e6));
        m.put("gc_count", b.gcCount() - a.gcCount());
        m.put("gc_pause_ms", b.gcMillis() - a.gcMillis());
        return m;
    }

    /** Cores the JIT compiler threads kept busy between two snapshots: still high means not warm yet. */
    static double jitCores(Snapshot a, Snapshot b) {
        return (double) (b.jitCpu() - a.jitCpu()) / Math.max(1, b.wallNanos() - a.wallNanos());
    }

    private static String group(String threadName) {
        if (threadName != null) {
            for (String[] g : GROUPS) {
                if (threadName.startsWith(g[0])) {
                    return g[1];
                }
            }
        }
        return OTHER_THREADS;
    }

    /** The postgres server process whose command line names {@code dataDir}; -1 when none is found. */
    private static long findPostmaster(Path dataDir) {
        String dir = dataDir.toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    List<String> args = List.of(cmdline.split("\0"));
                    int d = args.indexOf("-D");
                    if (!args.isEmpty() && args.get(0).endsWith("postgres") && d >= 0 && d + 1 < args.size()
                            && Path.of(args.get(d + 1)).toAbsolutePath().normalize().toString().equals(dir)) {
                        return Long.parseLong(name);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a process that ended while being looked at
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * [JIT, GC] clock ticks of this JVM's own native threads, told apart by the names HotSpot gives
     * them ("C2 CompilerThre", "GC Thread#0", "G1 Conc#0", ...); ThreadMXBean does not see them.
     */
    private static long[] vmThreadTicks() {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    boolean isJit = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler");
                    boolean isGc = comm.startsWith("GC Thread") || comm.startsWith("G1 ");
                    if (isJit || isGc) {
                        String[] f = statFields(stat);
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        if (isJit) {
                            jit += ticks;
                        } else {
                            gc += ticks;
                        }
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a thread that ended while being looked at
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0};
        }
        return new long[] {jit, gc};
    }

    /** utime + stime of the postmaster and its children (the backends, checkpointer, WAL writer, ...). */
    private long postgresTicks() {
        if (postmaster <= 0) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] f = statFields(Files.readString(p.resolve("stat")));
                    long pid = Long.parseLong(name);
                    if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a backend that ended while being looked at
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** [busy, total] clock ticks of all CPUs since boot, from /proc/stat. */
    private static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] {busy, busy + idle + iowait};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            long ticks = Long.parseLong(out);
            return ticks > 0 ? ticks : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The groups in report order, for printing. */
    static List<String> groupNames() {
        List<String> names = new ArrayList<>();
        GROUPS.forEach(g -> names.add(g[1]));
        names.addAll(List.of(OTHER_THREADS, JIT, GC, JVM_INTERNAL, POSTGRES, OUTSIDE));
        return names;
    }
}
