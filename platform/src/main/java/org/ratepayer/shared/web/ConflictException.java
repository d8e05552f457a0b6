package org.ratepayer.shared.web;

/** The request is fine but the thing it is about is not in a state that allows it (409). */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
