package org.ratepayer.notifications.demo;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** One email the demo's SMTP server caught, reduced to what the mailbox page shows. */
public record CaughtMail(String from, List<String> to, String subject, Instant receivedAt, String text) {

    /**
     * Newest first, each email once: the server files a copy per recipient, which share a Message-ID,
     * and the copy filed first says when the email arrived.
     */
    public static List<CaughtMail> all(GreenMail server) {
        List<StoredMessage> stored = new ArrayList<>(server.getManagers().getImapHostManager().getAllMessages());
        stored.sort(Comparator.comparing(StoredMessage::getReceivedDate));
        Map<String, CaughtMail> unique = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            MimeMessage m = stored.get(i).getMimeMessage();
            Instant at = stored.get(i).getReceivedDate().toInstant();
            try {
                String id = m.getMessageID();
                unique.putIfAbsent(id != null ? id : "#" + i, of(m, at));
            } catch (MessagingException | IOException e) {
                unique.put("#" + i, new CaughtMail("", List.of(), "(unreadable message: " + e.getMessage() + ")", at, ""));
            }
        }
        List<CaughtMail> list = new ArrayList<>(unique.values());
        Collections.reverse(list);
        return list;
    }

    static CaughtMail of(MimeMessage m, Instant receivedAt) throws MessagingException, IOException {
        return new CaughtMail(join(m.getFrom()), addresses(m.getAllRecipients()), m.getSubject() == null ? "" : m.getSubject(),
                receivedAt, Objects.requireNonNullElse(text(m), ""));
    }

    /** The plain-text part; the HTML alternative is left out rather than shown as markup. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String t = text(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString()).toList();
    }

    private static String join(Address[] addresses) {
        return addresses(addresses).stream().collect(Collectors.joining(", "));
    }
}
