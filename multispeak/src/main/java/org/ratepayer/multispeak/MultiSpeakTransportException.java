package org.ratepayer.multispeak;

import java.util.OptionalInt;

/**
 * The call did not get through HTTP: connection refused or reset, or an HTTP error status without
 * a SOAP fault in it.
 */
public class MultiSpeakTransportException extends MultiSpeakException {

    private static final long serialVersionUID = 1L;

    /** Zero when no HTTP status was received. */
    private final int httpStatus;

    public MultiSpeakTransportException(String operation, String url, int httpStatus, String reason,
                                        Throwable cause) {
        super(operation, url, httpStatus > 0 ? "HTTP " + httpStatus + ": " + reason : reason, cause);
        this.httpStatus = Math.max(httpStatus, 0);
    }

    /** The HTTP status the CIS answered with, if it answered at all. */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }
}
