package org.ratepayer.conversion;

import org.ratepayer.shared.web.Refusal;

/** A conversion step refused: nothing was changed. */
public class ConversionRefusal extends Refusal {
    private static final long serialVersionUID = 1L;

    public ConversionRefusal(Kind kind, String code, String field, String message) {
        super(kind, kind == Kind.NOT_FOUND ? "not-found" : kind == Kind.CONFLICT ? "conflict" : "bad-request", Refusal.title(kind), code,
                field, message, null);
    }
}
