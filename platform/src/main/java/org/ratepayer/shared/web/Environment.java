package org.ratepayer.shared.web;

/** Billers get separate keys for TEST and PROD; an installation runs as one of them. */
public enum Environment {
    TEST,
    PROD
}
