package org.ratepayer.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns the embedded PostgreSQL's data directory (docs/operations.md, "The embedded database"). A Ratepayer holds an
 * operating-system lock on {@code pg.lock} beside the directory for as long as it runs; the system releases it when the
 * process dies, however it dies. So on start:
 * <ul>
 * <li>the lock is held by someone else: another Ratepayer runs on this directory, and this one stops, saying so;</li>
 * <li>the lock is free but a PostgreSQL still serves the directory ({@code postmaster.pid} names a live postgres): it
 * was left by a Ratepayer killed without stopping it, and it is shut down (fast mode: it checkpoints and exits) before
 * the new one starts, rather than refusing until it goes away by itself.</li>
 * </ul>
 */
final class EmbeddedDataDirectory implements AutoCloseable {

    /** Another live Ratepayer holds the directory. */
    static final class InUse extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InUse(Path pgDir) {
            super("another Ratepayer is running on the embedded database in " + pgDir);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataDirectory.class);
    static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private final FileChannel channel;
    private final FileLock lock;

    private EmbeddedDataDirectory(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory for this process, stopping a PostgreSQL an earlier, dead Ratepayer left running in it. */
    static EmbeddedDataDirectory claim(Path pgDir) {
        Path lockFile = pgDir.resolveSibling(pgDir.getFileName() + ".lock");
        try {
            Files.createDirectories(pgDir);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InUse(pgDir);
            }
            EmbeddedDataDirectory claimed = new EmbeddedDataDirectory(channel, lock);
            try {
                stopOrphan(pgDir);
            } catch (RuntimeException e) {
                claimed.close();
                throw e;
            }
            return claimed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the embedded database directory " + pgDir, e);
        }
    }

    /** The postgres serving {@code pgDir}, from its {@code postmaster.pid}, if one is alive. */
    static Optional<ProcessHandle> runningServer(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                // a stale file whose number now belongs to some other program is not ours to stop
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static void stopOrphan(Path pgDir) throws IOException {
        Optional<ProcessHandle> orphan = runningServer(pgDir);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle server = orphan.get();
        log.warn("a PostgreSQL (pid {}) left running by a Ratepayer that did not stop cleanly still serves {}; stopping it",
                server.pid(), pgDir);
        // SIGINT is PostgreSQL's fast shutdown: it ends the dead process's sessions and checkpoints, so nothing is lost
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start();
        try {
            kill.waitFor(10, TimeUnit.SECONDS);
            server.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left running in " + pgDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the PostgreSQL left running in " + pgDir + " (pid " + server.pid()
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s; stop it by hand", e);
        }
        log.info("the PostgreSQL left running in {} has stopped", pgDir);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
