package org.ratepayer.conveyance.internal;

import org.ratepayer.shared.web.Refusal;

/** A conveyance refused: an account the biller does not have, a malformed or reused Idempotency-Key, a field too long. */
public class ConveyanceException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ConveyanceException(Kind kind, String code, String field, String message) {
        super(kind, kind == Kind.NOT_FOUND ? "not-found" : "conveyance-refused", Refusal.title(kind), code, field, message, null);
    }
}
