package org.ratepayer.multispeak;

/**
 * The CIS answered, but not with a readable reply to the call: broken XML, an unexpected element,
 * or a document declaring a DOCTYPE or external entities, which is refused unread.
 */
public class MultiSpeakMalformedReplyException extends MultiSpeakException {

    private static final long serialVersionUID = 1L;

    public MultiSpeakMalformedReplyException(String operation, String url, String reason, Throwable cause) {
        super(operation, url, reason, cause);
    }
}
