package org.ratepayer.notifications.internal;

/** Why an email was sent; stored as text so later kinds (bill ready, reminders, autopay notices) need no migration. */
public enum EmailKind {
    RECEIPT,
    PAYMENT_FAILED
}
