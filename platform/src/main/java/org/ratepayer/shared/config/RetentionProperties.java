package org.ratepayer.shared.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished records that serve nobody any more are kept ({@code ratepayer.retention.*}, docs/operations.md,
 * "Retention"). Each module that owns such records runs its own recurring job on one node at a time.
 *
 * @param enabled whether the retention jobs run at all
 * @param interval how often each job runs
 * @param batchSize rows deleted per statement, so that no statement holds its locks for long
 * @param deliveredPostings how long a DELIVERED or SKIPPED posting (and its events) is kept after it was last changed
 * @param idempotencyKeys how long an answered idempotency key of a payment with a final outcome is kept after it was
 *        claimed; a retry with the key after that is a new request (docs/payments.md)
 */
@ConfigurationProperties("ratepayer.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("10000") int batchSize,
        @DefaultValue("90d") Duration deliveredPostings,
        @DefaultValue("90d") Duration idempotencyKeys) {

    public RetentionProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ratepayer.retention.batch-size must be at least 1");
        }
        if (deliveredPostings.isNegative() || idempotencyKeys.isNegative()) {
            throw new IllegalArgumentException("ratepayer.retention periods must not be negative");
        }
    }

    /** The meter counting what every retention job removed, tagged {@code kind}. */
    public static final String REMOVED_METER = "ratepayer.retention.removed";
}
