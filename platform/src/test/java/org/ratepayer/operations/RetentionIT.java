package org.ratepayer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.internal.IdempotencyKeyRetention;
import org.ratepayer.postings.internal.PostingRetention;
import org.ratepayer.shared.config.RetentionProperties;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention jobs (docs/operations.md, "Retention") with the default 90 days: what is old and finished goes, what
 * is recent or still owed to someone stays, and nothing of another kind is touched.
 */
class RetentionIT extends PlatformIT {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Autowired
    PostingRetention postings;

    @Autowired
    IdempotencyKeyRetention keys;

    @Autowired
    MeterRegistry meters;

    private OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    private long posting(long bid, String status, OffsetDateTime changed) {
        long id = jdbc.sql("""
                insert into posting (posting_guid, biller_id, kind, payload, status, created_at, updated_at, delivered_at)
                values (?, ?, 'CIS_PAYMENT', '{}'::jsonb, ?, ?, ?, ?) returning posting_id
                """).params(UUID.randomUUID(), bid, status, changed, changed, "DELIVERED".equals(status) ? changed : null)
                .query(Long.class).single();
        jdbc.sql("insert into posting_event (posting_id, action, actor, at) values (?, 'PARKED', 'outbox', ?)")
                .params(id, changed).update();
        return id;
    }

    private long payment(long bid, String status) {
        return jdbc.sql("""
                insert into payment (payment_guid, biller_id, account_number, channel, method, status, amount, method_token,
                                     created_at, updated_at)
                values (?, ?, 'A-1', 'WEB', 'CARD', ?, 10.00, 'tok', ?, ?) returning payment_id
                """).params(UUID.randomUUID(), bid, status, daysAgo(200), daysAgo(200)).query(Long.class).single();
    }

    private void key(long bid, String key, Integer statusCode, Long paymentId, OffsetDateTime claimed) {
        jdbc.sql("""
                insert into idempotency_key (biller_id, key, request_sha256, status_code, response, payment_id, created_at)
                values (?, ?, 'sha', ?, cast(? as jsonb), ?, ?)
                """).params(bid, key, statusCode, statusCode == null ? null : "{}", paymentId, claimed).update();
    }

    private List<Long> postingsOf(long bid) {
        return jdbc.sql("select posting_id from posting where biller_id = ? order by posting_id").param(bid).query(Long.class).list();
    }

    private List<Long> eventsOf(List<Long> ids) {
        return jdbc.sql("select posting_id from posting_event where posting_id in (:ids) order by posting_id")
                .param("ids", ids).query(Long.class).list();
    }

    private List<String> keysOf(long bid) {
        return jdbc.sql("select key from idempotency_key where biller_id = ? order by key").param(bid).query(String.class).list();
    }

    private double removed(String kind) {
        return meters.counter(RetentionProperties.REMOVED_METER, "kind", kind).count();
    }

    @Test
    void deliveredAndSkippedPostingsOlderThanTheirPeriodGoWithTheirEventsAndNothingElse() {
        clock.set(NOW);
        long bid = newBiller().bid();
        long oldDelivered = posting(bid, "DELIVERED", daysAgo(91));
        long oldSkipped = posting(bid, "SKIPPED", daysAgo(120));
        long recentDelivered = posting(bid, "DELIVERED", daysAgo(89));
        long oldPending = posting(bid, "PENDING", daysAgo(300));
        long oldParked = posting(bid, "PARKED", daysAgo(300));
        jdbc.sql("insert into account (biller_id, account_number, customer_name) values (?, 'A-1', 'X')").param(bid).update();
        key(bid, "old-answered", 201, payment(bid, "APPROVED"), daysAgo(100));
        double before = removed("postings");
        double eventsBefore = removed("posting-events");

        PostingRetention.Removed removed = postings.run();

        assertThat(postingsOf(bid)).containsExactly(recentDelivered, oldPending, oldParked);
        assertThat(eventsOf(List.of(oldDelivered, oldSkipped, recentDelivered, oldPending, oldParked)))
                .containsExactly(recentDelivered, oldPending, oldParked);
        assertThat(removed.postings()).isGreaterThanOrEqualTo(2);
        assertThat(removed("postings") - before).isEqualTo(removed.postings());
        assertThat(removed("posting-events") - eventsBefore).isEqualTo(removed.events());
        // another kind's rows: the old answered key and its payment are the other job's, untouched here
        assertThat(keysOf(bid)).containsExactly("old-answered");
        assertThat(jdbc.sql("select count(*) from payment where biller_id = ?").param(bid).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void answeredKeysOfFinalPaymentsOlderThanTheirPeriodGoWhileKeysThatCanStillAnswerARetryStay() {
        clock.set(NOW);
        long bid = newBiller().bid();
        jdbc.sql("insert into account (biller_id, account_number, customer_name) values (?, 'A-1', 'X')").param(bid).update();
        key(bid, "approved-old", 201, payment(bid, "APPROVED"), daysAgo(91));
        key(bid, "declined-old", 402, payment(bid, "DECLINED"), daysAgo(200));
        key(bid, "refused-old", 422, null, daysAgo(200));
        key(bid, "approved-recent", 201, payment(bid, "APPROVED"), daysAgo(89));
        // the outcome is not known yet: a retry must still get the one payment's outcome, never a second charge
        key(bid, "unknown-old", 201, payment(bid, "UNKNOWN"), daysAgo(200));
        key(bid, "initiated-old", 503, payment(bid, "INITIATED"), daysAgo(200));
        // claimed, never answered
        key(bid, "unanswered-old", null, payment(bid, "SETTLED"), daysAgo(200));
        long delivered = posting(bid, "DELIVERED", daysAgo(200));
        double before = removed("idempotency-keys");

        long n = keys.run();

        assertThat(keysOf(bid)).containsExactly("approved-recent", "initiated-old", "unanswered-old", "unknown-old");
        assertThat(n).isGreaterThanOrEqualTo(3);
        assertThat(removed("idempotency-keys") - before).isEqualTo(n);
        // the payments stay, each still carrying the key it was submitted under; postings are the other job's
        assertThat(jdbc.sql("select count(*) from payment where biller_id = ?").param(bid).query(Long.class).single()).isEqualTo(6);
        assertThat(postingsOf(bid)).containsExactly(delivered);
    }

    @Test
    void manyOldPostingsGoInSeveralBatches() {
        clock.set(NOW);
        long bid = newBiller().bid();
        jdbc.sql("""
                insert into posting (posting_guid, biller_id, kind, payload, status, created_at, updated_at, delivered_at)
                select gen_random_uuid(), ?, 'CIS_PAYMENT', '{}'::jsonb, 'DELIVERED', ?, ?, ? from generate_series(1, 25000)
                """).params(bid, daysAgo(100), daysAgo(100), daysAgo(100)).update();

        assertThat(postings.run().postings()).isGreaterThanOrEqualTo(25_000);
        assertThat(postingsOf(bid)).isEmpty();
    }
}
