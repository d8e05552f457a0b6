package org.ratepayer.shared.web;

/** What the request names does not exist, or not for this caller. */
public class NotFoundException extends Refusal {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(Kind.NOT_FOUND, "not-found", "Not found", null, null, message, null);
    }
}
