package org.ratepayer.shared.throttle;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The throttle's time for tests: wall-clock based (Bucket4j wants that for buckets shared between nodes), but moved
 * only by the test. Import {@link Config} to put it in place of the real one.
 */
public final class ManualThrottleTime implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        ManualThrottleTime manualThrottleTime() {
            return new ManualThrottleTime();
        }
    }
}
