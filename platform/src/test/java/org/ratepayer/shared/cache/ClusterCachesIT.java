package org.ratepayer.shared.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Caches forgotten across nodes (docs/operations.md, "Several nodes"): another node's change reaches this one as a
 * PostgreSQL notification, which is sent here from a connection of its own, exactly as another node's commit sends it.
 */
class ClusterCachesIT extends PlatformIT {

    @Autowired
    ClusterCaches caches;

    @Autowired
    DataSource dataSource;

    /** What another node does when its change commits. */
    private void notifyAsAnotherNode(String payload) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("select pg_notify('ratepayer_cache', '" + payload + "')");
        }
    }

    @Test
    void anotherNodesNotificationReachesTheNamedCache() throws Exception {
        List<String> forgotten = new CopyOnWriteArrayList<>();
        String name = "probe" + System.nanoTime();
        caches.register(name, new ClusterCaches.Cache() {
            @Override
            public void forget(String key) {
                forgotten.add(key);
            }

            @Override
            public void forgetAll() {
                forgotten.add("*");
            }
        });

        notifyAsAnotherNode(name + ":42");
        notifyAsAnotherNode("unknown-cache:7");
        notifyAsAnotherNode(name + ":a:b");
        await().atMost(Duration.ofSeconds(10)).until(() -> forgotten.size() >= 2);
        assertThat(forgotten).containsExactly("42", "a:b");
    }

    @Test
    void aBillerChangedByAnotherNodeIsReadAfreshAtOnce() throws Exception {
        TestBiller b = newBiller();
        String before = billerService.cachedBiller(b.bid()).name();
        // changed in the database behind this node's back: the cache still answers what it read
        jdbc.sql("update biller set name = 'Renamed Co-op' where biller_id = ?").param(b.bid()).update();
        assertThat(billerService.cachedBiller(b.bid()).name()).isEqualTo(before);

        notifyAsAnotherNode("biller-config:" + b.bid());
        await().atMost(Duration.ofSeconds(3)).until(() -> billerService.cachedBiller(b.bid()).name().equals("Renamed Co-op"));
    }

    @Test
    void aRotatedKeyStopsWorkingAtOnce() {
        TestBiller b = newBiller();
        String path = "/api/v1/billers/" + b.bid() + "/ip-allow-list";
        assertThat(getJson(path, b.apiKey()).status()).isEqualTo(200);
        Reply rotated = send(asOperator(request("/api/v1/billers/" + b.bid() + "/keys/API/TEST")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);

        assertThat(getJson(path, b.apiKey()).status()).as("the old key, just after the rotation").isEqualTo(401);
        assertThat(getJson(path, rotated.json().path("key").asText()).status()).isEqualTo(200);
    }
}
