package org.ratepayer.api.soap;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

/** A fault whose words were written for the caller: {@link FaultWording} passes it on as it is. */
final class PlainFault extends SoapFault {

    static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");

    PlainFault(String message) {
        super(message, CLIENT);
    }
}
