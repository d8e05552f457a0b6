package org.ratepayer.multispeak;

/** The CIS answered with a SOAP fault: it understood the call and refused it. */
public class MultiSpeakFaultException extends MultiSpeakException {

    private static final long serialVersionUID = 1L;

    private final String faultCode;
    private final String faultString;

    public MultiSpeakFaultException(String operation, String url, String faultCode, String faultString,
                                    Throwable cause) {
        super(operation, url, "SOAP fault " + faultCode + ": " + faultString, cause);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    /** The fault code as the CIS sent it, e.g. {@code soap:Client} or {@code soap:Server}. */
    public String faultCode() {
        return faultCode;
    }

    /** The CIS's own explanation. */
    public String faultString() {
        return faultString;
    }
}
