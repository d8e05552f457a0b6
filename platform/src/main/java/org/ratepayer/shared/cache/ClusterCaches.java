package org.ratepayer.shared.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every node sharing the database that a cached entry changed (docs/operations.md, "Several nodes"): a change
 * sends {@code pg_notify} on channel {@value #CHANNEL} in the changing transaction, so the other nodes hear of it only
 * once it is committed, and each node listens on one connection of its own. A node that loses that connection cannot
 * know what it missed, so it empties every cache before listening again; the caches' own short lifetimes bound what a
 * lost notification could cost.
 */
@Component
public class ClusterCaches implements SmartLifecycle {

    static final String CHANNEL = "ratepayer_cache";
    private static final Logger log = LoggerFactory.getLogger(ClusterCaches.class);

    /** A cache that can forget one key, or everything. */
    public interface Cache {
        void forget(String key);

        void forgetAll();
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Duration poll;
    private final Map<String, Cache> caches = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread listener;

    public ClusterCaches(DataSource dataSource, JdbcClient jdbc,
            @Value("${ratepayer.cache.listen-poll:500ms}") Duration poll) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.poll = poll;
    }

    /** {@code name} has no colon: it is the part of a notification before the first one. */
    public void register(String name, Cache cache) {
        if (name.indexOf(':') >= 0 || caches.putIfAbsent(name, cache) != null) {
            throw new IllegalArgumentException("cache name taken or not plain: " + name);
        }
    }

    /** This node forgets {@code key} at once; every other node when the current transaction (if any) commits. */
    public void changed(String name, String key) {
        forget(name, key);
        jdbc.sql("select pg_notify(?, ?)").param(CHANNEL).param(name + ":" + key).query(Object.class).optional();
    }

    private void forget(String name, String key) {
        Cache cache = caches.get(name);
        if (cache != null) {
            cache.forget(key);
        }
    }

    private void forgetAll() {
        caches.values().forEach(Cache::forgetAll);
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::listen, "cluster-caches");
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
            try {
                t.join(poll.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean failedBefore = false;
        while (running) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                // whatever changed while this node was not listening is unknown: start afresh
                forgetAll();
                if (failedBefore) {
                    log.info("listening for cache changes again");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications((int) poll.toMillis());
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification n : notes) {
                        String p = n.getParameter();
                        int colon = p.indexOf(':');
                        if (colon > 0) {
                            forget(p.substring(0, colon), p.substring(colon + 1));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("not listening for cache changes ({}); caches are emptied once listening again", e.getMessage());
                }
                failedBefore = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
