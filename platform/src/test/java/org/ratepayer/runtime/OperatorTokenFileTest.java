package org.ratepayer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ratepayer.shared.secrets.StartRace;

/** Several processes may start on one data directory at once: they must all end up with the same operator token. */
class OperatorTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void racingStartsAllReadTheSameCompleteToken() throws Exception {
        StartRace.run(dir, "operator-token", 4, 200, PlatformBeans::readOrCreate, (round, file, token) -> {
            assertThat(token).as("round %d", round).startsWith("rp_op_").hasSize(6 + 43);
            assertThat(Files.readString(file).trim()).isEqualTo(token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (var left = Files.list(file.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("operator-token");
            }
        });
    }
}
