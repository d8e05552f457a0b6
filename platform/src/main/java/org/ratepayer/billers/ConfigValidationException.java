package org.ratepayer.billers;

/** A configuration value was refused; the message names the option or setting and why. */
public class ConfigValidationException extends RuntimeException {
    public ConfigValidationException(String message) {
        super(message);
    }
}
