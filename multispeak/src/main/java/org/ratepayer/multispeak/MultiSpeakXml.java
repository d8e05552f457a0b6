package org.ratepayer.multispeak;

import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.JAXBIntrospector;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.annotation.XmlRootElement;
import org.ratepayer.multispeak.v3.MultiSpeakMsgHeader;
import org.ratepayer.multispeak.v3.ObjectFactory;

/**
 * Marshals generated MultiSpeak messages to XML text and back, e.g. to validate what is sent with
 * {@link MultiSpeakSchema} or to store a message. One instance is thread-safe and meant to be shared:
 * building the JAXB context is the expensive part.
 */
public final class MultiSpeakXml {

    private final JAXBContext context;
    private final XMLInputFactory inputFactory;
    private final ObjectFactory objects = new ObjectFactory();

    public MultiSpeakXml() {
        try {
            this.context = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the MultiSpeak JAXB context", e);
        }
        this.inputFactory = SafeXml.streamFactory();
    }

    /**
     * The XML of a message element: an operation wrapper ({@code GetPayableItemsList},
     * {@code CommitPaymentTransactionResponse}, ...), a {@link MultiSpeakMsgHeader}, or any
     * {@link JAXBElement}.
     *
     * @throws IllegalArgumentException for a type that is no global element of its own (e.g. a
     *     bare {@code Tender}); wrap it in its message or a JAXBElement
     */
    public String marshal(Object message) {
        Object element = asElement(message);
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            StringWriter out = new StringWriter();
            marshaller.marshal(element, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalArgumentException("cannot marshal " + message.getClass().getName(), e);
        }
    }

    /** Reads a message element written by {@link #marshal}; DOCTYPEs and entities are refused. */
    public <T> T unmarshal(String xml, Class<T> type) {
        XMLStreamReader reader = null;
        try {
            reader = inputFactory.createXMLStreamReader(new StringReader(xml));
            Object result = type.isAnnotationPresent(XmlRootElement.class)
                    ? context.createUnmarshaller().unmarshal(reader)
                    : context.createUnmarshaller().unmarshal(reader, type);
            return type.cast(JAXBIntrospector.getValue(result));
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalArgumentException("not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            close(reader);
        }
    }

    private Object asElement(Object message) {
        if (message instanceof JAXBElement<?> || message.getClass().isAnnotationPresent(XmlRootElement.class)) {
            return message;
        }
        if (message instanceof MultiSpeakMsgHeader header) {
            return objects.createMultiSpeakMsgHeader(header);
        }
        throw new IllegalArgumentException(message.getClass().getName()
                + " is no MultiSpeak message element; wrap it in a JAXBElement");
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was holding a resource: the source is a string
            }
        }
    }
}
