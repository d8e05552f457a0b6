package org.ratepayer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts the TCP connections to or from one local port that were closed during a stretch: the
 * TIME_WAIT entries of /proc/net/tcp that were not there before. A client that keeps its
 * connections alive leaves none; one that opens a connection per call leaves one per call (they
 * stay in TIME_WAIT for a minute, longer than a measured side runs).
 */
final class ClosedConnections {

    private static final String TIME_WAIT = "06";

    private final String portHex;
    private final Set<String> before;

    private ClosedConnections(int port) {
        this.portHex = String.format(Locale.ROOT, "%04X", port);
        this.before = timeWaits();
    }

    static ClosedConnections watch(int port) {
        return new ClosedConnections(port);
    }

    /** Connections closed since {@link #watch}; -1 where /proc/net/tcp cannot be read. */
    long count() {
        Set<String> now = timeWaits();
        if (now == null || before == null) {
            return -1;
        }
        now.removeAll(before);
        return now.size();
    }

    private Set<String> timeWaits() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
            Set<String> found = new HashSet<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals(TIME_WAIT)
                        && (f[1].endsWith(":" + portHex) || f[2].endsWith(":" + portHex))) {
                    found.add(f[1] + " " + f[2]);
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
