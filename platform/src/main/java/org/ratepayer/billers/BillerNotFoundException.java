package org.ratepayer.billers;

public class BillerNotFoundException extends RuntimeException {
    public BillerNotFoundException(long bid) {
        super("biller " + bid + " does not exist");
    }
}
