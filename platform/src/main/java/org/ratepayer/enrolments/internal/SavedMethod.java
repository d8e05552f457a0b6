package org.ratepayer.enrolments.internal;

import org.ratepayer.payments.Method;

/** A payment method kept to charge later: the gateway's token, and what may be shown of it. */
public record SavedMethod(Method method, String token, String brand, String last4) {

    @Override
    public String toString() {
        return "SavedMethod[" + method + " " + (brand == null ? "" : brand + " ") + "…" + last4 + "]";
    }
}
