package org.ratepayer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformProcesses;
import org.ratepayer.TestSmtp;

/**
 * The notices across two real processes sharing one PostgreSQL (docs/notices.md, "At most once"): both run the
 * bill-ready and notices jobs every second or two, and the node that imports a file also expands it at once, so the
 * passes overlap and rerun many times. Every account must get each email exactly once.
 */
@Tag("slow")
class NoticesMultiProcessIT {

    private static final int ACCOUNTS = 40;

    @Test
    void twoNodesRunningTheNoticeJobsSendEachEmailOnce() throws Exception {
        GreenMail smtp = TestSmtp.start();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                PlatformProcesses procs = new PlatformProcesses(pg, Files.createTempDirectory(Path.of("target"), "notice-nodes"),
                        Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()),
                                "DB_SCHEDULER_POLLING_INTERVAL", "1s",
                                "RATEPAYER_NOTICES_BILL_READY_INTERVAL", "1s", "RATEPAYER_NOTICES_INTERVAL", "2s"))) {
            int portA = PlatformProcesses.freePort();
            int portB = PlatformProcesses.freePort();
            procs.start("a", portA);
            procs.start("b", portB);
            procs.awaitHealthy(portA);
            procs.awaitHealthy(portB);
            long bid = 777_301;
            JsonNode created = procs.call(portA, "POST", "/api/v1/billers", "{\"bid\":" + bid + ",\"name\":\"Notice Co-op\"}");
            String wsKey = created.at("/issuedKeys/TEST/webServiceKey").asText();
            String guid = created.get("guid").asText().toUpperCase();
            List<String> accounts = IntStream.rangeClosed(1, ACCOUNTS).mapToObj(n -> String.format("%04d-1", 6000 + n)).toList();

            BifText first = new BifText(guid);
            for (String a : accounts) {
                first.invoice(a.replace("-", "") + "00", a, "10/10/2026", "10.00", address(a));
            }
            procs.upload(portA, bid, wsKey, "first.bif", first.text());
            // Nobody is told of the first bills (no account is paperless yet); then every account goes paperless.
            await().atMost(Duration.ofSeconds(60)).until(() -> procs.scalar(
                    "select count(*) from invoice_file where biller_id = " + bid + " and bill_ready_owed") == 0);
            procs.scalar("with p as (insert into paperless_enrolment (biller_id, account_number, enrolled, changed_by) select biller_id,"
                    + " account_number, true, 'test' from account where biller_id = " + bid + " returning 1) select count(*) from p");

            BifText second = new BifText(guid);
            for (int n = 0; n < ACCOUNTS; n++) {
                second.invoice(accounts.get(n).replace("-", "") + "01", accounts.get(n), "11/10/2026", (20 + n) + ".00", address(accounts.get(n)));
            }
            procs.upload(portB, bid, wsKey, "second.bif", second.text());
            // today's first notify date, on the biller's calendar: the notices job of either node reminds each account once
            procs.scalar("with u as (update invoice i set first_notify_date = (now() at time zone b.time_zone)::date from biller b"
                    + " where b.biller_id = i.biller_id and i.biller_id = " + bid + " and i.status = 'OPEN' returning 1) select count(*) from u");

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> procs.scalar(
                    "select count(*) from email_message where biller_id = " + bid + " and status = 'SENT'") == 2L * ACCOUNTS);
            // several more passes of both jobs on both nodes
            Thread.sleep(8_000);
            for (String a : accounts) {
                List<String> subjects = TestSmtp.receivedBy(smtp, address(a)).stream()
                        .map(NoticesMultiProcessIT::subject).sorted().toList();
                assertThat(subjects).as(a).hasSize(2);
                assertThat(subjects.get(0)).startsWith("Reminder: your Notice Co-op bill of $");
                assertThat(subjects.get(1)).isEqualTo("Your Notice Co-op bill is ready");
            }
            assertThat(procs.scalar("select count(*) from email_message where biller_id = " + bid)).isEqualTo(2L * ACCOUNTS);
        } finally {
            smtp.stop();
        }
    }

    private static String address(String account) {
        return "own-" + account + "@example.com";
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
