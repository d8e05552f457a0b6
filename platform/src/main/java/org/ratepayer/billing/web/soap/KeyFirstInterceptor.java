package org.ratepayer.billing.web.soap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.io.DelegatingInputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Checks the WebServiceKey of a large UploadInvoiceFile before CXF reads the file. The service
 * description puts BillerGUID and WebServiceKey before FileContents, so for a message larger than
 * {@link #PREFIX} bytes this reads that much, finds the two values, and refuses a wrong or missing key
 * with a Client fault at once; otherwise it hands the bytes it read back to CXF, followed by the rest
 * of the stream. A smaller message goes on unchecked: the operation checks its key as always.
 */
final class KeyFirstInterceptor extends AbstractPhaseInterceptor<Message> {

    static final int PREFIX = 64 * 1024;

    private final InvoiceUploads uploads;

    KeyFirstInterceptor(InvoiceUploads uploads) {
        super(Phase.PRE_STREAM);
        this.uploads = uploads;
    }

    record Credentials(String billerGuid, String webServiceKey) {
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        byte[] prefix;
        try {
            prefix = in.readNBytes(PREFIX + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.setContent(InputStream.class, new SequenceInputStream(new ByteArrayInputStream(prefix), in));
        if (prefix.length <= PREFIX) {
            return;
        }
        Credentials c = credentials(prefix);
        if (c.webServiceKey() == null) {
            throw refuse(message, "WebServiceKey must come before FileContents: a message larger than " + PREFIX / 1024
                    + " KB is read only once its key is checked");
        }
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        try {
            uploads.authenticate(request, c.billerGuid(), c.webServiceKey());
        } catch (InvoiceUploads.UploadSlowedDown slowed) {
            refuse(message, slowed.getMessage());
            throw PlainFault.slowedDown(slowed, (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE));
        } catch (InvoiceUploads.UploadDenied denied) {
            throw refuse(message, denied.getMessage());
        }
    }

    /**
     * Before it answers, CXF reads up to 16 MB more of an unread request from the stream it keeps for that
     * ({@link DelegatingInputStream}); without it nothing more is read, and Tomcat closes the connection
     * after a fault's 500 instead of draining the body.
     */
    private static PlainFault refuse(Message message, String why) {
        message.removeContent(DelegatingInputStream.class);
        return new PlainFault(why);
    }

    /** BillerGUID and WebServiceKey as far as they come before FileContents in these bytes; a value not found is null. */
    static Credentials credentials(byte[] prefix) {
        String guid = null;
        String key = null;
        XMLStreamReader r = null;
        try {
            r = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(prefix));
            while (r.hasNext() && (guid == null || key == null)) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "BillerGUID" -> guid = r.getElementText();
                    case "WebServiceKey" -> key = r.getElementText();
                    case "FileContents" -> {
                        return new Credentials(guid, key);
                    }
                    default -> {
                        // the envelope, the body, the operation's element
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException cutOrMalformed) {
            // the prefix ends inside the message, or is not XML: what was found so far is all there is
        } finally {
            try {
                StaxUtils.close(r);
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing was held open but the bytes in memory
            }
        }
        return new Credentials(guid, key);
    }
}
