package org.ratepayer.notifications.internal;

/** Why an email was sent; stored as text so later kinds (bill ready, reminders, autopay notices) need no migration. */
public enum EmailKind {
    RECEIPT,
    PAYMENT_FAILED,
    /** A single-use link to set a portal password (docs/payers.md); its history copy has the link taken out. */
    PASSWORD_LINK,
    /** A single-use link confirming a sign-up from a bill (docs/payers-self-service.md); kept without the link. */
    SIGNUP_CONFIRMATION,
    /** A single-use invitation to co-own an account (docs/payers-self-service.md); kept without the link. */
    CO_OWNER_INVITATION
}
