package org.ratepayer.payments;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stripe-style idempotency: the first submission with a key claims it and its answer is stored;
 * every later submission with that key gets the same answer, never a second payment.
 */
@Repository
public class IdempotencyKeys {

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Stored(String requestSha256, Integer statusCode, String response) {
        boolean finished() {
            return statusCode != null;
        }
    }

    /** True when this caller now owns the key; the insert commits on its own so that racing submissions see it. */
    boolean claim(long bid, String key, String requestSha256) {
        return jdbc.sql("""
                insert into idempotency_key (biller_id, key, request_sha256) values (?, ?, ?) on conflict do nothing
                """).params(bid, key, requestSha256).update() == 1;
    }

    Optional<Stored> find(long bid, String key) {
        return jdbc.sql("select request_sha256, status_code, response::text from idempotency_key where biller_id = ? and key = ?")
                .params(bid, key)
                .query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3))).optional();
    }

    void finish(long bid, String key, int statusCode, String responseJson, Long paymentId) {
        jdbc.sql("""
                update idempotency_key set status_code = ?, response = cast(? as jsonb), payment_id = ?
                where biller_id = ? and key = ?
                """).params(statusCode, responseJson, paymentId, bid, key).update();
    }

    /** Gives a key back when the attempt broke before any payment existed, so the client may simply retry. */
    void release(long bid, String key) {
        jdbc.sql("delete from idempotency_key where biller_id = ? and key = ? and payment_id is null and status_code is null")
                .params(bid, key).update();
    }
}
