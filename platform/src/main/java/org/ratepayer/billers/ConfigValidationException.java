package org.ratepayer.billers;

/** A configuration value was refused; the message names the option or setting and why. */
public class ConfigValidationException extends RuntimeException {

    private final String field;

    public ConfigValidationException(String message) {
        super(message);
        this.field = null;
    }

    /** A refused request field, named in the message and, for API callers, on its own. */
    public ConfigValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The request field refused, or null when the message names an option or setting instead. */
    public String field() {
        return field;
    }
}
