package org.ratepayer.multispeak;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe whose opening for reading can be observed: a writer thread blocks in open() until
 * some reader opens the pipe. If nothing opened it, nothing can have read it. Closing waits for that
 * writer thread, so it may be interrupted.
 */
@SuppressWarnings("try")
public final class Fifo implements AutoCloseable {

    private final Path path;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final Thread writer;

    private Fifo(Path path) {
        this.path = path;
        this.writer = new Thread(() -> {
            try (OutputStream out = new FileOutputStream(path.toFile())) {
                opened.countDown();
                out.write("SECRET-FROM-DISK".getBytes());
            } catch (IOException ignored) {
                // the reader went away
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** A pipe at {@code path}, or null where mkfifo is not available. */
    public static Fifo create(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException noMkfifo) {
            return null;
        }
        return mkfifo.waitFor() == 0 ? new Fifo(path) : null;
    }

    public Path path() {
        return path;
    }

    /** Whether anyone opened the pipe for reading within {@code millis}. */
    public boolean wasOpened(long millis) throws InterruptedException {
        return opened.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Releases the blocked writer by opening the pipe ourselves. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (opened.getCount() > 0) {
            try (InputStream in = new FileInputStream(path.toFile())) {
                byte[] buffer = new byte[64];
                while (in.read(buffer) >= 0) {
                    // drain: a pipe cannot be sized or sought, so readAllBytes() does not work on it
                }
            }
        }
        writer.join(2000);
    }
}
