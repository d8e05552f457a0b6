package org.ratepayer.shared.web;

import java.util.Arrays;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who is calling: the operator (admin token) or one biller through one of its keys. Every endpoint
 * that touches a biller's data asks {@link #actFor} first, so one biller's key never reaches another's.
 */
public record Caller(boolean operator, Long bid, KeyKind keyKind) {

    public static Caller operatorCaller() {
        return new Caller(true, null, null);
    }

    public static Caller biller(long bid, KeyKind kind) {
        return new Caller(false, bid, kind);
    }

    public void requireOperator() {
        if (!operator) {
            throw new AccessDeniedException("this endpoint needs the operator token (Authorization: Bearer …)");
        }
    }

    /** The operator, or biller {@code bid} calling with one of the given kinds of key. */
    public void actFor(long bid, KeyKind... allowed) {
        if (operator) {
            return;
        }
        if (this.bid == null || this.bid != bid) {
            throw new AccessDeniedException("this key does not belong to biller " + bid);
        }
        if (Arrays.stream(allowed).noneMatch(k -> k == keyKind)) {
            throw new AccessDeniedException("a " + keyKind + " key cannot be used here; use the biller's "
                    + String.join(" or ", Arrays.stream(allowed).map(Enum::name).toList()) + " key");
        }
    }

    /** For audit columns: who did it, never the key itself. */
    public String actor() {
        return operator ? "operator" : "biller " + bid + " " + keyKind.name().toLowerCase() + " key";
    }
}
