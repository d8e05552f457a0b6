package org.ratepayer.payments.gateway;

/** Card or bank details that fail a check before any gateway is called; names the field. */
public class InvalidPaymentMethodException extends RuntimeException {

    private final String field;

    public InvalidPaymentMethodException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
