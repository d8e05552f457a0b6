package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded database's backup as docs/operations.md ("Backups") describes it: with Ratepayer stopped, a copy of the
 * data directory; restored by starting on the copy, which then holds the same billers and opens the same secrets.
 * (A pg_dump of it needs the PostgreSQL 17 client, which this machine does not have.)
 */
class EmbeddedBackupRestoreIT {

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    // with the modes, as cp -a does: PostgreSQL refuses a data directory others may read
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void aCopyOfTheStoppedDataDirectoryRestoresEveryBillerAndSecret() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "backup-data");
        String dir = "--data-dir=" + data;
        assertThat(CliRunner.run("biller", "create", dir, "--bid", "3501", "--name", "Backed-up Cooperative").exit()).isZero();
        assertThat(CliRunner.run("biller", "set-setting", dir, "3501", "10", "Toolbox-Secret").exit()).isZero();
        CliRunner.Run original = CliRunner.run("biller", "show", dir, "3501");
        assertThat(original.exit()).as(original.err()).isZero();
        // each command stopped its embedded PostgreSQL on the way out: the directory is a consistent cold copy
        assertThat(data.resolve("pg/postmaster.pid")).doesNotExist();

        Path restored = Files.createTempDirectory(Path.of("target"), "restored-data");
        Files.delete(restored);
        // like cp -a data restored
        copyTree(data, restored);
        // the original moves on after the backup; the restored copy must not know what came later
        CliRunner.Run afterLoss = CliRunner.run("biller", "create", dir, "--bid", "3502", "--name", "Only In The Original");
        assertThat(afterLoss.exit()).isZero();

        String restoredDir = "--data-dir=" + restored;
        CliRunner.Run shown = CliRunner.run("biller", "show", restoredDir, "3501");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).isEqualTo(original.out());
        assertThat(CliRunner.run("biller", "show", restoredDir, "3502").exit()).isNotZero();
        // every secret of the copy opens with the copy's master key (a rotation must open them all, or fails)
        CliRunner.Run rotated = CliRunner.run("keys", "rotate-master", restoredDir);
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("sealed again: 7 biller keys and secret settings");
    }
}
