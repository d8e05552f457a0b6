package org.ratepayer.payers.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use tokens of a payer: 256 random bits shown once, kept as their SHA-256 only, used up by the first
 * redemption that finds them unexpired (one UPDATE, so two nodes redeeming at once cannot both succeed).
 */
@Component
public class PayerTokens {

    public enum Purpose {
        /** Signs the payer in to the portal (or, as a RemoteAuthenticationToken, to Pay Now). */
        SSO,
        /** Lets the payer set a password. */
        SET_PASSWORD
    }

    public record Minted(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Minted[expiresAt=" + expiresAt + "]";
        }
    }

    public record Redeemed(long userId, String target) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PayerTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token: 256 random bits, URL-safe. */
    public String fresh() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public Minted mint(long bid, long userId, Purpose purpose, String target, Duration lifetime) {
        String token = fresh();
        Instant expires = clock.instant().plus(lifetime);
        jdbc.sql("""
                insert into payer_token (token_hash, biller_id, user_id, purpose, target, expires_at) values (?, ?, ?, ?, ?, ?)
                """).params(hash(token), bid, userId, purpose.name(), target, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)).update();
        return new Minted(token, expires);
    }

    /** Uses the token up; empty when it is unknown, another biller's, of another purpose, used or expired. */
    public Optional<Redeemed> redeem(long bid, String token, Purpose purpose) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbc.sql("""
                update payer_token set used_at = ? where token_hash = ? and biller_id = ? and purpose = ?
                  and used_at is null and expires_at > ?
                returning user_id, target
                """).params(now, hash(token), bid, purpose.name(), now).query(Redeemed.class).optional();
    }

    /** Whether the token would redeem now, without using it up (the set-password page shows its form only then). */
    public boolean usable(long bid, String token, Purpose purpose) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return false;
        }
        return jdbc.sql("""
                select 1 from payer_token where token_hash = ? and biller_id = ? and purpose = ? and used_at is null and expires_at > ?
                """).params(hash(token), bid, purpose.name(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query(Integer.class).optional().isPresent();
    }

    /** Forgets tokens that expired more than a day ago. */
    public int purgeExpired() {
        return jdbc.sql("delete from payer_token where expires_at < ?")
                .param(OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(1)), ZoneOffset.UTC)).update();
    }

    /** What is stored of a token; never the token itself. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
