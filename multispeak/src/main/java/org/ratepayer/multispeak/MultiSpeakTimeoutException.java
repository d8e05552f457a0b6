package org.ratepayer.multispeak;

/** The CIS did not connect or answer within the endpoint's timeouts. The call may still have been processed. */
public class MultiSpeakTimeoutException extends MultiSpeakException {

    private static final long serialVersionUID = 1L;

    public MultiSpeakTimeoutException(String operation, String url, String reason, Throwable cause) {
        super(operation, url, reason, cause);
    }
}
