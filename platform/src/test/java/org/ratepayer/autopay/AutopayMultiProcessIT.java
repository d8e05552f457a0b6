package org.ratepayer.autopay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformProcesses;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.cissim.PaymentPosting;

/**
 * Autopay across real processes sharing one PostgreSQL (docs/autopay.md): one is killed with SIGKILL in the middle of
 * a run; two others then run the same day at once, and again until the killed node's attempt is settled. Every due bill
 * must end with exactly one approved charge at the processor, one approved payment, and one posting in the CIS.
 */
@Tag("slow")
class AutopayMultiProcessIT {

    private static final int ACCOUNTS = 120;
    private static final String APPROVING_CARD = "4111111111111111";

    @Test
    void aRunKilledMidwayAndTwoNodesRunningTheSameDayStillChargeEachBillExactlyOnce() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                        .credentials("cis", "cis-pw").build().start();
                PlatformProcesses procs = new PlatformProcesses(pg, Files.createTempDirectory(Path.of("target"), "autopay-nodes"),
                        Map.of("DB_SCHEDULER_ENABLED", "false", "RATEPAYER_POSTINGS_POLL_INTERVAL", "100ms",
                                "RATEPAYER_AUTOPAY_SETTLE_AFTER", "3s", "RATEPAYER_AUTOPAY_GIVE_UP_AFTER", "6s",
                                "RATEPAYER_PAYMENTS_KEY_CLAIM_STALE_AFTER", "3s"))) {
            // every live balance takes a while, so that the kill lands in the middle of the run
            cis.state().setFaults(FaultPlan.latency(40));
            int portA = PlatformProcesses.freePort();
            Process a = procs.start("a", portA);
            procs.awaitHealthy(portA);
            long bid = 777_201;
            JsonNode created = procs.call(portA, "POST", "/api/v1/billers", "{\"bid\":" + bid + ",\"name\":\"Autopay Co-op\"}");
            String apiKey = created.at("/issuedKeys/TEST/apiKey").asText();
            String wsKey = created.at("/issuedKeys/TEST/webServiceKey").asText();
            for (int url : new int[] {8, 11, 14, 17}) {
                procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/" + url, "{\"value\":\"" + cis.cbUrl() + "\"}");
                procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/" + (url + 1), "{\"value\":\"cis\"}");
                procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/settings/" + (url + 2), "{\"value\":\"cis-pw\"}");
            }
            procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/options/64", "{\"value\":true}");
            List<String> accounts = IntStream.rangeClosed(1, ACCOUNTS).mapToObj(n -> String.format("%04d-1", 7000 + n)).toList();
            BifText file = new BifText(created.get("guid").asText().toUpperCase());
            for (int n = 0; n < ACCOUNTS; n++) {
                String amount = (50 + n) + ".25";
                file.invoice("9" + String.format("%07d", n), accounts.get(n), "11/10/2026", amount, null);
                cis.state().putAccount(CisAccount.of(accounts.get(n), PayableCharge.of("Electric", amount, "0")));
            }
            procs.upload(portA, bid, wsKey, "autopay.bif", file.text());
            for (String account : accounts) {
                procs.call(portA, "PUT", "/api/v1/billers/" + bid + "/accounts/" + account + "/autopay", "{\"enrolled\":true,"
                        + "\"card\":{\"number\":\"" + APPROVING_CARD + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\","
                        + "\"postalCode\":\"49331\"}}", apiKey);
            }
            // enrolled before the bills fell due (the bills are due 12/01/2026), so each is charged on the run's day
            procs.scalar("with u as (update autopay_enrolment set enrolled_at = '2026-11-01T12:00:00Z' where biller_id = " + bid
                    + " returning 1) select count(*) from u");
            String today = "{\"date\":\"" + LocalDate.now(ZoneId.of("America/New_York")) + "\"}";
            String runs = "/api/v1/billers/" + bid + "/autopay/runs";

            procs.call(portA, "POST", runs, today);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20))
                    .until(() -> approvedPayments(procs, bid) >= ACCOUNTS / 5);
            a.destroyForcibly().waitFor();
            long chargedAtKill = approvedPayments(procs, bid);
            assertThat(chargedAtKill).as("killed mid-run").isLessThan(ACCOUNTS);

            cis.state().setFaults(FaultPlan.latency(5));
            int portB = PlatformProcesses.freePort();
            int portC = PlatformProcesses.freePort();
            procs.start("b", portB);
            procs.start("c", portC);
            procs.awaitHealthy(portB);
            procs.awaitHealthy(portC);
            // both nodes run the same day at once
            CompletableFuture<JsonNode> onB = CompletableFuture.supplyAsync(() -> startRun(procs, portB, runs, today));
            CompletableFuture<JsonNode> onC = CompletableFuture.supplyAsync(() -> startRun(procs, portC, runs, today));
            awaitDone(procs, portB, runs, onB.get().get("id").asLong());
            awaitDone(procs, portC, runs, onC.get().get("id").asLong());
            // the killed node's attempt is settled (by asking the processor, or fenced and charged anew) by a later run
            try {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    awaitDone(procs, portB, runs, startRun(procs, portB, runs, today).get("id").asLong());
                    return approvedPayments(procs, bid) == ACCOUNTS && procs.scalar(
                            "select count(*) from autopay_attempt where biller_id = " + bid + " and status = 'IN_PROGRESS'") == 0;
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("not settled; the attempts or payments not approved:\n" + procs.rows("""
                        select a.account_number, a.attempt_no, a.status, a.idempotency_key, p.status, p.created_at
                        from autopay_attempt a left join payment p on p.biller_id = a.biller_id and p.idempotency_key = a.idempotency_key
                        where a.biller_id = %d and (a.status <> 'APPROVED' or p.status is distinct from 'APPROVED')
                        order by a.account_number, a.attempt_no""".formatted(bid)), e);
            }

            assertThat(procs.scalar("""
                    select count(*) from (select p.account_number from sandbox_charge c join payment p on p.payment_guid = c.payment_guid
                    where c.biller_id = %d and c.outcome = 'APPROVED' group by p.account_number having count(*) = 1) once
                    """.formatted(bid))).as("accounts charged exactly once at the processor").isEqualTo(ACCOUNTS);
            assertThat(procs.scalar("select count(*) from sandbox_charge where biller_id = " + bid + " and outcome = 'APPROVED'"))
                    .as("approved charges at the processor").isEqualTo(ACCOUNTS);
            assertThat(procs.scalar("select count(*) from autopay_attempt where biller_id = " + bid + " and status = 'APPROVED'"))
                    .isEqualTo(ACCOUNTS);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> cis.state().postings().payments().stream().filter(p -> accounts.contains(p.accountNumber())).count()
                            >= ACCOUNTS);
            List<PaymentPosting> posted = cis.state().postings().payments();
            assertThat(posted.stream().map(PaymentPosting::accountNumber).distinct()).as("each account posted").hasSize(ACCOUNTS);
            assertThat(posted).as("and only once").hasSize(ACCOUNTS);
            System.out.printf("autopay across nodes: %d charged before the kill, %d attempts in all%n", chargedAtKill,
                    procs.scalar("select count(*) from autopay_attempt where biller_id = " + bid));
        }
    }

    private static long approvedPayments(PlatformProcesses procs, long bid) throws Exception {
        return procs.scalar("select count(*) from payment where biller_id = " + bid + " and channel = 'AUTOPAY' and status = 'APPROVED'");
    }

    private static JsonNode startRun(PlatformProcesses procs, int port, String runs, String body) {
        try {
            return procs.call(port, "POST", runs, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitDone(PlatformProcesses procs, int port, String runs, long id) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> procs.call(port, "GET", runs + "/" + id, "").get("status").asText().equals("DONE"));
    }
}
