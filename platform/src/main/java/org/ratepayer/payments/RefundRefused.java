package org.ratepayer.payments;

import org.ratepayer.shared.web.Refusal;

/** A refund the platform refuses before asking the processor: nothing was sent and nothing changed (docs/refunds.md). */
public class RefundRefused extends Refusal {
    private static final long serialVersionUID = 1L;

    public RefundRefused(Kind kind, String code, String field, String message) {
        super(kind, code.replace('_', '-'), Refusal.title(kind), code, field, message, null);
    }
}
