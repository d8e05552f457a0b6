package org.ratepayer.billing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a file in a drop folder is complete. SFTP servers write an upload in place under its
 * final name, in as many pieces as the network gives them, so a file is taken only once its size and
 * modification time have stayed the same for the settle time across scans, or at once when the
 * uploader says it is done with a {@code NAME.done} marker. Plain Java, no clock of its own: the
 * caller passes each scan's time. See docs/invoice-files.md.
 */
public final class FileSettling {

    /** What a scan saw of one file, and since when it has looked that way. */
    private record Seen(long size, long modifiedMillis, Instant since) {
    }

    private final Duration settle;
    private final Map<String, Seen> seen = new HashMap<>();

    public FileSettling(Duration settle) {
        this.settle = settle;
    }

    /**
     * @param name the file's name in its folder
     * @param doneMarker whether {@code name.done} is there
     * @return whether the file may be imported now
     */
    public synchronized boolean complete(String name, long size, long modifiedMillis, boolean doneMarker, Instant now) {
        if (doneMarker) {
            seen.remove(name);
            return true;
        }
        Seen before = seen.get(name);
        if (before == null || before.size() != size || before.modifiedMillis() != modifiedMillis) {
            seen.put(name, new Seen(size, modifiedMillis, now));
            return settle.isZero();
        }
        if (Duration.between(before.since(), now).compareTo(settle) >= 0) {
            seen.remove(name);
            return true;
        }
        return false;
    }

    /** Forgets files that are gone (imported, moved or deleted by their uploader). */
    public synchronized void retainOnly(Set<String> present) {
        seen.keySet().retainAll(present);
    }
}
