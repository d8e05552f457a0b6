package org.ratepayer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.Haproxy;
import org.ratepayer.PlatformProcesses;
import org.ratepayer.TestSmtp;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.FaultPlan;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.cissim.PaymentPosting;
import org.ratepayer.web.PortalHttp;

/**
 * Three packaged platform processes on one PostgreSQL behind HAProxy, with the CIS simulator and an SMTP server, under
 * a mixed load from a few client threads: portal sign-ins and page views, IVR and kiosk payments, Pay Now requests paid
 * on the hosted page, balance refreshes, an autopay run and an invoice file. Meanwhile one node is killed with SIGKILL
 * and started again on its port, and the CIS is down for a while. Afterwards nothing is lost or doubled: each payment
 * key names one payment, each approved payment is one charge at the processor and one posting in the CIS, each email
 * arrives once, each autopay bill is charged once, the file is stored once, and payers signed in before the kill are
 * still signed in, whichever node answers. See docs/operations.md, "Several nodes".
 */
@Tag("slow")
class ClusterUnderFaultsIT {

    private static final long BID = 777_401;
    private static final int PAYERS = 6;
    private static final int HOLDERS = 3;
    private static final int AUTOPAY = 30;
    private static final int CHANNEL = 800;
    private static final int PAYNOW = 300;
    private static final int NEW_IN_LOAD = 40;
    private static final String CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final String PASSWORD = "cluster-test-password";
    private static final String LOAD_FILE = "during-load.bif";
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final Duration KILL_AT = Duration.ofSeconds(12);
    /** Every CIS call this long, so that the node killed has calls in flight (payments, pages, postings, the run). */
    private static final FaultPlan SLOW_CIS = FaultPlan.latency(150);
    private static final Duration RESTART_AFTER = Duration.ofSeconds(10);
    private static final Duration CIS_DOWN_AT = Duration.ofSeconds(20);
    private static final Duration CIS_DOWN_FOR = Duration.ofSeconds(15);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Requests by kind and answer ("channel-payment 201"; -1 when no answer came at all), for the figures. */
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    /** Answers by the node HAProxy chose (its X-Served-By). */
    private final Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();
    /** What must not happen at all: a payer signed out, a 500. */
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong restartedAt = new AtomicLong();
    private final AtomicLong restartedServedAt = new AtomicLong();
    /** When node b was killed: an email it had claimed by then may or may not have reached the SMTP server. */
    private volatile Instant killedAt = Instant.MAX;
    private volatile boolean stop;
    private int inDoubtEmails;
    private long receiptsMissing;

    private Haproxy ha;
    private PlatformProcesses procs;
    private EmbeddedPostgres pg;
    private String apiKey;
    private String wsKey;
    private String cpv2Key;
    private String billerGuid;

    /** One answer: status -1 when there was none (refused, reset, timed out). */
    private record Reply(int status, String body, String node, String location) {

        boolean answered() {
            return status >= 200 && status < 300;
        }

        /** What a client retries with the same key: no answer, a proxy's or the platform's 5xx, or the key still in use. */
        boolean retryable() {
            return status == -1 || status >= 500 || status == 409;
        }
    }

    /** A channel payment as its client sent it. */
    private record ChannelPayment(String key, String account, String body, boolean declining, String payerEmail) {
    }

    @Test
    void threeNodesBehindHaproxyLoseAndDoubleNothingWhenOneIsKilledAndTheCisGoesDown() throws Exception {
        long began = System.nanoTime();
        GreenMail smtp = TestSmtp.start();
        Path work = Files.createTempDirectory(Path.of("target"), "cluster");
        int portA = PlatformProcesses.freePort();
        int portB = PlatformProcesses.freePort();
        int portC = PlatformProcesses.freePort();
        int haPort = PlatformProcesses.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
        // as behind any reverse proxy: the address payers and partners reach, and whose X-Forwarded-For counts
        env.put("RATEPAYER_PUBLIC_URL", "http://127.0.0.1:" + haPort);
        env.put("RATEPAYER_TRUSTED_PROXIES", "127.0.0.1/32");
        env.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        // shorter waits than in production, so that the killed node's work is taken over within the test's minutes
        env.put("DB_SCHEDULER_POLLING_INTERVAL", "1s");
        env.put("RATEPAYER_POSTINGS_POLL_INTERVAL", "200ms");
        env.put("RATEPAYER_POSTINGS_LEASE", "10s");
        env.put("RATEPAYER_POSTINGS_BACKOFF_BASE", "200ms");
        env.put("RATEPAYER_POSTINGS_BACKOFF_MAX", "2s");
        env.put("RATEPAYER_POSTINGS_MAX_ATTEMPTS", "1000");
        env.put("RATEPAYER_AUTOPAY_SETTLE_AFTER", "3s");
        env.put("RATEPAYER_AUTOPAY_GIVE_UP_AFTER", "6s");
        env.put("RATEPAYER_PAYMENTS_KEY_CLAIM_STALE_AFTER", "3s");
        env.put("RATEPAYER_MAIL_RETRY_INTERVAL", "5s");
        env.put("RATEPAYER_NOTICES_BILL_READY_INTERVAL", "2s");
        env.put("RATEPAYER_CIS_TIMEOUT", "3s");
        try (EmbeddedPostgres db = EmbeddedPostgres.builder().start();
                CisSimulator cis = CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                        .credentials("cis", "cis-pw").build().start();
                PlatformProcesses nodes = new PlatformProcesses(db, work, env)) {
            pg = db;
            procs = nodes;
            nodes.start("a", portA);
            Process b = nodes.start("b", portB);
            nodes.start("c", portC);
            nodes.awaitHealthy(portA);
            nodes.awaitHealthy(portB);
            nodes.awaitHealthy(portC);
            double startup = seconds(began);
            Map<String, Integer> backends = new LinkedHashMap<>();
            backends.put("a", portA);
            backends.put("b", portB);
            backends.put("c", portC);
            try (Haproxy proxy = Haproxy.start(work, backends, haPort)) {
                ha = proxy;
                scenario(cis, smtp, b, portB, began, startup);
            }
        } finally {
            smtp.stop();
        }
    }

    private void scenario(CisSimulator cis, GreenMail smtp, Process b, int portB, long began, double startup) throws Exception {
        setUp(cis);
        List<PortalHttp> signedIn = new ArrayList<>();
        for (int i = 1; i <= PAYERS; i++) {
            PortalHttp jar = new PortalHttp(ha::url);
            assertThat(signIn(jar, i)).as("payer%d signs in before the load", i).isTrue();
            signedIn.add(jar);
        }
        double setUpDone = seconds(began);

        // the load
        Map<String, ChannelPayment> sent = new ConcurrentHashMap<>();
        Map<String, Reply> answers = new ConcurrentHashMap<>();
        Map<String, String> payNowOutcomes = new ConcurrentHashMap<>();
        AtomicInteger nextChannel = new AtomicInteger();
        AtomicInteger nextPayNow = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(5);
        cis.state().setFaults(SLOW_CIS);
        long t0 = System.nanoTime();
        List<Future<?>> load = List.of(
                clients.submit(() -> portalClient(signedIn)),
                clients.submit(() -> channelClient(nextChannel, sent, answers)),
                clients.submit(() -> channelClient(nextChannel, sent, answers)),
                clients.submit(() -> payNowClient(nextPayNow, payNowOutcomes)),
                clients.submit(this::balanceClient));
        AtomicLong cisDownAt = new AtomicLong();
        AtomicLong cisUpAt = new AtomicLong();
        CompletableFuture<Void> cisOutage = CompletableFuture.runAsync(() -> {
            sleepUntil(t0, CIS_DOWN_AT);
            cis.state().setFaults(FaultPlan.serviceDown());
            cisDownAt.set(System.nanoTime());
            sleepUntil(cisDownAt.get(), CIS_DOWN_FOR);
            cis.state().setFaults(SLOW_CIS);
            cisUpAt.set(System.nanoTime());
        });
        String runs = "/api/v1/billers/" + BID + "/autopay/runs";
        String today = "{\"date\":\"" + LocalDate.now(ZoneId.of("America/New_York")) + "\"}";
        sleepUntil(t0, Duration.ofSeconds(4));
        Reply upload = uploadDuringLoad(cis);

        // The day's autopay run, started on the node about to die (as the scheduler might have): it is killed partway.
        sleepUntil(t0, KILL_AT);
        procs.call(portB, "POST", runs, today);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> autopayApproved() >= 3);
        } catch (ConditionTimeoutException e) {
            // a node too slow to charge anything yet: it is killed anyway, before or in its run
        }
        long chargedBeforeKill = autopayApproved();
        long killNanos = System.nanoTime();
        b.destroyForcibly().waitFor();
        killedAt = Instant.now();
        double killed = (killNanos - t0) / 1e9;
        sleepUntil(killNanos, RESTART_AFTER);
        restartedAt.set(System.nanoTime());
        procs.start("b-restarted", portB);
        procs.awaitHealthy(portB);
        double restartSeconds = seconds(restartedAt.get());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> restartedServedAt.get() != 0);
        cisOutage.get(120, TimeUnit.SECONDS);
        long end = Math.max(t0 + LOAD.toNanos(), Math.max(cisUpAt.get(), restartedServedAt.get()) + Duration.ofSeconds(5).toNanos());
        sleepUntil(end, Duration.ZERO);
        stop = true;
        for (Future<?> f : load) {
            f.get(90, TimeUnit.SECONDS);
        }
        clients.shutdown();
        double loadSeconds = seconds(t0);

        // what real clients do next: the autopay run again until every bill is settled, the unanswered payments retried
        settleAutopay(runs, today);
        retryUnanswered(sent, answers);
        awaitQuiet();
        double settled = seconds(t0) - loadSeconds;

        // payers signed in before the kill are still signed in, on every node
        Set<String> nodesAfter = new TreeSet<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= PAYERS; i++) {
                Reply home = portal(signedIn.get(i - 1), HttpRequest.newBuilder(URI.create(ha.url("/portal/" + BID))).GET(), "portal-home");
                assertThat(home.status()).as("payer%d's home after the load, from node %s", i, home.node()).isEqualTo(200);
                assertThat(home.body()).contains(portalAccount(i));
                nodesAfter.add(home.node());
            }
        }
        assertThat(nodesAfter).as("nodes that served the signed-in payers after the kill").containsExactly("a", "b", "c");
        assertThat(problems).as("signed out, or a 500").isEmpty();

        List<PaymentPosting> posted = cis.state().postings().payments();
        Map<String, List<PaymentPosting>> postedById = posted.stream()
                .collect(Collectors.groupingBy(p -> String.valueOf(p.transactionId()).toLowerCase()));
        assertChannelPayments(sent, answers, postedById);
        assertEveryApprovedPaymentChargedAndPostedOnce(posted, postedById);
        assertPayNow(payNowOutcomes);
        assertAutopay();
        assertInvoiceFile(upload);
        int emails = assertEmailsOnce(smtp);

        Map<String, Long> payments = new TreeMap<>();
        for (List<String> r : rows("select channel || ' ' || status, count(*) from payment where biller_id = " + BID
                + " group by 1")) {
            payments.put(r.get(0), Long.parseLong(r.get(1)));
        }
        System.out.printf("cluster under faults: 3 nodes up in %.1f s, set up by %.1f s; load %.1f s, settled %.1f s later%n", startup,
                setUpDone, loadSeconds, settled);
        System.out.printf("  node b killed (SIGKILL) %.1f s into the load, healthy again %.1f s after its restart, served through"
                + " HAProxy %.1f s after it; the CIS down for %.1f s%n", killed, restartSeconds,
                (restartedServedAt.get() - restartedAt.get()) / 1e9, (cisUpAt.get() - cisDownAt.get()) / 1e9);
        System.out.printf("  requests: %s%n", new TreeMap<>(requests));
        System.out.printf("  served by: %s; autopay bills charged before the kill %d of %d; invoice file %d%n", new TreeMap<>(servedBy),
                chargedBeforeKill, AUTOPAY, upload.status());
        System.out.printf("  payments: %s%n", payments);
        System.out.printf("  CIS payment postings: %d (%d repeated arrivals refused as duplicates); emails: %d, each once (%d being"
                + " sent by the killed node: at most once)%n", posted.size(), posted.stream().mapToInt(p -> p.arrivals() - 1).sum(), emails,
                inDoubtEmails);
        System.out.printf("  approved channel payments without a receipt: %d%n", receiptsMissing);
    }

    // ---------------------------------------------------------------------------------------------------- set-up

    private void setUp(CisSimulator cis) throws Exception {
        int port = ha.port();
        JsonNode created = procs.call(port, "POST", "/api/v1/billers", "{\"bid\":" + BID + ",\"name\":\"Cluster Co-op\"}");
        apiKey = created.at("/issuedKeys/TEST/apiKey").asText();
        wsKey = created.at("/issuedKeys/TEST/webServiceKey").asText();
        cpv2Key = created.at("/issuedKeys/TEST/cpv2Key").asText();
        billerGuid = created.get("guid").asText().toUpperCase();
        for (int url : new int[] {8, 11, 14, 17}) {
            procs.call(port, "PUT", "/api/v1/billers/" + BID + "/settings/" + url, "{\"value\":\"" + cis.cbUrl() + "\"}");
            procs.call(port, "PUT", "/api/v1/billers/" + BID + "/settings/" + (url + 1), "{\"value\":\"cis\"}");
            procs.call(port, "PUT", "/api/v1/billers/" + BID + "/settings/" + (url + 2), "{\"value\":\"cis-pw\"}");
        }
        // each payment's own transactionId, so that the CIS's postings are matched to payments one to one
        procs.call(port, "PUT", "/api/v1/billers/" + BID + "/settings/131",
                "{\"value\":{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}}");
        // every balance asked of the CIS, so that its outage is felt
        procs.call(port, "PUT", "/api/v1/billers/" + BID + "/options/64", "{\"value\":true}");

        List<String> accounts = new ArrayList<>();
        IntStream.rangeClosed(1, PAYERS).mapToObj(ClusterUnderFaultsIT::portalAccount).forEach(accounts::add);
        IntStream.rangeClosed(1, AUTOPAY).mapToObj(ClusterUnderFaultsIT::autopayAccount).forEach(accounts::add);
        IntStream.range(0, CHANNEL).mapToObj(ClusterUnderFaultsIT::channelAccount).forEach(accounts::add);
        IntStream.range(0, PAYNOW).mapToObj(ClusterUnderFaultsIT::payNowAccount).forEach(accounts::add);
        BifText file = new BifText(billerGuid);
        for (String a : accounts) {
            file.invoice(invoice("A", a), a, "11/10/2026", amount(a), null);
            cis.state().putAccount(CisAccount.of(a, PayableCharge.of("Electric", amount(a), "0")));
        }
        procs.upload(port, BID, wsKey, "set-up.bif", file.text());

        String users = "/api/v1/billers/" + BID + "/remote-auth/users";
        for (int i = 1; i <= PAYERS; i++) {
            procs.call(port, "POST", users, "{\"username\":\"payer" + i + "\",\"email\":\"payer" + i + "@example.com\",\"accounts\":[\""
                    + portalAccount(i) + "\"],\"password\":\"" + PASSWORD + "\"}", wsKey);
        }
        // the autopay accounts' users, who get the autopay receipts
        for (int h = 1; h <= HOLDERS; h++) {
            int first = (h - 1) * AUTOPAY / HOLDERS + 1;
            String held = IntStream.range(first, first + AUTOPAY / HOLDERS).mapToObj(n -> "\"" + autopayAccount(n) + "\"")
                    .collect(Collectors.joining(","));
            procs.call(port, "POST", users, "{\"username\":\"holder" + h + "\",\"email\":\"holder" + h + "@example.com\",\"accounts\":["
                    + held + "],\"password\":\"" + PASSWORD + "\"}", wsKey);
        }
        for (int n = 1; n <= AUTOPAY; n++) {
            procs.call(port, "PUT", "/api/v1/billers/" + BID + "/accounts/" + autopayAccount(n) + "/autopay", "{\"enrolled\":true,"
                    + "\"card\":{\"number\":\"" + CARD + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"}}",
                    apiKey);
        }
        // enrolled before the bills fell due (12/01/2026), so each is charged on the run's day (docs/autopay.md)
        procs.scalar("with u as (update autopay_enrolment set enrolled_at = '2026-11-01T12:00:00Z' where biller_id = " + BID
                + " returning 1) select count(*) from u");
    }

    /** The file imported during the load: new bills for the portal's payers (announced to them) and new accounts. */
    private Reply uploadDuringLoad(CisSimulator cis) {
        BifText file = new BifText(billerGuid);
        for (int i = 1; i <= PAYERS; i++) {
            file.invoice(invoice("B", portalAccount(i)), portalAccount(i), "11/20/2026", amount(portalAccount(i)), null);
        }
        for (int n = 0; n < NEW_IN_LOAD; n++) {
            String a = String.format("%04d-1", 6000 + n);
            cis.state().putAccount(CisAccount.of(a, PayableCharge.of("Electric", amount(a), "0")));
            file.invoice(invoice("B", a), a, "11/20/2026", amount(a), null);
        }
        String text = file.text();
        // sent again after no answer, as a CIS's uploader does: the same file is stored once (200 ALREADY_IMPORTED)
        return untilAnswered(() -> send(HttpRequest.newBuilder(URI.create(ha.url("/api/v1/billers/" + BID + "/invoice-files?fileName="
                + LOAD_FILE))).header("X-Api-Key", wsKey).POST(HttpRequest.BodyPublishers.ofString(text)), "invoice-file"));
    }

    // ---------------------------------------------------------------------------------------------------- clients

    /** Page views of the payers signed in before the load, and one more payer signing in, looking and signing out. */
    private void portalClient(List<PortalHttp> signedIn) {
        int round = 0;
        while (!stop) {
            for (int i = 1; i <= PAYERS && !stop; i++) {
                Reply home = portal(signedIn.get(i - 1), HttpRequest.newBuilder(URI.create(ha.url("/portal/" + BID))).GET(), "portal-home");
                checkHome(home, i);
                pause(150);
            }
            int payer = round++ % PAYERS + 1;
            PortalHttp jar = new PortalHttp(ha::url);
            if (signIn(jar, payer)) {
                Reply home = portal(jar, HttpRequest.newBuilder(URI.create(ha.url("/portal/" + BID))).GET(), "portal-home");
                checkHome(home, payer);
                Matcher m = CSRF.matcher(home.body());
                if (home.status() == 200 && m.find()) {
                    portal(jar, form(ha.url("/portal/" + BID + "/sign-out"), "_csrf=" + enc(token(m))), "sign-out");
                }
            }
        }
    }

    private void checkHome(Reply home, int payer) {
        if (home.status() == 302 && String.valueOf(home.location()).contains("sign-in")) {
            problems.add("payer" + payer + " was sent to sign in by node " + home.node() + ": the session was lost");
        } else if (home.status() == 200 && !home.body().contains(portalAccount(payer))) {
            problems.add("payer" + payer + "'s home from node " + home.node() + " does not show " + portalAccount(payer));
        } else if (home.status() == 500) {
            problems.add("payer" + payer + "'s home: 500 from node " + home.node());
        }
    }

    private boolean signIn(PortalHttp jar, int payer) {
        String path = "/portal/" + BID + "/sign-in";
        Reply page = portal(jar, HttpRequest.newBuilder(URI.create(ha.url(path))).GET(), "sign-in-page");
        Matcher m = CSRF.matcher(page.body());
        if (page.status() != 200 || !m.find()) {
            return false;
        }
        Reply r = portal(jar, form(ha.url(path), "username=payer" + payer + "&password=" + enc(PASSWORD) + "&next=&_csrf=" + enc(token(m))),
                "sign-in");
        return r.status() == 302 && String.valueOf(r.location()).endsWith("/portal/" + BID);
    }

    /** IVR and kiosk payments, one per account, each retried under its key until it has an answer, as a client does. */
    private void channelClient(AtomicInteger next, Map<String, ChannelPayment> sent, Map<String, Reply> answers) {
        while (!stop) {
            int n = next.getAndIncrement();
            if (n >= CHANNEL) {
                return;
            }
            String account = channelAccount(n);
            boolean declining = n % 5 == 4;
            boolean kiosk = n % 2 == 1;
            String email = "pay-" + n + "@example.com";
            String body = "{\"channel\":\"" + (kiosk ? "KIOSK\",\"kioskId\":\"K-7" : "IVR") + "\",\"accountNumber\":\"" + account
                    + "\",\"amount\":" + amount(account) + ",\"card\":{\"number\":\"" + (declining ? DECLINED_CARD : CARD)
                    + "\",\"expMonth\":12,\"expYear\":2099,\"cvv\":\"123\",\"postalCode\":\"49331\"},\"payerEmail\":\"" + email + "\"}";
            String key = UUID.randomUUID().toString();
            sent.put(key, new ChannelPayment(key, account, body, declining, email));
            answers.put(key, pay(sent.get(key), Duration.ofSeconds(20)));
            pause(100);
        }
    }

    private Reply pay(ChannelPayment p, Duration patience) {
        long until = System.nanoTime() + patience.toNanos();
        while (true) {
            Reply r = send(HttpRequest.newBuilder(URI.create(ha.url("/api/v1/billers/" + BID + "/payments"))).header("X-Api-Key", apiKey)
                    .header("Idempotency-Key", p.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(p.body())), "channel-payment");
            if (!r.retryable() || System.nanoTime() > until) {
                return r;
            }
            pause(300);
        }
    }

    /** A partner's Pay Now request per account, its link opened and paid by card on the hosted page. */
    private void payNowClient(AtomicInteger next, Map<String, String> outcomes) {
        while (!stop) {
            int n = next.getAndIncrement();
            if (n >= PAYNOW) {
                return;
            }
            String account = payNowAccount(n);
            outcomes.put(account, payOnHostedPage(account, "pn-" + n + "@example.com"));
            pause(200);
        }
    }

    private String payOnHostedPage(String account, String email) {
        String request = "{\"Customers\":[{\"AccountNumber\":\"" + account + "\",\"EmailAddress\":\"" + email + "\",\"Invoices\":[{"
                + "\"InvoiceNumber\":\"" + invoice("A", account) + "\",\"BalanceDue\":" + amount(account) + "}]}]}";
        Reply created = untilAnswered(() -> send(HttpRequest.newBuilder(URI.create(ha.url("/cloudpaymentsapi/v2")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(cpv2Key.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)), "paynow-create"));
        if (created.status() != 200) {
            return "not created: " + created.status();
        }
        String link;
        try {
            link = json.readTree(created.body()).at("/Data/CloudPaymentURL").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the link works once: an answer lost on the way leaves it used, and the partner asks for another
        Reply opened = send(HttpRequest.newBuilder(URI.create(link)).GET(), "paynow-open");
        if (opened.status() != 302) {
            return "not opened: " + opened.status();
        }
        String page = URI.create(opened.location()).getRawPath();
        // as a payer's browser does under hosted fields (docs/hosted-fields.md): the card goes to the sandbox processor's
        // own origin (a port of the node that served the page), and only its token to the platform
        String token = hostedToken(page);
        if (token == null) {
            return "no token from the hosted fields";
        }
        String card = "method=CARD&methodToken=" + enc(token) + "&payerEmail=" + enc(email);
        Reply review = untilAnswered(() -> send(form(ha.url(page + "/review"), card), "paynow-review"));
        if (review.status() != 200 || !review.body().contains("review-total")) {
            return "not reviewed: " + review.status();
        }
        // "Pay" pressed again after no answer lands on the receipt, never a second charge
        Reply confirm = until(() -> send(form(ha.url(page + "/confirm"), ""), "paynow-confirm"), r -> r.status() == 302);
        if (confirm.status() != 302 || !String.valueOf(confirm.location()).endsWith("/receipt")) {
            return "not confirmed: " + confirm.status() + " " + confirm.location();
        }
        Reply receipt = untilAnswered(() -> send(HttpRequest.newBuilder(URI.create(ha.url(page + "/receipt"))).GET(), "paynow-receipt"));
        return receipt.status() == 200 && receipt.body().contains("Thank you, your payment was approved") ? "paid" : "receipt "
                + receipt.status();
    }

    private static final java.util.regex.Pattern HOSTED_CONFIG = java.util.regex.Pattern.compile("data-config=\"([^\"]*)\"");

    /**
     * A sandbox token for {@link #CARD}, made the way the page's hosted fields make it: the pay step names the sandbox's
     * fields (a port of the node that answered) and the biller's publishable key; the card goes there. Asked again of
     * whichever node answers next when a node is down. Null when no node gave one.
     */
    private String hostedToken(String page) {
        for (int attempt = 0; attempt < 40; attempt++) {
            Reply form = untilAnswered(() -> send(HttpRequest.newBuilder(URI.create(ha.url(page + "?step=pay"))).GET(), "paynow-page"));
            java.util.regex.Matcher m = HOSTED_CONFIG.matcher(form.body());
            if (form.status() == 200 && m.find()) {
                try {
                    JsonNode config = json.readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
                    URI fields = URI.create(config.path("fieldsUrl").asText());
                    String origin = fields.getScheme() + "://" + fields.getRawAuthority();
                    String body = json.writeValueAsString(java.util.Map.of("key", config.path("publishableKey").asText(), "method", "CARD",
                            "cardNumber", CARD, "expMonth", "12", "expYear", "2099", "cvv", "123"));
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + "/sandbox-processor/tokens"))
                            .timeout(Duration.ofSeconds(5)).header("Origin", origin).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return json.readTree(r.body()).path("token").asText();
                    }
                } catch (IOException e) {
                    // that node went away between the page and the token: ask again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            pause(250);
        }
        return null;
    }

    /** Live balances, as an IVR asks them before it offers to pay. */
    private void balanceClient() {
        while (!stop) {
            String account = channelAccount(ThreadLocalRandom.current().nextInt(CHANNEL));
            Reply r = send(HttpRequest.newBuilder(URI.create(ha.url("/api/v1/billers/" + BID + "/accounts/" + account + "/balance")))
                    .header("X-Api-Key", apiKey).GET(), "balance");
            if (r.status() == 200) {
                try {
                    count("balance-source " + json.readTree(r.body()).path("source").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            pause(250);
        }
    }

    // ---------------------------------------------------------------------------------------------------- after the load

    private void settleAutopay(String runs, String today) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                long id = procs.call(ha.port(), "POST", runs, today).get("id").asLong();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> procs.call(ha.port(), "GET", runs + "/" + id, "").get("status").asText().equals("DONE"));
                return autopayApproved() == AUTOPAY && scalar("select count(*) from autopay_attempt where biller_id = " + BID
                                + " and status = 'IN_PROGRESS'") == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("autopay not settled; the attempts or payments not approved:\n" + procs.rows("""
                    select a.account_number, a.attempt_no, a.status, p.status, p.created_at
                    from autopay_attempt a left join payment p on p.biller_id = a.biller_id and p.idempotency_key = a.idempotency_key
                    where a.biller_id = %d and (a.status <> 'APPROVED' or p.status is distinct from 'APPROVED')
                    order by a.account_number, a.attempt_no""".formatted(BID)), e);
        }
    }

    private long autopayApproved() {
        return scalar("select count(*) from payment where biller_id = " + BID + " and channel = 'AUTOPAY' and status = 'APPROVED'");
    }

    /**
     * The keys without an answer yet are sent again until they have one. A payment the killed node recorded but never
     * took to the processor keeps its key "in use" until the repair job closes it as an error (15 minutes): nothing was
     * charged, which the assertions check; the test does not wait for that.
     */
    private void retryUnanswered(Map<String, ChannelPayment> sent, Map<String, Reply> answers) {
        long until = System.nanoTime() + Duration.ofSeconds(100).toNanos();
        List<String> open = new ArrayList<>(answers.entrySet().stream().filter(e -> e.getValue().retryable()).map(Map.Entry::getKey).toList());
        while (!open.isEmpty() && System.nanoTime() < until) {
            for (String key : open) {
                answers.put(key, pay(sent.get(key), Duration.ZERO));
            }
            open.removeIf(key -> !answers.get(key).retryable() || recordedButNeverCharged(key));
            pause(1000);
        }
    }

    private boolean recordedButNeverCharged(String key) {
        return scalar("select count(*) from payment p where p.biller_id = " + BID + " and p.idempotency_key = '" + key + "'"
                + " and p.status = 'INITIATED' and p.created_at < now() - interval '20 seconds'"
                + " and not exists (select 1 from sandbox_charge c where c.payment_guid = p.payment_guid)") == 1;
    }

    /** Every posting delivered, every charged payment's outcome recorded, every email out of the SMTP conversation. */
    private void awaitQuiet() throws Exception {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> scalar(
                    "select count(*) from posting where biller_id = " + BID + " and status = 'PENDING'") == 0
                    && scalar("select count(*) from payment p where biller_id = " + BID + " and status in ('INITIATED', 'UNKNOWN')"
                            + " and exists (select 1 from sandbox_charge c where c.payment_guid = p.payment_guid)") == 0
                    && scalar("select count(*) from email_message where biller_id = " + BID + " and (status = 'QUEUED'"
                            + " or (status = 'SENDING' and " + claimedAfterTheKill() + ")"
                            + " or (status = 'FAILED' and next_attempt_at is not null))") == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not quiet: postings pending, charged payments unsettled or emails unsent:\n" + procs.rows(
                    "select 'posting', kind, status, attempts::text from posting where biller_id = " + BID + " and status = 'PENDING'"
                            + " union all select 'payment', payment_guid::text, status, channel from payment where biller_id = " + BID
                            + " and status in ('INITIATED', 'UNKNOWN') union all select 'email', kind, status, coalesce(error, '')"
                            + " from email_message where biller_id = " + BID + " and status <> 'SENT'"), e);
        }
    }

    /**
     * An email claimed by the node killed mid-send stays SENDING: nobody can know whether the SMTP server took it, so
     * it is never sent again (docs/notices.md, "Delivery"); after ten minutes it is marked FAILED, outcome unknown.
     */
    private String claimedAfterTheKill() {
        return "claimed_at > timestamptz '" + killedAt.plusSeconds(1) + "'";
    }

    // ---------------------------------------------------------------------------------------------------- assertions

    private void assertChannelPayments(Map<String, ChannelPayment> sent, Map<String, Reply> answers,
            Map<String, List<PaymentPosting>> postedById) throws Exception {
        Map<String, List<List<String>>> byKey = rows("select idempotency_key, payment_guid::text, status, account_number from payment"
                + " where biller_id = " + BID + " and channel in ('IVR', 'KIOSK')").stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get(0))));
        assertThat(sent.keySet()).as("payments only under the keys the clients sent").containsAll(byKey.keySet());
        for (ChannelPayment p : sent.values()) {
            List<List<String>> recorded = byKey.getOrDefault(p.key(), List.of());
            Reply answer = answers.get(p.key());
            assertThat(recorded).as("payments under key %s (%s)", p.key(), p.account()).hasSizeLessThanOrEqualTo(1);
            if (answer.answered()) {
                assertThat(recorded).as("the payment answered for key %s", p.key()).hasSize(1);
                JsonNode body = json.readTree(answer.body());
                assertThat(body.path("paymentGuid").asText()).isEqualToIgnoringCase(recorded.get(0).get(1));
                assertThat(body.path("status").asText()).isEqualTo(recorded.get(0).get(2));
                assertThat(body.path("status").asText()).isEqualTo(p.declining() ? "DECLINED" : "APPROVED");
            } else {
                assertThat(answer.status()).as("key %s is unanswered only while its payment is recorded and was never charged: %s",
                        p.key(), answer.body()).isEqualTo(409);
                assertThat(recordedButNeverCharged(p.key())).as("key %s", p.key()).isTrue();
            }
            if (!recorded.isEmpty() && recorded.get(0).get(2).equals("DECLINED")) {
                assertThat(postedById.get(recorded.get(0).get(1).toLowerCase())).as("a declined payment is not posted").isNull();
            }
        }
    }

    private void assertEveryApprovedPaymentChargedAndPostedOnce(List<PaymentPosting> posted, Map<String, List<PaymentPosting>> postedById)
            throws Exception {
        List<List<String>> approved = rows("select payment_guid::text, channel, account_number from payment where biller_id = " + BID
                + " and status = 'APPROVED'");
        for (List<String> p : approved) {
            assertThat(postedById.get(p.get(0).toLowerCase())).as("CIS postings of %s payment %s (%s)", p.get(1), p.get(0), p.get(2))
                    .hasSize(1);
        }
        assertThat(posted).as("nothing posted but the approved payments").hasSize(approved.size());
        assertThat(scalar("select count(*) from payment p where biller_id = " + BID + " and status = 'APPROVED' and not exists"
                + " (select 1 from sandbox_charge c where c.payment_guid = p.payment_guid and c.outcome = 'APPROVED')"))
                .as("approved payments the processor did not charge").isZero();
        assertThat(scalar("select count(*) from sandbox_charge c where biller_id = " + BID + " and outcome = 'APPROVED' and not exists"
                + " (select 1 from payment p where p.payment_guid = c.payment_guid and p.status = 'APPROVED')"))
                .as("charges at the processor without an approved payment").isZero();
        assertThat(scalar("select count(*) from (select account_number from payment where biller_id = " + BID
                + " and status = 'APPROVED' group by account_number, coalesce(invoice_number, '') having count(*) > 1) twice"))
                .as("bills paid twice").isZero();
    }

    private void assertPayNow(Map<String, String> outcomes) {
        for (Map.Entry<String, String> o : outcomes.entrySet()) {
            long approved = scalar("select count(*) from payment where biller_id = " + BID + " and channel = 'CPV2' and status = 'APPROVED'"
                    + " and account_number = '" + o.getKey() + "'");
            if (o.getValue().equals("paid")) {
                assertThat(approved).as("Pay Now payment of %s, its receipt shown", o.getKey()).isEqualTo(1);
            } else {
                assertThat(approved).as("Pay Now payment of %s: %s", o.getKey(), o.getValue()).isLessThanOrEqualTo(1);
            }
        }
        assertThat(outcomes.values().stream().filter("paid"::equals).count()).as("Pay Now payments made").isPositive();
    }

    private void assertAutopay() {
        assertThat(scalar("""
                select count(*) from (select p.account_number from sandbox_charge c join payment p on p.payment_guid = c.payment_guid
                where c.biller_id = %d and p.channel = 'AUTOPAY' and c.outcome = 'APPROVED' group by p.account_number having count(*) = 1) once
                """.formatted(BID))).as("autopay accounts charged exactly once at the processor").isEqualTo(AUTOPAY);
        assertThat(scalar("select count(*) from autopay_attempt where biller_id = " + BID + " and status = 'APPROVED'")).isEqualTo(AUTOPAY);
        assertThat(scalar("select count(*) from email_message where biller_id = " + BID + " and kind = 'AUTOPAY_RECEIPT'"))
                .as("autopay receipts").isEqualTo(AUTOPAY);
    }

    private void assertInvoiceFile(Reply upload) {
        assertThat(upload.status()).as("the invoice file: %s", upload.body()).isIn(200, 201);
        assertThat(scalar("select count(*) from invoice_file where biller_id = " + BID + " and file_name = '" + LOAD_FILE + "'"
                + " and outcome = 'IMPORTED'")).as("the file imported during the load, stored once").isEqualTo(1);
        assertThat(scalar("select count(*) from invoice where biller_id = " + BID + " and invoice_number like 'B%'"))
                .isEqualTo(PAYERS + NEW_IN_LOAD);
    }

    /** Each email in the history was sent, and the SMTP server got each exactly once per recipient. */
    private int assertEmailsOnce(GreenMail smtp) throws Exception {
        List<List<String>> emails = rows("select kind, recipients, subject, status, (status = 'SENDING' and not "
                + claimedAfterTheKill() + ")::text from email_message where biller_id = " + BID);
        assertThat(emails.stream().filter(e -> !e.get(3).equals("SENT") && !e.get(4).equals("true")).toList())
                .as("emails not sent (other than those the killed node was sending)").isEmpty();
        // by recipient and subject: how many emails were surely sent, and how many the killed node may have sent
        Map<String, Map<String, int[]>> expected = new TreeMap<>();
        for (List<String> e : emails) {
            for (String to : e.get(1).split("[,;]")) {
                int[] sureAndDoubt = expected.computeIfAbsent(to.trim().toLowerCase(), k -> new TreeMap<>())
                        .computeIfAbsent(e.get(2), k -> new int[2]);
                sureAndDoubt[e.get(4).equals("true") ? 1 : 0]++;
            }
        }
        int deliveries = 0;
        int inDoubt = 0;
        for (Map.Entry<String, Map<String, int[]>> to : expected.entrySet()) {
            Map<String, Long> got = TestSmtp.receivedBy(smtp, to.getKey()).stream()
                    .collect(Collectors.groupingBy(ClusterUnderFaultsIT::subject, TreeMap::new, Collectors.counting()));
            assertThat(got.keySet()).as("subjects received by %s", to.getKey()).isSubsetOf(to.getValue().keySet());
            for (Map.Entry<String, int[]> subject : to.getValue().entrySet()) {
                long received = got.getOrDefault(subject.getKey(), 0L);
                assertThat(received).as("emails \"%s\" received by %s", subject.getKey(), to.getKey())
                        .isBetween((long) subject.getValue()[0], (long) subject.getValue()[0] + subject.getValue()[1]);
                deliveries += (int) received;
                inDoubt += subject.getValue()[1];
            }
        }
        assertThat(smtp.getReceivedMessages()).as("nothing else received").hasSize(deliveries);
        inDoubtEmails = inDoubt;
        // each approved channel payment: never two receipts
        String receipts = "(select count(*) from email_message e where e.payment_guid = p.payment_guid and e.kind = 'RECEIPT'"
                + " and e.recipients ilike '%' || p.payer_email || '%')";
        String approvedChannel = "select count(*) from payment p where biller_id = " + BID + " and channel in ('IVR', 'KIOSK')"
                + " and status = 'APPROVED' and ";
        assertThat(scalar(approvedChannel + receipts + " > 1")).as("channel payments with two receipts").isZero();
        // the receipt's row is written in the transaction that records the approval, so a kill loses none
        receiptsMissing = scalar(approvedChannel + receipts + " = 0");
        assertThat(receiptsMissing).as("approved channel payments without a receipt").isZero();
        return emails.size();
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    private Reply send(HttpRequest.Builder request, String kind) {
        return exchange(r -> {
            try {
                return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, request, kind);
    }

    /** A payer's browser: its own cookies, through HAProxy. */
    private Reply portal(PortalHttp jar, HttpRequest.Builder request, String kind) {
        return exchange(jar::send, request, kind);
    }

    private Reply exchange(Function<HttpRequest, HttpResponse<String>> client, HttpRequest.Builder request, String kind) {
        Reply reply;
        try {
            HttpResponse<String> r = client.apply(request.timeout(Duration.ofSeconds(30)).build());
            reply = new Reply(r.statusCode(), r.body(), r.headers().firstValue("X-Served-By").orElse("-"),
                    r.headers().firstValue("Location").orElse(null));
        } catch (UncheckedIOException e) {
            reply = new Reply(-1, String.valueOf(e.getCause()), "-", null);
        }
        count(kind + " " + reply.status());
        if (!reply.node().equals("-")) {
            count(servedBy, reply.node());
            if (reply.node().equals("b") && restartedAt.get() != 0) {
                restartedServedAt.compareAndSet(0, System.nanoTime());
            }
        }
        if (reply.status() == 500) {
            problems.add(kind + ": 500 from node " + reply.node() + ": " + reply.body());
        }
        return reply;
    }

    private Reply untilAnswered(Supplier<Reply> call) {
        return until(call, r -> !r.retryable());
    }

    /** The call again every 300 ms, for at most 20 s, until its answer is {@code done}: a client's retries. */
    private static Reply until(Supplier<Reply> call, java.util.function.Predicate<Reply> done) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Reply r = call.get();
        while (!done.test(r) && System.nanoTime() < until) {
            pause(300);
            r = call.get();
        }
        return r;
    }

    private static HttpRequest.Builder form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String token(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void count(String what) {
        count(requests, what);
    }

    private static void count(Map<String, LongAdder> counts, String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    // ---------------------------------------------------------------------------------------------------- data

    private static String portalAccount(int i) {
        return String.format("81%02d-1", i);
    }

    private static String autopayAccount(int n) {
        return String.format("82%02d-1", n);
    }

    private static String channelAccount(int n) {
        return String.format("%04d-1", 2000 + n);
    }

    private static String payNowAccount(int n) {
        return String.format("%04d-1", 4000 + n);
    }

    private static String invoice(String prefix, String account) {
        return prefix + account.replace("-", "");
    }

    /** Each account's own amount, from 10.25 to 99.25. */
    private static String amount(String account) {
        return (10 + Integer.parseInt(account.substring(0, 4)) % 90) + ".25";
    }

    private long scalar(String sql) {
        try {
            return procs.scalar(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private List<List<String>> rows(String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(long since, Duration after) {
        long wait = since + after.toNanos() - System.nanoTime();
        if (wait > 0) {
            pause(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
