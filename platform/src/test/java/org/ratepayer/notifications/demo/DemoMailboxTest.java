package org.ratepayer.notifications.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The mailbox page over a real SMTP catcher, without the rest of the demo. */
class DemoMailboxTest {

    private GreenMail server;
    private JavaMailSenderImpl sender;
    private final MailboxPage page = new MailboxPage(ZoneId.of("UTC"));

    @BeforeEach
    void start() {
        DemoMailServer config = new DemoMailServer();
        server = config.demoSmtpServer(0);
        sender = (JavaMailSenderImpl) config.demoMailSender(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void send(String subject, String text, String html, String... to) throws Exception {
        MimeMessage m = sender.createMimeMessage();
        MimeMessageHelper h = new MimeMessageHelper(m, html != null, "UTF-8");
        h.setFrom(new InternetAddress("no-reply@localhost", "Lowell Light & Power", "UTF-8"));
        h.setTo(to);
        h.setSubject(subject);
        if (html != null) {
            h.setText(text, html);
        } else {
            h.setText(text);
        }
        sender.send(m);
    }

    @Test
    void listsEachCaughtEmailOnceNewestFirstWithItsPlainText() throws Exception {
        send("Payment receipt — first", "first body", "<p>first</p>", "a@example.com");
        Thread.sleep(20); // arrival times are in milliseconds; keep the order unambiguous
        send("Payment receipt — second", "Amount:  $12.50\nLast four 1111", "<p>second</p>", "a@example.com", "b@example.com");

        List<CaughtMail> mails = CaughtMail.all(server);
        assertThat(mails).extracting(CaughtMail::subject).containsExactly("Payment receipt — second", "Payment receipt — first");
        assertThat(mails.get(0).to()).containsExactly("a@example.com", "b@example.com");
        assertThat(mails.get(0).from()).isEqualTo("Lowell Light & Power <no-reply@localhost>");
        assertThat(mails.get(0).text()).contains("Amount:  $12.50").doesNotContain("<p>");

        String html = page.render(mails);
        assertThat(html).contains("<html lang=\"en\">", "<h1>Demo mailbox</h1>", "2 emails", "a@example.com, b@example.com",
                "Payment receipt — second", "Lowell Light &amp; Power").doesNotContain("<script", "http://", "https://");
        assertThat(html.indexOf("second")).isLessThan(html.indexOf("first body"));
    }

    @Test
    void escapesWhateverTheSenderPutInTheEmail() {
        String html = page.render(List.of(new CaughtMail("x <evil@example.com>", List.of("<b>@example.com"),
                "<script>alert('s')</script>", Instant.parse("2026-10-05T18:30:00Z"), "</pre><img src=x onerror=alert(1)>")));
        assertThat(html).doesNotContain("<script>alert", "<img", "<b>@").contains("&lt;script&gt;", "&lt;/pre&gt;&lt;img",
                "2026-10-05 18:30:00 UTC", "datetime=\"2026-10-05T18:30:00Z\"");
    }

    @Test
    void saysSoWhenNothingWasCaught() {
        assertThat(page.render(CaughtMail.all(server))).contains("No email yet");
    }

    @Test
    void aConfiguredPortIsUsed() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        GreenMail fixed = new DemoMailServer().demoSmtpServer(port);
        try {
            assertThat(fixed.getSmtp().getPort()).isEqualTo(port);
            assertThat(fixed.getSmtp().getServerSetup().getProtocol()).isEqualTo(ServerSetup.PROTOCOL_SMTP);
        } finally {
            fixed.stop();
        }
    }
}
