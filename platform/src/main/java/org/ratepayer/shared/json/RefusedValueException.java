package org.ratepayer.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Well-formed JSON holding a value the platform refuses outright, whatever the field; its reason is already plain words. */
public final class RefusedValueException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;


    private final String reason;

    public RefusedValueException(JsonParser p, String reason, Class<?> targetType) {
        super(p, reason, targetType);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
