package org.ratepayer.multispeak;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.Soap11FaultInInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Runs on the client's in-fault chain only, right after CXF has read a SOAP fault from the reply,
 * and marks that fault as received (see {@link ReceivedSoapFault}).
 */
final class ReceivedFaultMarker extends AbstractSoapInterceptor {

    ReceivedFaultMarker() {
        super(Phase.UNMARSHAL);
        addAfter(Soap11FaultInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception fault = message.getContent(Exception.class);
        // a fault with a cause is one CXF raised while reading; only a clean one came from the CIS
        if (fault instanceof SoapFault soapFault && !(fault instanceof ReceivedSoapFault)
                && soapFault.getCause() == null) {
            message.setContent(Exception.class, new ReceivedSoapFault(soapFault));
        }
    }
}
