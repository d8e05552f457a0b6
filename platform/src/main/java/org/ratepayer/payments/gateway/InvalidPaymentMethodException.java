package org.ratepayer.payments.gateway;

import org.ratepayer.shared.web.Refusal;

/** Card or bank details that fail a check before any gateway is called; names the field. */
public class InvalidPaymentMethodException extends Refusal {
    private static final long serialVersionUID = 1L;


    public InvalidPaymentMethodException(String field, String message) {
        super(Kind.INVALID, "invalid-field", "Invalid request", "invalid_field", field, field + ": " + message, null);
    }

    /** A well-formed method this biller's processor does not take this way (see {@link MethodNotAcceptedException}). */
    protected InvalidPaymentMethodException(Kind kind, String type, String title, String code, String field, String message) {
        super(kind, type, title, code, field, field + ": " + message, null);
    }

}
