package org.ratepayer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server on a free loopback port for a test class, and the properties that send the platform's mail to it. */
public final class TestSmtp {

    private TestSmtp() {
    }

    public static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    public static void sendTo(GreenMail server, DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> server.getSmtp().getPort());
    }

    /** What the server received for one address (any case), in the order it arrived. */
    public static List<MimeMessage> receivedBy(GreenMail server, String address) {
        return retried(() -> server.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).toList());
    }

    /** What the server received, for anyone, with exactly this subject, in the order it arrived. */
    public static List<MimeMessage> receivedWithSubject(GreenMail server, String subject) {
        return retried(() -> Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
    }

    private static List<MimeMessage> retried(Supplier<List<MimeMessage>> read) {
        // GreenMail's mailboxes are read while the platform may still be delivering: read again when they moved under us
        for (int attempt = 1;; attempt++) {
            try {
                return read.get();
            } catch (ConcurrentModificationException moved) {
                if (attempt == 5) {
                    throw moved;
                }
            }
        }
    }
}
