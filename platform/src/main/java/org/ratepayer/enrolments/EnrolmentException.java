package org.ratepayer.enrolments;

/** A refused enrolment change, with the HTTP status, a stable code and the field it is about. */
public class EnrolmentException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public EnrolmentException(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
