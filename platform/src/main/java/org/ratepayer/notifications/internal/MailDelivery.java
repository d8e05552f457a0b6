package org.ratepayer.notifications.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one recorded email to the SMTP server and records the answer. Without {@code spring.mail.host}
 * there is no server: the email is marked FAILED rather than dropped, so the history tells staff why a
 * payer got nothing.
 */
@Component
public class MailDelivery {

    static final String NO_SERVER = "no SMTP server configured (set spring.mail.host)";

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final EmailHistory history;
    private final EmailProperties props;
    private final Clock clock;
    /** Attempts by outcome (docs/operations.md, "Metrics"); registered at once so that a dashboard finds them at zero. */
    private final Counter sent;
    private final Counter failed;
    private final Counter noServer;

    public MailDelivery(ObjectProvider<JavaMailSender> senders, EmailHistory history, EmailProperties props, Clock clock,
            MeterRegistry meters) {
        this.senders = senders;
        this.history = history;
        this.props = props;
        this.clock = clock;
        this.sent = meters.counter("ratepayer.emails", "outcome", "sent");
        this.failed = meters.counter("ratepayer.emails", "outcome", "failed");
        this.noServer = meters.counter("ratepayer.emails", "outcome", "no-server");
    }

    /**
     * Claims the row, then tries SMTP once (docs/notices.md, "Delivery"). A row someone else claimed, or that is not due,
     * is left alone: whoever holds the claim sends it. Never throws: a failed email is a row in the history (with its next
     * attempt, if any), not an error for whoever triggered it.
     */
    public void deliver(long id, OutgoingEmail email) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            // Trying again is pointless until an operator configures a server and restarts: no next attempt.
            history.failed(id, NO_SERVER, null);
            noServer.increment();
            log.warn("email {} ({}) for biller {} not sent: {}", id, email.kind(), email.bid(), NO_SERVER);
            return;
        }
        Instant now = clock.instant();
        Optional<Integer> attempt;
        try {
            attempt = history.claim(id, now);
        } catch (RuntimeException e) {
            // The database is away: the row stays as it was, and the retry sweep finds it later.
            log.warn("email {} ({}) for biller {} not claimed: {}", id, email.kind(), email.bid(), describe(e));
            return;
        }
        if (attempt.isEmpty()) {
            log.debug("email {} already claimed or not due", id);
            return;
        }
        try {
            sender.send(message(sender, email));
            history.sent(id);
            sent.increment();
            log.info("email {} ({}) for biller {} sent to {} recipient(s)", id, email.kind(), email.bid(), email.recipients().size());
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            Instant next = RetryPolicy.after(email.kind(), attempt.get()).map(now::plus).orElse(null);
            history.failed(id, describe(e), next);
            failed.increment();
            log.warn("email {} ({}) for biller {} failed (attempt {}, {}): {}", id, email.kind(), email.bid(), attempt.get(),
                    next == null ? "not tried again" : "next attempt at " + next, describe(e));
        }
    }

    private MimeMessage message(JavaMailSender sender, OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = sender.createMimeMessage();
        MimeMessageHelper h = new MimeMessageHelper(m, email.html() != null, StandardCharsets.UTF_8.name());
        InternetAddress from = new InternetAddress(props.from(), true);
        if (email.senderName() != null && !email.senderName().isBlank()) {
            from.setPersonal(email.senderName(), StandardCharsets.UTF_8.name());
        }
        h.setFrom(from);
        h.setTo(email.recipients().toArray(String[]::new));
        h.setSubject(email.subject());
        if (email.html() != null) {
            h.setText(email.text(), email.html());
        } else {
            h.setText(email.text());
        }
        return m;
    }

    /** The innermost cause says what went wrong ("Connection refused"); the outer ones only that sending failed. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? what : e.getClass().getSimpleName() + ": " + what;
    }
}
