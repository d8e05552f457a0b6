package org.ratepayer.cis;

/** A CIS call that did not give an answer the platform can use. The message says which call and why; never a secret. */
public class CisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer within the configured time. */
        TIMEOUT,
        /** Connection refused, DNS, HTTP 5xx: the CIS is down or unreachable. */
        UNAVAILABLE,
        /** The CIS answered with a fault (wrong credentials, unknown account, refused posting). */
        REJECTED,
        /** The answer could not be understood (broken XML, wrong shape, unsafe content). */
        MALFORMED,
        /** The biller lacks the settings for this call. */
        NOT_CONFIGURED
    }

    private final Kind kind;

    public CisException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public CisException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
