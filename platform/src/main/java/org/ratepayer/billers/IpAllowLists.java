package org.ratepayer.billers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ratepayer.shared.cache.ClusterCaches;
import org.ratepayer.shared.config.RatepayerProperties;
import org.ratepayer.shared.net.AddressGate;
import org.ratepayer.shared.net.CidrRange;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Billers' IP allow-lists (docs/ip-allow-list.md): read and replaced through the biller API, and checked on every
 * call made with a biller key. Each node keeps a list it read for at most {@link #TTL_NANOS}, the same as a known
 * key ({@code ApiKeyAuthenticator}); several nodes share one database, so a change reaches every node within that.
 */
@Component
public class IpAllowLists implements AddressGate {

    /** More than a biller's partners have addresses, and few enough to check on every call. */
    public static final int MAX_RANGES = 100;
    private static final long TTL_NANOS = java.time.Duration.ofSeconds(5).toNanos();
    private static final int CACHE_LIMIT = 10_000;
    private static final Logger log = LoggerFactory.getLogger(IpAllowLists.class);

    private final JdbcClient jdbc;
    private final BillerRepository billers;
    private final RatepayerProperties props;
    private final MeterRegistry meters;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ClusterCaches caches;
    private static final String CACHE = "ip-allow-lists";

    private record Cached(List<CidrRange> ranges, long atNanos) {
    }

    public IpAllowLists(JdbcClient jdbc, BillerRepository billers, RatepayerProperties props, ObjectProvider<MeterRegistry> meters,
            ClusterCaches caches) {
        this.jdbc = jdbc;
        this.billers = billers;
        this.props = props;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.caches = caches;
        caches.register(CACHE, new ClusterCaches.Cache() {
            @Override
            public void forget(String key) {
                cache.remove(key);
            }

            @Override
            public void forgetAll() {
                cache.clear();
            }
        });
    }

    @Override
    public void check(Caller caller, String clientAddress) {
        if (caller.operator() || caller.bid() == null) {
            return;
        }
        List<CidrRange> ranges = ranges(caller.bid(), caller.keyKind(), props.environment());
        if (ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(clientAddress))) {
            return;
        }
        log.warn("biller {}: a call with its {} key from {} refused by its IP allow-list", caller.bid(),
                caller.keyKind(), clientAddress);
        meters.counter("ratepayer.api.address.refused", "key_kind", caller.keyKind().name()).increment();
        throw new AddressNotAllowed(clientAddress, keyName(caller.keyKind()));
    }

    static String keyName(KeyKind kind) {
        return switch (kind) {
            case WEB_SERVICE -> "web-service key";
            case API -> "API key";
            case CPV2 -> "Pay Now (Cloud Payments) key";
        };
    }

    private List<CidrRange> ranges(long bid, KeyKind kind, Environment environment) {
        String k = bid + "/" + kind + "/" + environment;
        long now = System.nanoTime();
        Cached cached = cache.get(k);
        if (cached != null && now - cached.atNanos() < TTL_NANOS) {
            return cached.ranges();
        }
        List<CidrRange> ranges = stored(bid, kind, environment).stream().map(CidrRange::parse).toList();
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(k, new Cached(ranges, now));
        return ranges;
    }

    private List<String> stored(long bid, KeyKind kind, Environment environment) {
        return jdbc.sql("select ranges from biller_ip_allow_list where biller_id = ? and key_kind = ? and environment = ?")
                .params(bid, kind.name(), environment.name())
                .query((rs, n) -> strings(rs.getArray(1))).optional().orElse(List.of());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** Every kind of key in both environments, an empty list where none is set. */
    public List<IpAllowList> all(long bid) {
        requireBiller(bid);
        List<IpAllowList> out = new ArrayList<>();
        for (Environment env : Environment.values()) {
            for (KeyKind kind : KeyKind.values()) {
                out.add(new IpAllowList(kind, env, stored(bid, kind, env)));
            }
        }
        return out;
    }

    /**
     * Replaces one list; an empty list allows any address again. Every entry is checked first and a wrong one is
     * named by its index ({@code ranges[2]}), so nothing changes unless all are right. Recorded in the biller's
     * configuration history.
     */
    @Transactional
    public IpAllowList replace(long bid, KeyKind kind, Environment environment, List<String> ranges, String actor) {
        requireBiller(bid);
        if (ranges == null) {
            throw new BadRequestException("ranges", "required: a list of addresses or CIDR ranges, [] for any address");
        }
        if (ranges.size() > MAX_RANGES) {
            throw new BadRequestException("ranges", "at most " + MAX_RANGES + " entries; use wider ranges");
        }
        LinkedHashSet<String> canonical = new LinkedHashSet<>();
        for (int i = 0; i < ranges.size(); i++) {
            try {
                canonical.add(CidrRange.parse(ranges.get(i)).text());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("ranges[" + i + "]", e.getMessage());
            }
        }
        List<String> list = List.copyOf(canonical);
        if (list.isEmpty()) {
            jdbc.sql("delete from biller_ip_allow_list where biller_id = ? and key_kind = ? and environment = ?")
                    .params(bid, kind.name(), environment.name()).update();
        } else {
            jdbc.sql("""
                    insert into biller_ip_allow_list (biller_id, key_kind, environment, ranges) values (?, ?, ?, ?::text[])
                    on conflict (biller_id, key_kind, environment) do update set ranges = excluded.ranges, updated_at = now()
                    """).params(bid, kind.name(), environment.name(), "{" + String.join(",", list) + "}").update();
        }
        billers.recordChange(bid, "ip-allow-list " + kind + " " + environment, list.isEmpty() ? "any address" : String.join(" ", list),
                actor);
        caches.changed(CACHE, bid + "/" + kind + "/" + environment);
        return new IpAllowList(kind, environment, list);
    }

    private void requireBiller(long bid) {
        if (!billers.exists(bid)) {
            throw new BillerNotFoundException(bid);
        }
    }
}
