package org.ratepayer.shared.secrets;

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

/**
 * Several processes starting at once on a fresh data directory, played by threads released together:
 * each round, every one of them reads or creates the same file, and all must come back with one value.
 */
public final class StartRace {

    public interface Start {
        String readOrCreate(Path file) throws Exception;
    }

    public interface RoundCheck {
        void check(int round, Path file, String value) throws Exception;
    }

    private StartRace() {
    }

    public static void run(Path dir, String fileName, int threads, int rounds, Start start, RoundCheck check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                Path file = dir.resolve("round-" + round).resolve(fileName);
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<String>> values = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    values.add(pool.submit(() -> {
                        together.await();
                        return start.readOrCreate(file);
                    }));
                }
                Set<String> seen = new HashSet<>();
                for (Future<String> f : values) {
                    seen.add(f.get());
                }
                assertThat(seen).as("round %d", round).hasSize(1);
                check.check(round, file, seen.iterator().next());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
