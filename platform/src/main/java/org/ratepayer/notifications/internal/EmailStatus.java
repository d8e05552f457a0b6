package org.ratepayer.notifications.internal;

/**
 * Where an email is on its way out (docs/notices.md, "Delivery"): QUEUED until a process claims it, SENDING while the
 * SMTP server has it, then SENT or FAILED. A FAILED email with a next attempt is tried again.
 */
public enum EmailStatus {
    QUEUED,
    SENDING,
    SENT,
    FAILED
}
