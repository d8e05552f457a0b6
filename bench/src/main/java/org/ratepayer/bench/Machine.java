package org.ratepayer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The machine a figure was measured on, as every benchmark reports it next to its figures. */
final class Machine {

    private Machine() {
    }

    /** cores, cpu, memory_gb, os, java_version, java_vm: the keys every result file carries. */
    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("memory_gb", Report.round(totalMemory() / 1073741824.0, 1));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        return m;
    }

    /** One line for the printed report, from the figures {@link #describe()} put in {@code f}. */
    static String summary(Map<String, Object> f) {
        return f.get("cores") + " cores, " + f.get("memory_gb") + " GB, " + f.get("cpu") + ", " + f.get("os");
    }

    /** The one-minute load average: anything else running on the machine skews a comparison. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long totalMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }
}
