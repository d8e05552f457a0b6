package org.ratepayer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes may start on one data directory at once: they must all end up with the same operator token. */
class OperatorTokenFileTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 200;

    @TempDir
    Path dir;

    @Test
    void racingStartsAllReadTheSameCompleteToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path file = dir.resolve("round-" + round).resolve("operator-token");
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<String>> tokens = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    tokens.add(pool.submit(() -> {
                        start.await();
                        return PlatformBeans.readOrCreate(file);
                    }));
                }
                Set<String> seen = new java.util.HashSet<>();
                for (Future<String> f : tokens) {
                    seen.add(f.get());
                }
                assertThat(seen).as("round %d", round).hasSize(1);
                String token = seen.iterator().next();
                assertThat(token).as("round %d", round).startsWith("rp_op_").hasSize(6 + 43);
                assertThat(Files.readString(file).trim()).isEqualTo(token);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                try (var left = Files.list(file.getParent())) {
                    assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("operator-token");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
