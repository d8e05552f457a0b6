package org.ratepayer.paynow.internal;

/**
 * A Pay Now request the platform refuses, with the field it is about (a path such as
 * {@code Customers[0].Invoices[1].BalanceDue}, or null for the body as a whole) and what is wrong.
 */
public class PayNowRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final String field;

    public PayNowRequestException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
