package org.ratepayer.postings;

import org.ratepayer.postings.internal.PostingRepository;
import org.ratepayer.postings.internal.PostingSignal;
import org.ratepayer.postings.internal.PostingWorkers;
import org.ratepayer.postings.internal.PostingsProperties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leases over a long round (docs/postings.md, Leases): a worker's claim may outlive its lease while it
 * delivers group after group; another worker then claims what is left, and from that moment only that
 * worker may send it. The receiver here is a recording courier that notes every posting it is handed and
 * by which worker, so a duplicate or an account's postings out of order show up as the receiver would
 * see them.
 *
 * <p>These workers run on a database of their own: the shared platform context has workers of its own
 * that would claim these postings too.
 */
class PostingLeaseIT {

    private static final long BID = 424_242;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static EmbeddedPostgres pg;
    private static HikariDataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();
    private JdbcClient jdbc;
    private PostingRepository postings;

    /** A posting as the receiver got it, and the worker that sent it. */
    private record Sent(String worker, long id, String account, int seq, String ebill) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void database() throws IOException {
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(6);
        dataSource = new HikariDataSource(config);
        JdbcClient.create(dataSource).sql("""
                insert into biller (biller_id, guid, name, template, file_spec) values (?, gen_random_uuid(), 'Lease Co-op', 'daffron', 'bif')
                """).param(BID).update();
    }

    @AfterAll
    static void closeDatabase() throws IOException {
        dataSource.close();
        pg.close();
    }

    @BeforeEach
    void emptyQueue() {
        jdbc = JdbcClient.create(dataSource);
        postings = new PostingRepository(jdbc, new JdbcTemplate(dataSource));
        jdbc.sql("truncate posting_event, posting").update();
    }

    private static PostingsProperties props(int claimSize) {
        return new PostingsProperties(0, claimSize, 10, Duration.ofSeconds(2), Duration.ofMinutes(10), LEASE,
                Duration.ofSeconds(1), Duration.ofMinutes(15));
    }

    private PostingWorkers workers(String worker, int claimSize, int batchSize, Consumer<List<QueuedPosting>> whileSending) {
        return new PostingWorkers(postings, new PostingSignal(), props(claimSize), List.of(new Courier() {
            @Override
            public Set<PostingKind> kinds() {
                return Set.of(PostingKind.CIS_PAPERLESS);
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public List<Delivery> deliver(long bid, List<QueuedPosting> batch) {
                for (QueuedPosting p : batch) {
                    JsonNode payload = read(p.payload());
                    sent.add(new Sent(worker, p.id(), p.orderKey(), payload.get("seq").asInt(), payload.get("ebill").asText()));
                }
                whileSending.accept(batch);
                return batch.stream().map(p -> Delivery.ok("EBILL set")).toList();
            }
        }));
    }

    private static Consumer<List<QueuedPosting>> nothing() {
        return batch -> {
        };
    }

    /** Runs {@code action} on this worker's first delivery only. */
    private static Consumer<List<QueuedPosting>> once(Consumer<List<QueuedPosting>> action) {
        AtomicBoolean done = new AtomicBoolean();
        return batch -> {
            if (done.compareAndSet(false, true)) {
                action.accept(batch);
            }
        };
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Queues paperless changes ("account=Y" or "account=N"), one after another: claims take them in this
     * order. Answers their ids in that order.
     */
    private List<Long> queue(String... changes) {
        Map<String, Integer> seqs = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        for (String change : changes) {
            String[] accountAndFlag = change.split("=");
            int seq = seqs.merge(accountAndFlag[0], 1, Integer::sum);
            ids.add(jdbc.sql("""
                    insert into posting (posting_guid, biller_id, kind, order_key, payload)
                    values (gen_random_uuid(), ?, 'CIS_PAPERLESS', ?, ?::jsonb) returning posting_id""")
                    .params(BID, accountAndFlag[0], "{\"seq\":" + seq + ",\"ebill\":\"" + accountAndFlag[1] + "\"}")
                    .query(Long.class).single());
        }
        return ids;
    }

    /**
     * The time a long round takes, played instantly: the leases of what {@code worker} claimed but has not
     * reached run out. The postings in hand were renewed just before this delivery and stay this worker's.
     */
    private void leasesRunOut(String worker, List<QueuedPosting> inHand) {
        jdbc.sql("""
                update posting set leased_until = now() - interval '1 second'
                where leased_by = :worker and status = 'PENDING' and posting_id not in (:inHand)
                """).param("worker", worker).param("inHand", inHand.stream().map(QueuedPosting::id).toList()).update();
    }

    private void leasesRunOut(List<Long> ids) {
        jdbc.sql("update posting set leased_until = now() - interval '1 second' where posting_id in (:ids)").param("ids", ids).update();
    }

    private List<String> sends() {
        synchronized (sent) {
            return sent.stream().map(s -> s.worker() + ":" + s.id()).toList();
        }
    }

    /** Status, the worker that holds or delivered it, and whether a lease is still running. */
    private String row(long id) {
        return jdbc.sql("select status || ' ' || coalesce(leased_by, '-') || ' ' || case when leased_until is null then 'unleased'"
                + " else 'leased' end from posting where posting_id = ?").param(id).query(String.class).single();
    }

    private int attempts(long id) {
        return jdbc.sql("select attempts from posting where posting_id = ?").param(id).query(Integer.class).single();
    }

    @Test
    void aWorkerWhoseLeaseRanOutMidRoundDoesNotSendWhatAnotherWorkerClaimedMeanwhile() {
        List<Long> ids = queue("A=Y", "B=Y", "C=N", "D=Y");
        PostingWorkers second = workers("w2", 200, 1, nothing());
        PostingWorkers first = workers("w1", 200, 1, once(batch -> {
            leasesRunOut("w1", batch);
            assertThat(second.drainOnce("w2")).as("the lapsed postings are claimed by the second worker").isEqualTo(3);
        }));

        assertThat(first.drainOnce("w1")).isEqualTo(4);

        assertThat(sends()).as("each posting reaches the receiver once, from the worker that held it")
                .containsExactly("w1:" + ids.get(0), "w2:" + ids.get(1), "w2:" + ids.get(2), "w2:" + ids.get(3));
        assertThat(ids.stream().map(this::row).toList()).containsExactly("DELIVERED w1 unleased", "DELIVERED w2 unleased",
                "DELIVERED w2 unleased", "DELIVERED w2 unleased");
    }

    @Test
    void aStaleChangeIsNeverSentAfterTheNewerOneForItsAccount() {
        List<Long> ids = queue("Z=Y", "A=Y", "A=N");
        PostingWorkers second = workers("w2", 200, 1, nothing());
        PostingWorkers first = workers("w1", 200, 1, once(batch -> {
            leasesRunOut("w1", batch);
            second.drainOnce("w2"); // takes over A=Y and sends it
            second.drainOnce("w2"); // A=N is due now that A=Y is delivered
        }));

        first.drainOnce("w1");

        assertThat(sent.stream().filter(s -> s.account().equals("A")).map(s -> s.worker() + " EBILL=" + s.ebill()).toList())
                .as("the CIS ends with the newer N; the first worker's stale Y never lands after it")
                .containsExactly("w2 EBILL=Y", "w2 EBILL=N");
        assertThat(ids.stream().map(this::row).toList()).extracting(r -> r.substring(0, r.indexOf(' ')))
                .containsOnly("DELIVERED");
    }

    @Test
    void aBatchCarriesOnlyWhatItsWorkerStillHoldsIncludingALapsedLeaseNobodyTook() {
        List<Long> ids = queue("A=Y", "B=Y", "C=Y", "D=Y", "E=Y", "F=Y");
        PostingWorkers second = workers("w2", 2, 3, nothing());
        PostingWorkers first = workers("w1", 200, 3, once(batch -> {
            leasesRunOut(ids.subList(3, 6));
            second.drainOnce("w2"); // claims two of the three lapsed ones; nobody takes F
        }));

        first.drainOnce("w1");

        assertThat(sends()).containsExactly("w1:" + ids.get(0), "w1:" + ids.get(1), "w1:" + ids.get(2),
                "w2:" + ids.get(3), "w2:" + ids.get(4), "w1:" + ids.get(5));
        assertThat(row(ids.get(5))).as("a lapsed lease nobody took is still the first worker's").isEqualTo("DELIVERED w1 unleased");
        assertThat(row(ids.get(4))).isEqualTo("DELIVERED w2 unleased");
    }

    @Test
    void aStoppingWorkerReleasesWhatItHasNotReachedSoAnotherTakesItAtOnce() {
        List<Long> ids = queue("A=Y", "B=Y", "C=Y");
        PostingWorkers[] first = new PostingWorkers[1];
        first[0] = workers("w1", 200, 1, once(batch -> first[0].stop()));

        assertThat(first[0].drainOnce("w1")).isEqualTo(3);

        assertThat(sends()).containsExactly("w1:" + ids.get(0));
        assertThat(ids.stream().map(this::row).toList()).containsExactly("DELIVERED w1 unleased", "PENDING - unleased",
                "PENDING - unleased");
        assertThat(attempts(ids.get(1))).as("the attempt the claim counted never happened").isZero();

        assertThat(workers("w2", 200, 1, nothing()).drainOnce("w2")).as("claimable at once, not after the lease").isEqualTo(2);
        assertThat(sends()).containsExactly("w1:" + ids.get(0), "w2:" + ids.get(1), "w2:" + ids.get(2));
        assertThat(row(ids.get(2))).isEqualTo("DELIVERED w2 unleased");
        assertThat(attempts(ids.get(2))).isEqualTo(1);
    }

    @Test
    void twoWorkersDrainingOneBacklogWhileTheirLeasesRunOutSendEveryPostingOnceInAccountOrder() throws Exception {
        int accounts = 12;
        int each = 8;
        List<String> changes = new ArrayList<>();
        for (int n = 1; n <= each; n++) {
            for (int a = 1; a <= accounts; a++) {
                changes.add("acct" + a + "=" + (n % 2 == 1 ? "Y" : "N"));
            }
        }
        List<Long> ids = queue(changes.toArray(String[]::new));
        List<String> names = List.of("w1", "w2");
        // every delivery outlives the lease of everything else its worker claimed: the other one may take it
        Function<String, PostingWorkers> worker = name -> workers(name, 10, 2, batch -> leasesRunOut(name, batch));
        CyclicBarrier together = new CyclicBarrier(names.size());
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (String name : names) {
                PostingWorkers w = worker.apply(name);
                rounds.add(pool.submit(() -> {
                    together.await();
                    int n = 0;
                    while (pending() > 0 && n < 10_000) {
                        w.drainOnce(name);
                        n++;
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : rounds) {
                assertThat(f.get()).as("drained").isLessThan(10_000);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Sent> all = List.copyOf(sent);
        assertThat(all.stream().collect(Collectors.groupingBy(Sent::id, Collectors.counting())))
                .as("every posting sent exactly once").hasSize(ids.size()).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        for (int a = 1; a <= accounts; a++) {
            String account = "acct" + a;
            assertThat(all.stream().filter(s -> s.account().equals(account)).map(Sent::seq).toList()).as("order of %s", account)
                    .isEqualTo(IntStream.rangeClosed(1, each).boxed().toList());
        }
        assertThat(jdbc.sql("select count(*) from posting where status = 'DELIVERED'").query(Long.class).single())
                .isEqualTo(ids.size());
    }

    private long pending() {
        return jdbc.sql("select count(*) from posting where status = 'PENDING'").query(Long.class).single();
    }
}
