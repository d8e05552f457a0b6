package org.ratepayer.payments.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.ratepayer.shared.config.RetentionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys that can no longer answer a retry differently (docs/payments.md, "Idempotency keys and
 * retries"; docs/operations.md, "Retention"): answered keys claimed more than {@code ratepayer.retention.idempotency-keys}
 * ago whose payment, if any, has a final outcome. A key without an answer, or whose payment is still INITIATED or
 * UNKNOWN, is kept however old: a retry must still get the one payment's outcome and never a second charge. The
 * payments themselves, and the key written on each payment, are never touched.
 */
@Component
public class IdempotencyKeyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyRetention.class);

    private final JdbcClient jdbc;
    private final RetentionProperties props;
    private final Clock clock;
    private final Counter removed;

    public IdempotencyKeyRetention(JdbcClient jdbc, RetentionProperties props, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
        this.removed = meters.counter(RetentionProperties.REMOVED_METER, "kind", "idempotency-keys");
    }

    /** One pass, batch after batch; how many keys it removed. */
    public long run() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(props.idempotencyKeys());
        long total = 0;
        int n;
        do {
            n = jdbc.sql("""
                    delete from idempotency_key k using (
                        select k2.biller_id, k2.key from idempotency_key k2
                        left join payment p on p.payment_id = k2.payment_id
                        where k2.status_code is not null and k2.created_at < ?
                          and (k2.payment_id is null or p.status not in ('INITIATED', 'UNKNOWN'))
                        order by k2.created_at limit ? for update of k2 skip locked) old
                    where k.biller_id = old.biller_id and k.key = old.key
                    """).params(before, props.batchSize()).update();
            total += n;
            removed.increment(n);
        } while (n == props.batchSize());
        if (total > 0) {
            log.info("retention: removed {} answered idempotency keys claimed before {}", total, before);
        }
        return total;
    }
}
