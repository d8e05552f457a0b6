package org.ratepayer.notifications.internal;

/** QUEUED until the SMTP server has answered; a QUEUED row that stays so was cut off by a shutdown. */
public enum EmailStatus {
    QUEUED,
    SENT,
    FAILED
}
