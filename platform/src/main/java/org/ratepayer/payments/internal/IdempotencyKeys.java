package org.ratepayer.payments.internal;

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

    public record Stored(String requestSha256, Integer statusCode, String response, Long paymentId) {
        public boolean finished() {
            return statusCode != null;
        }
    }

    /** True when this caller now owns the key; the insert commits on its own so that racing submissions see it. */
    public boolean claim(long bid, String key, String requestSha256) {
        return jdbc.sql("""
                insert into idempotency_key (biller_id, key, request_sha256) values (?, ?, ?) on conflict do nothing
                """).params(bid, key, requestSha256).update() == 1;
    }

    public Optional<Stored> find(long bid, String key) {
        return jdbc.sql("""
                select request_sha256, status_code, response::text, payment_id from idempotency_key where biller_id = ? and key = ?
                """).params(bid, key)
                .query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        (Long) rs.getObject(4))).optional();
    }

    /**
     * Ties the key to its payment; called in the transaction that inserts the payment, so no key whose
     * payment exists can be released or left pointing nowhere (docs/payments.md, idempotency).
     */
    public void attach(long bid, String key, long paymentId) {
        jdbc.sql("update idempotency_key set payment_id = ? where biller_id = ? and key = ? and payment_id is null")
                .params(paymentId, bid, key).update();
    }

    /**
     * Stores the key's first answer; a later answer never replaces it.
     *
     * @return whether this call stored it (false when another already had)
     */
    public boolean finish(long bid, String key, int statusCode, String responseJson) {
        return jdbc.sql("""
                update idempotency_key set status_code = ?, response = cast(? as jsonb)
                where biller_id = ? and key = ? and status_code is null
                """).params(statusCode, responseJson, bid, key).update() == 1;
    }

    /**
     * Stores the answer of the key a payment was submitted under, when its submission could not (the
     * repair job and a retry finish such keys).
     *
     * @return whether this call stored it
     */
    public boolean finishForPayment(long paymentId, int statusCode, String responseJson) {
        return jdbc.sql("""
                update idempotency_key set status_code = ?, response = cast(? as jsonb)
                where payment_id = ? and status_code is null
                """).params(statusCode, responseJson, paymentId).update() == 1;
    }

    /** Gives a key back when the attempt broke before any payment existed, so the client may simply retry; a key with a payment is kept. */
    public void release(long bid, String key) {
        jdbc.sql("delete from idempotency_key where biller_id = ? and key = ? and payment_id is null and status_code is null")
                .params(bid, key).update();
    }
}
