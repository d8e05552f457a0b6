package org.ratepayer.billing.web.soap;

import jakarta.servlet.http.HttpServletResponse;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

/** A fault whose words were written for the caller: {@link FaultWording} passes it on as it is. */
final class PlainFault extends SoapFault {
    private static final long serialVersionUID = 1L;


    static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");

    PlainFault(String message) {
        super(message, CLIENT);
    }

    /**
     * Still a Client fault in the body, as SOAP toolkits expect, but with the status and header HTTP gives a wait
     * (docs/throttling.md).
     */
    static PlainFault slowedDown(InvoiceUploads.UploadSlowedDown e, HttpServletResponse response) {
        if (response != null) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        PlainFault fault = new PlainFault(e.getMessage());
        fault.setStatusCode(429);
        return fault;
    }
}
