package org.ratepayer.multispeak;

import java.util.Objects;

/**
 * A MultiSpeak call that did not produce a usable answer. The subclass says why; every one
 * names the operation and the endpoint URL, so that a parked posting or a failed balance refresh
 * can be explained to staff without a stack trace.
 */
public class MultiSpeakException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String url;

    public MultiSpeakException(String operation, String url, String reason, Throwable cause) {
        super(operation + " to " + url + " failed: " + reason, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.url = Objects.requireNonNull(url, "url");
    }

    /** The MultiSpeak operation name as on the wire, e.g. {@code GetPayableItemsList}. */
    public String operation() {
        return operation;
    }

    /** The endpoint URL that was called. */
    public String url() {
        return url;
    }
}
