package org.ratepayer.shared.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/**
 * A budget whose waits grow: several {@link Limit}s at once, each a capacity and a refill, and a failure must fit
 * all of them (docs/throttling.md, "Sign-in"). The first steps are small and refill fast, the last is large and
 * refills slowly, so a guesser who keeps going waits a little, then longer, up to the slowest refill.
 */
public record Ladder(List<Limit> steps) {

    public Ladder {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a throttle ladder needs at least one step");
        }
    }

    /** Steps written as {@code CAPACITY/REFILL}, for example {@code 5/10s}. */
    public static Ladder parse(List<String> steps) {
        return new Ladder(steps.stream().map(Ladder::step).toList());
    }

    private static Limit step(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("a throttle step is CAPACITY/REFILL, such as 5/10s, not " + text);
        }
        Duration refill = DurationStyle.detectAndParse(text.substring(slash + 1).strip());
        return new Limit(Integer.parseInt(text.substring(0, slash).strip()), refill);
    }

    /** The most failures any hour can hold: the step that allows the fewest bounds them all. */
    public long mostPerHour() {
        return steps.stream().mapToLong(l -> l.capacity() + Duration.ofHours(1).toNanos() / l.refillEvery().toNanos()).min()
                .orElseThrow();
    }

    BucketConfiguration bucket() {
        ConfigurationBuilder b = BucketConfiguration.builder();
        for (Limit l : steps) {
            b.addLimit(x -> x.capacity(l.capacity()).refillGreedy(1, l.refillEvery()));
        }
        return b.build();
    }
}
