package org.ratepayer.multispeak;

import org.apache.cxf.binding.soap.SoapFault;

/**
 * A SOAP fault that really arrived from the CIS. CXF reports faults it raises itself (unreadable
 * reply, unexpected element) with the same SoapFault type, so the received ones are re-typed to
 * tell the two apart without guessing from messages.
 */
final class ReceivedSoapFault extends SoapFault {

    private static final long serialVersionUID = 1L;

    ReceivedSoapFault(SoapFault received) {
        super(received.getMessage(), received.getFaultCode());
        setDetail(received.getDetail());
        setRole(received.getRole());
        setSubCodes(received.getSubCodes());
    }
}
