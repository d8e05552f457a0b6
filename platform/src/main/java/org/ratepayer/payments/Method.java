package org.ratepayer.payments;

/** How the payer pays: a card, or a bank account (ACH / eCheck). */
public enum Method {
    CARD,
    ACH
}
