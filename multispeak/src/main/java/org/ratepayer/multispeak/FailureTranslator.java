package org.ratepayer.multispeak;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.apache.cxf.transport.http.HTTPException;

/** Turns whatever CXF threw for a call into the one {@link MultiSpeakException} subclass that says why. */
final class FailureTranslator {

    private static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

    /**
     * @param httpStatus the status of the reply, when one was received; it separates "the CIS
     *                   answered an HTTP error page" from "the CIS answered unreadable XML"
     */
    MultiSpeakException translate(CbOperation operation, String url, RuntimeException failure, Integer httpStatus) {
        String op = operation.wireName();
        Optional<? extends Throwable> timeout = find(failure, SocketTimeoutException.class);
        if (timeout.isEmpty()) {
            timeout = find(failure, HttpTimeoutException.class);
        }
        if (timeout.isPresent()) {
            return new MultiSpeakTimeoutException(op, url, "timed out: " + timeout.get().getMessage(), failure);
        }
        Optional<HTTPException> httpError = find(failure, HTTPException.class);
        if (httpError.isPresent()) {
            HTTPException e = httpError.get();
            return new MultiSpeakTransportException(op, url, e.getResponseCode(), e.getResponseMessage(), failure);
        }
        Optional<ReceivedSoapFault> fault = find(failure, ReceivedSoapFault.class);
        if (fault.isPresent()) {
            ReceivedSoapFault f = fault.get();
            return new MultiSpeakFaultException(op, url, faultCode(f.getFaultCode()), f.getMessage(), failure);
        }
        int status = httpStatus == null ? 0 : httpStatus;
        if (status >= 400) {
            return new MultiSpeakTransportException(op, url, status, "the reply is no SOAP message", failure);
        }
        if (status <= 0) {
            // no reply at all: the connection failed, or the request could not even be written
            String reason = describe(rootCause(failure));
            return find(failure, IOException.class).isPresent()
                    ? new MultiSpeakTransportException(op, url, 0, reason, failure)
                    : new MultiSpeakException(op, url, "the request could not be sent: " + reason, failure);
        }
        return new MultiSpeakMalformedReplyException(op, url, describe(rootCause(failure)), failure);
    }

    private static String faultCode(QName code) {
        if (code == null) {
            return "soap:Server";
        }
        return SOAP11_ENVELOPE.equals(code.getNamespaceURI()) ? "soap:" + code.getLocalPart() : code.toString();
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
