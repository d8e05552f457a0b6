package org.ratepayer.billing.web.soap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fault the web service sends, in words a partner can act on. A message the caller got wrong
 * (not XML, a DOCTYPE, an unknown operation or element) is a {@code soap:Client} fault saying what and
 * where; CXF's own wording names its Java classes and parser events ({@code XMLStreamReader},
 * {@code START_ELEMENT}, {@code WstxLazyException}) and calls some of these Server faults. Anything
 * else is our fault: logged here, and answered {@code soap:Server} without internals.
 */
final class FaultWording extends AbstractSoapInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FaultWording.class);
    private static final Pattern UNKNOWN_ELEMENT = Pattern.compile("local:\"([^\"]+)\"");
    private static final Pattern UNKNOWN_PART = Pattern.compile("\\}(\\S+) was not recognized");
    static final String UPLOAD = "send UploadInvoiceFile with BillerGUID, WebServiceKey, FileName and FileContents"
            + " (see the service description at ?wsdl)";

    private final String operationName;
    private final String operation;

    FaultWording() {
        this("UploadInvoiceFile", UPLOAD);
    }

    /**
     * @param operationName the service's operation, as faults name it
     * @param operation     how to call it, in words
     */
    FaultWording(String operationName, String operation) {
        super(Phase.PREPARE_SEND);
        this.operationName = operationName;
        this.operation = operation;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault) || fault instanceof PlainFault) {
            return;
        }
        if (fault instanceof SoapFault soap && "VersionMismatch".equals(soap.getFaultCode().getLocalPart())) {
            return;
        }
        String client = clientWording(fault, operationName, operation);
        if (client != null) {
            fault.setMessage(client);
            fault.setFaultCode(fault instanceof SoapFault ? PlainFault.CLIENT : Fault.FAULT_CODE_CLIENT);
        } else {
            log.error("{} failed", operationName, fault);
            fault.setMessage("something went wrong on our side; nothing was " + ("UploadInvoiceFile".equals(operationName)
                    ? "imported" : "changed") + ", try again later");
            fault.setFaultCode(fault instanceof SoapFault ? message.getVersion().getReceiver() : Fault.FAULT_CODE_SERVER);
        }
    }

    /** What the caller got wrong, or null when the fault is not the caller's. */
    static String clientWording(Fault fault, String operationName, String operation) {
        String m = fault.getMessage() == null ? "" : fault.getMessage();
        XMLStreamException xml = cause(fault, XMLStreamException.class);
        if (xml != null || m.startsWith("Couldn't parse stream") || m.startsWith("Error reading XMLStreamReader")) {
            String text = (xml == null || xml.getMessage() == null ? m : xml.getMessage());
            String at = where(xml);
            if (text.contains("DTD") || text.contains("DOCTYPE")) {
                return "the request must not contain a DOCTYPE" + at;
            }
            if (text.contains("not allowed in XML") || text.contains("Illegal character") || text.contains("Invalid character")) {
                return "the request holds a character that is not allowed in XML" + at;
            }
            return "the request is not well-formed XML" + at;
        }
        if (m.startsWith("Unmarshalling Error")) {
            Matcher e = UNKNOWN_ELEMENT.matcher(m);
            return e.find() ? operationName + " has no element " + e.group(1) + "; " + operation
                    : "the request does not match the service description; " + operation;
        }
        Matcher part = UNKNOWN_PART.matcher(m);
        if (part.find()) {
            return "this service has no operation " + part.group(1) + "; " + operation;
        }
        if (m.startsWith("No binding operation info") || m.contains("No such operation")) {
            return "the SOAP body names no operation; " + operation;
        }
        if (Fault.FAULT_CODE_CLIENT.equals(fault.getFaultCode())
                || (fault instanceof SoapFault s && "Client".equals(s.getFaultCode().getLocalPart()))) {
            return "the request is not a valid " + operationName + " message; " + operation;
        }
        return null;
    }

    private static String where(XMLStreamException e) {
        Location at = e == null ? null : e.getLocation();
        return at == null || at.getLineNumber() < 1 ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
