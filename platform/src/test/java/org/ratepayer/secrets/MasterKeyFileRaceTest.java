package org.ratepayer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes starting together on a fresh data directory must share one master key, never fail on a half-written file. */
class MasterKeyFileRaceTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 200;

    @TempDir
    Path dir;

    @Test
    void racingStartsAllLoadTheSameKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path file = dir.resolve("round-" + round).resolve("master.key");
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<String>> keys = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    keys.add(pool.submit(() -> {
                        start.await();
                        return java.util.HexFormat.of().formatHex(MasterKeyLoader.load(null, file).getEncoded());
                    }));
                }
                Set<String> seen = new HashSet<>();
                for (Future<String> f : keys) {
                    seen.add(f.get());
                }
                assertThat(seen).as("round %d", round).hasSize(1);
                assertThat(seen.iterator().next()).hasSize(64);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
