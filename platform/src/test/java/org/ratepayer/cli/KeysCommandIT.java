package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** {@code ./ratepayer keys} on a fresh data directory with its own embedded PostgreSQL (docs/operations.md, "Key rotation"). */
class KeysCommandIT {

    @Test
    void rotateMasterReplacesTheKeyFileAndASecondRotationOpensEverySecretWithTheFirstsKey() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "keys-data");
        String dir = "--data-dir=" + data;
        CliRunner.Run created = CliRunner.run("biller", "create", dir, "--bid", "3401", "--name", "Keyed Cooperative");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(CliRunner.run("biller", "set-setting", dir, "3401", "10", "Toolbox-Secret").exit()).isZero();
        String first = Files.readString(data.resolve("master.key"));

        CliRunner.Run rotated = CliRunner.run("keys", "rotate-master", dir);
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("sealed again: 7 biller keys and secret settings");
        String second = Files.readString(data.resolve("master.key"));
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(data.resolve("master.key.old"))).isEqualTo(first);
        assertThat(Files.exists(data.resolve("master.key.new"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("master.key")))).isEqualTo("rw-------");

        // a second rotation opens every secret with the key the first wrote, or fails and changes nothing
        CliRunner.Run again = CliRunner.run("keys", "rotate-master", dir);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readString(data.resolve("master.key.old"))).isEqualTo(second);

        CliRunner.Run key = CliRunner.run("keys", "rotate", dir, "--biller", "3401", "--kind", "API", "--environment", "TEST");
        assertThat(key.exit()).as(key.err()).isZero();
        assertThat(key.out()).contains("the old one no longer works").containsPattern("rp_test_api_\\w+");
    }
}
