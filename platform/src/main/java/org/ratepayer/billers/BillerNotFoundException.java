package org.ratepayer.billers;

import org.ratepayer.shared.web.Refusal;

public class BillerNotFoundException extends Refusal {
    public BillerNotFoundException(long bid) {
        super(Kind.NOT_FOUND, "not-found", "Not found", null, null, "biller " + bid + " does not exist", null);
    }
}
