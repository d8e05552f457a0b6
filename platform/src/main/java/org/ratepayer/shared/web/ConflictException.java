package org.ratepayer.shared.web;

/** The request is fine but the thing it is about is not in a state that allows it. */
public class ConflictException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(Kind.CONFLICT, "conflict", "Conflict", null, null, message, null);
    }
}
