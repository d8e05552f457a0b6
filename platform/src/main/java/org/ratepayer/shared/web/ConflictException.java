package org.ratepayer.shared.web;

/** The request is fine but the thing it is about is not in a state that allows it (409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
