package org.ratepayer.shared.web;

/** A request the caller must fix; names the offending field when there is one. */
public class BadRequestException extends Refusal {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String field, String message) {
        super(Kind.INVALID, "bad-request", "Bad request", null, field, field == null ? message : field + ": " + message, null);
    }
}
