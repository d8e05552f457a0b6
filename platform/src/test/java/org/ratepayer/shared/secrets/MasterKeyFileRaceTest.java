package org.ratepayer.shared.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes starting together on a fresh data directory must share one master key, never fail on a half-written file. */
class MasterKeyFileRaceTest {

    @TempDir
    Path dir;

    @Test
    void racingStartsAllLoadTheSameKey() throws Exception {
        StartRace.run(dir, "master.key", 4, 200,
                file -> HexFormat.of().formatHex(MasterKeyLoader.load(null, file).getEncoded()),
                (round, file, key) -> assertThat(key).as("round %d", round).hasSize(64));
    }
}
