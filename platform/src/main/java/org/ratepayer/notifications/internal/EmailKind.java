package org.ratepayer.notifications.internal;

/** Why an email was sent; stored as text so later kinds (bill ready, reminders, autopay notices) need no migration. */
public enum EmailKind {
    RECEIPT,
    PAYMENT_FAILED,
    /** A single-use link to set a portal password (docs/payers.md); its history copy has the link taken out. */
    PASSWORD_LINK
}
