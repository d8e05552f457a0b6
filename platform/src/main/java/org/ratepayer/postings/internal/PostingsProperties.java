package org.ratepayer.postings.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.postings.*}: how the outbox is drained.
 *
 * @param workers        delivery threads in this process (0: this process only queues; others drain)
 * @param claimSize      postings one worker claims at a time
 * @param maxAttempts    a posting that failed this many times is parked for staff with its last error
 * @param backoffBase    the wait after a first failure; doubled per failure, with jitter
 * @param backoffMax     the longest wait between two attempts
 * @param lease          how long a claimed posting is its worker's, counted again from just before each
 *                       delivery; must exceed the longest single delivery (a crashed worker's postings are
 *                       claimed again when it runs out; docs/postings.md, Leases)
 * @param pollInterval   how often an idle worker looks for due postings queued by other processes
 * @param degradedAfter  the health check reports DEGRADED when a pending posting is older than this
 */
@ConfigurationProperties("ratepayer.postings")
public record PostingsProperties(
        @DefaultValue("2") int workers,
        @DefaultValue("200") int claimSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("2s") Duration backoffBase,
        @DefaultValue("10m") Duration backoffMax,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("15m") Duration degradedAfter) {
}
