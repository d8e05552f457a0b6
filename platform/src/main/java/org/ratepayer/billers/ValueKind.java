package org.ratepayer.billers;

/** How an option's or setting's value is written and checked. */
public enum ValueKind {
    BOOLEAN,
    ENUM,
    INTEGER,
    TEXT,
    URL,
    SECRET,
    JSON,
    PAYMENT_MODE_MAP
}
