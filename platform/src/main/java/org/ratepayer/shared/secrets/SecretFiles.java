package org.ratepayer.shared.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Small secret files in the data directory (the operator token, the master key) that the first process to start
 * creates and every later one reads. Several processes may start on one data directory at the same moment, so a
 * file is never visible half-written: it is written and synced under a temporary name, then published under its
 * real name in one step that fails if another process published first, in which case theirs is read.
 */
public final class SecretFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private SecretFiles() {
    }

    /** The file's text as stored, creating it (owner-only) with {@code fresh} when it does not exist yet. */
    public static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", OWNER_ONLY);
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(fresh.get().getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
            // A hard link, not a rename: rename(2) (what ATOMIC_MOVE does on Linux) silently replaces a file another
            // process has just published, and the two would then run with different secrets; link(2) is just as
            // atomic but refuses an existing name.
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException raced) {
            // another process published its file first: everyone uses that one
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
