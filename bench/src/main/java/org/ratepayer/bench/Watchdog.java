package org.ratepayer.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Ends a run that stopped making progress. An import whose reader or handler throws while its
 * COPY is open (an OutOfMemoryError in the reader, say) leaves the connection in COPY mode, and
 * the transaction's rollback then waits on the driver forever; a load driver whose server stops
 * answering waits on its sockets. Without this the bench would wait too.
 */
final class Watchdog {

    private Watchdog() {
    }

    /** After {@code minutes}, prints where the main thread is and exits with status 3. */
    static void start(long minutes, Path work) {
        Thread mainThread = Thread.currentThread();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(minutes * 60_000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.printf(Locale.ROOT, "%n[bench] no result after %d minutes; the main thread is at:%n", minutes);
            for (StackTraceElement frame : mainThread.getStackTrace()) {
                System.err.println("    at " + frame);
            }
            System.err.println("[bench] giving up; the work directory " + work + " is left behind");
            System.exit(3);
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
