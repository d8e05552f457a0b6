package org.ratepayer.shared.web;

/** A request the caller must fix; names the offending field when there is one. */
public class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final String field;

    public BadRequestException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
