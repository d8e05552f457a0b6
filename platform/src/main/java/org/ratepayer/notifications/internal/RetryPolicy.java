package org.ratepayer.notifications.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a failed email is tried again (docs/notices.md, "Delivery"). Pure, so the schedule is a table test.
 * A server that is down for a while gets the email once it is back; one that refuses it for a day is given up on,
 * and the history says so.
 */
public final class RetryPolicy {

    /** The wait after the 1st, 2nd, ... failed attempt; after the last one the email stays FAILED. */
    static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(12));

    /** A QUEUED row this old that nobody sent was left by a process that died after writing it. */
    static final Duration UNDISPATCHED_AFTER = Duration.ofMinutes(1);

    /**
     * A row SENDING this long after its claim belongs to a process that died mid-send: far longer than any SMTP
     * conversation may last (connection and read timeouts are well under it).
     */
    static final Duration STALE_SEND_AFTER = Duration.ofMinutes(10);

    /**
     * Emails carrying a single-use link: the history keeps them with the link taken out (LinkMail), so the stored copy
     * cannot be sent again; the payer asks for a new link instead.
     */
    static final Set<EmailKind> NOT_RESENDABLE = Set.of(EmailKind.PASSWORD_LINK, EmailKind.SIGNUP_CONFIRMATION,
            EmailKind.CO_OWNER_INVITATION, EmailKind.CONVERSION_REREGISTER);

    private RetryPolicy() {
    }

    /**
     * @param attempt the number of the attempt that just failed, from 1
     * @return how long to wait before the next one; empty when there is none
     */
    public static Optional<Duration> after(EmailKind kind, int attempt) {
        if (NOT_RESENDABLE.contains(kind) || attempt < 1 || attempt > BACKOFF.size()) {
            return Optional.empty();
        }
        return Optional.of(BACKOFF.get(attempt - 1));
    }

    public static boolean resendable(EmailKind kind) {
        return !NOT_RESENDABLE.contains(kind);
    }
}
