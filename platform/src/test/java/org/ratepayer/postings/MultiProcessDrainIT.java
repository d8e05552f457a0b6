package org.ratepayer.postings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformProcesses;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PaymentPosting;

/**
 * Real platform processes (the packaged jar) sharing one PostgreSQL: one is killed with SIGKILL in the
 * middle of a drain, two others take over and drain the queue together. The simulated CIS must end with
 * every payment exactly once and each account's payments in the order they were queued.
 */
@Tag("slow")
class MultiProcessDrainIT {

    private static final int ACCOUNTS = 60;
    private static final int EACH = 50;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aKilledProcessLosesNothingAndTwoProcessesDrainOneQueueWithoutPostingTwice() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                        .credentials("pump", "pump-pw").build().start();
                PlatformProcesses procs = new PlatformProcesses(pg, Files.createTempDirectory(Path.of("target"), "multiprocess"),
                        Map.of("RATEPAYER_POSTINGS_WORKERS", "2", "RATEPAYER_POSTINGS_LEASE", "5s",
                                "RATEPAYER_POSTINGS_POLL_INTERVAL", "100ms", "RATEPAYER_POSTINGS_CLAIM_SIZE", "50",
                                "RATEPAYER_POSTINGS_BACKOFF_BASE", "100ms", "RATEPAYER_POSTINGS_BACKOFF_MAX", "500ms",
                                "RATEPAYER_POSTINGS_MAX_ATTEMPTS", "1000", "DB_SCHEDULER_ENABLED", "false"))) {
            cis.state().setFaults(FaultPlan.latency(50));

            int portA = PlatformProcesses.freePort();
            Process a = procs.start("a", portA);
            procs.awaitHealthy(portA);
            long bid = 777_001;
            procs.call(portA, "POST", "/api/v1/billers", "{\"bid\":" + bid + ",\"name\":\"Multi Co-op\",\"template\":\"daffron\"}");
            procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/11", "{\"value\":\"" + cis.cbUrl() + "\"}");
            procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/12", "{\"value\":\"pump\"}");
            procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/13", "{\"value\":\"pump-pw\"}");
            procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/131",
                    "{\"value\":{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}}");
            queue(pg, bid);

            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cis.state().postings().payments().size() >= ACCOUNTS * EACH / 5);
            a.destroyForcibly().waitFor();
            int postedAtKill = cis.state().postings().payments().size();
            assertThat(postedAtKill).as("killed mid-drain").isLessThan(ACCOUNTS * EACH);

            // The CIS is away while the two others start, so that neither drains it all before the other is up.
            cis.state().setFaults(FaultPlan.serviceDown());
            int portB = PlatformProcesses.freePort();
            int portC = PlatformProcesses.freePort();
            procs.start("b", portB);
            procs.start("c", portC);
            procs.awaitHealthy(portB);
            procs.awaitHealthy(portC);
            cis.state().setFaults(FaultPlan.latency(20));
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                    .until(() -> procs.scalar("select count(*) from posting where status = 'DELIVERED'") == ACCOUNTS * EACH);

            List<PaymentPosting> posted = cis.state().postings().payments();
            assertThat(posted).as("every payment in the CIS exactly once").hasSize(ACCOUNTS * EACH);
            assertThat(posted.stream().map(PaymentPosting::transactionId).distinct()).hasSize(ACCOUNTS * EACH);
            for (int acct = 1; acct <= ACCOUNTS; acct++) {
                String account = account(acct);
                assertThat(posted.stream().filter(p -> p.accountNumber().equals(account)).map(PaymentPosting::authorizationCode))
                        .as("order of %s", account)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, EACH).mapToObj(n -> account + "#" + n).toList());
            }
            assertThat(procs.scalar("select count(distinct split_part(leased_by, '#', 1)) from posting"))
                    .as("processes that delivered: the killed one and both that took over").isEqualTo(3);
            System.out.printf("multi-process drain: %d posted before the kill; %d arrivals refused as duplicates%n", postedAtKill,
                    posted.stream().mapToInt(p -> p.arrivals() - 1).sum());
        }
    }

    private static String account(int n) {
        return String.format("%04d-1", 6000 + n);
    }

    /** 3,000 approved-payment postings, 50 per account, queued in round-robin order as payments would arrive. */
    private void queue(EmbeddedPostgres pg, long bid) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into posting (posting_guid, biller_id, kind, order_key, payload)
                        values (?, ?, 'CIS_PAYMENT', ?, ?::jsonb)""")) {
            for (int n = 1; n <= EACH; n++) {
                for (int acct = 1; acct <= ACCOUNTS; acct++) {
                    UUID id = UUID.randomUUID();
                    String account = account(acct);
                    ps.setObject(1, id);
                    ps.setLong(2, bid);
                    ps.setString(3, account);
                    ps.setString(4, json.writeValueAsString(Map.of("postingId", id, "accountNumber", account,
                            "paymentGuid", UUID.randomUUID(), "tender", "CARD", "amount", n + ".25", "approvalCode", account + "#" + n,
                            "paymentSourceId", 0, "donation", false)));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
