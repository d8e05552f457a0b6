package org.ratepayer.billers;

import org.ratepayer.shared.web.Refusal;

/** A configuration value was refused; the message names the option or setting and why. */
public class ConfigValidationException extends Refusal {
    private static final long serialVersionUID = 1L;


    public ConfigValidationException(String message) {
        super(Kind.NOT_ALLOWED, "invalid-configuration", "Invalid value", null, null, message, null);
    }

    /** A refused request field, named in the message and, for API callers, on its own. */
    public ConfigValidationException(String field, String message) {
        super(Kind.NOT_ALLOWED, "invalid-configuration", "Invalid value", null, field, field + ": " + message, null);
    }

}
