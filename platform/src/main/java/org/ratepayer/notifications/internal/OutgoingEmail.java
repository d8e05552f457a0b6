package org.ratepayer.notifications.internal;

import java.util.List;
import java.util.UUID;

/**
 * One email on its way out.
 *
 * @param accountNumber null for email that concerns no single account
 * @param html an alternative to {@code text}, or null for plain text only
 * @param senderName shown as the sender's name (the biller's), beside the installation's from-address
 */
public record OutgoingEmail(long bid, String accountNumber, EmailKind kind, List<String> recipients, String subject,
        String text, String html, UUID paymentGuid, String senderName) {

    public OutgoingEmail {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an email needs at least one recipient");
        }
    }
}
