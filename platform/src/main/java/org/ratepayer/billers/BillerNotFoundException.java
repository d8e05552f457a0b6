package org.ratepayer.billers;

import org.ratepayer.shared.web.Refusal;

public class BillerNotFoundException extends Refusal {
    private static final long serialVersionUID = 1L;

    public BillerNotFoundException(long bid) {
        super(Kind.NOT_FOUND, "not-found", "Not found", null, null, "biller " + bid + " does not exist", null);
    }
}
