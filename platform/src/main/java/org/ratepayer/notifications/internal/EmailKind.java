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
    CO_OWNER_INVITATION,
    /**
     * A single-use link to register again after a conversion unregistered the payer (docs/conversion.md, "Payers"); kept
     * without the link, once per conversion, address and account.
     */
    CONVERSION_REREGISTER,
    /** Autopay will charge a bill in a few days (setting 1010; docs/autopay.md). The autopay kinds below are sent once per event. */
    AUTOPAY_UPCOMING,
    AUTOPAY_RECEIPT,
    AUTOPAY_DECLINED,
    AUTOPAY_NOT_CHARGED,
    SCHEDULED_RECEIPT,
    SCHEDULED_DECLINED,
    SCHEDULED_NOT_CHARGED,
    /** A prepaid account fell below its biller's alert threshold (settings 1012, 1013; docs/prepaid-alerts.md); once per crossing. */
    PREPAID_LOW_BALANCE,
    /** The account changed owner: its former users are told what was stopped (docs/conveyance.md). Sent once per conveyance. */
    CONVEYANCE,
    /** A new bill was imported (docs/notices.md); the notice kinds below are sent once per event, through the send ledger. */
    BILL_READY,
    /** The reminders on a bill's first, second and third notify dates (FileSpecIds 2004-2006). */
    REMINDER_1,
    REMINDER_2,
    REMINDER_3,
    /** A saved card that pays autopay or a scheduled payment expires within 30 days. */
    CARD_EXPIRING,
    /** Money given back by a refund or a void (docs/refunds.md); once per refund, in the refund's transaction. */
    REFUND,
    /** A bank payment the bank sent back (docs/ach.md): the amount is still owed; once per payment. */
    ACH_RETURNED
}
