package org.ratepayer.notifications.internal;

/**
 * An account's addresses: its own email (from the invoice file or an earlier payment) and the CC
 * email option 131 ALLOW_CC_UPDATES keeps. Either may be null.
 */
public record AccountEmails(String email, String ccEmail) {
}
