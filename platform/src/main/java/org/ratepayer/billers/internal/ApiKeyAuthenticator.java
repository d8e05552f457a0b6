package org.ratepayer.billers.internal;

import org.ratepayer.shared.cache.ClusterCaches;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.CallerAuthenticator;
import java.util.Optional;
import org.ratepayer.billers.BillerKeys;
import org.ratepayer.billers.BillerRepository;
import org.ratepayer.shared.config.OperatorToken;
import org.ratepayer.shared.config.RatepayerProperties;
import org.springframework.stereotype.Component;

/** Turns a presented credential into a {@link Caller}: the operator token, or a biller key of this installation's environment. */
@Component
public class ApiKeyAuthenticator implements CallerAuthenticator {

    /** Keyed by biller: a rotation forgets every key of the biller. */
    public static final String KEYS_CACHE = "biller-keys";

    private final OperatorToken operatorToken;
    private final BillerRepository billers;
    private final RatepayerProperties props;
    /**
     * Known keys only (an unknown key is never cached, so random keys cannot fill memory). A rotated key is forgotten
     * by every node when the rotation commits; should that notification be lost, it keeps working for at most this long.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, CachedOwner> known = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long KNOWN_KEY_TTL_NANOS = java.time.Duration.ofSeconds(5).toNanos();
    private static final int KNOWN_KEY_LIMIT = 10_000;

    private record CachedOwner(Caller caller, long atNanos) {
    }

    public ApiKeyAuthenticator(OperatorToken operatorToken, BillerRepository billers, RatepayerProperties props,
            ClusterCaches caches) {
        this.operatorToken = operatorToken;
        this.billers = billers;
        this.props = props;
        // a rotated key stops working on every node when the rotation commits (BillerService.rotateKey)
        caches.register(KEYS_CACHE, new ClusterCaches.Cache() {
            @Override
            public void forget(String bid) {
                long b = Long.parseLong(bid);
                known.values().removeIf(owner -> owner.caller().bid() != null && owner.caller().bid() == b);
            }

            @Override
            public void forgetAll() {
                known.clear();
            }
        });
    }

    @Override
    public Optional<Caller> operator(String bearer) {
        return operatorToken.matches(bearer) ? Optional.of(Caller.operatorCaller()) : Optional.empty();
    }

    @Override
    public Optional<Caller> billerKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        byte[] fingerprint = BillerKeys.fingerprint(key.trim());
        String k = java.util.HexFormat.of().formatHex(fingerprint);
        long now = System.nanoTime();
        CachedOwner cached = known.get(k);
        if (cached != null && now - cached.atNanos() < KNOWN_KEY_TTL_NANOS) {
            return Optional.of(cached.caller());
        }
        Optional<Caller> caller = billers.keyOwner(fingerprint)
                .filter(owner -> owner.environment() == props.environment())
                .map(owner -> Caller.biller(owner.bid(), owner.kind()));
        if (caller.isPresent()) {
            if (known.size() >= KNOWN_KEY_LIMIT) {
                known.clear();
            }
            known.put(k, new CachedOwner(caller.get(), now));
        } else {
            known.remove(k);
        }
        return caller;
    }
}
