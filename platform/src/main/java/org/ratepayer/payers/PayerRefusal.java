package org.ratepayer.payers;

import org.ratepayer.shared.web.Refusal;

/** A refused change to a payer or its accounts, with a stable code and the field it is about (docs/payers.md). */
public class PayerRefusal extends Refusal {
    private static final long serialVersionUID = 1L;

    public PayerRefusal(Kind kind, String code, String field, String message) {
        super(kind, code.replace('_', '-'), Refusal.title(kind), code, field, message, null);
    }
}
