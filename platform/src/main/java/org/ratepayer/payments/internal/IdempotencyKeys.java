package org.ratepayer.payments.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stripe-style idempotency: the first submission with a key claims it and its answer is stored;
 * every later submission with that key gets the same answer, never a second payment.
 */
@Repository
public class IdempotencyKeys {

    private final JdbcClient jdbc;
    /** A claim this old with neither a payment nor an answer was left by a process that died before paying. */
    private final Duration staleAfter;

    public IdempotencyKeys(JdbcClient jdbc, @Value("${ratepayer.payments.key-claim-stale-after:2m}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
    }

    public record Stored(String requestSha256, Integer statusCode, String response, Long paymentId) {
        public boolean finished() {
            return statusCode != null;
        }
    }

    /**
     * The claim's token when this caller now owns the key; the insert commits on its own so that racing submissions
     * see it. A key claimed long ago that never got a payment nor an answer (its process died in between) is taken
     * over: nothing can have been charged under it, and its first claimant can no longer {@link #attach} a payment.
     */
    public Optional<UUID> claim(long bid, String key, String requestSha256) {
        UUID claim = UUID.randomUUID();
        int claimed = jdbc.sql("""
                insert into idempotency_key (biller_id, key, request_sha256, claim) values (?, ?, ?, ?)
                on conflict (biller_id, key) do update set request_sha256 = excluded.request_sha256, claim = excluded.claim,
                    created_at = now()
                where idempotency_key.payment_id is null and idempotency_key.status_code is null
                  and idempotency_key.created_at < now() - make_interval(secs => ?)
                """).params(bid, key, requestSha256, claim, (double) staleAfter.toMillis() / 1000).update();
        return claimed == 1 ? Optional.of(claim) : Optional.empty();
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
    public void attach(long bid, String key, UUID claim, long paymentId) {
        if (jdbc.sql("update idempotency_key set payment_id = ? where biller_id = ? and key = ? and claim = ? and payment_id is null")
                .params(paymentId, bid, key, claim).update() != 1) {
            // the claim was taken over while this process stood still: the payment's transaction must not commit
            throw new IllegalStateException("idempotency key " + key + " is no longer this submission's");
        }
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
    public void release(long bid, String key, UUID claim) {
        jdbc.sql("delete from idempotency_key where biller_id = ? and key = ? and claim = ? and payment_id is null and status_code is null")
                .params(bid, key, claim).update();
    }
}
