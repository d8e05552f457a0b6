package org.ratepayer.multispeak;

import java.io.IOException;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates MultiSpeak XML against an XSD, typically the official CB_Server.xsd: a single message
 * element, or every MultiSpeak header block and body element of a SOAP envelope. Thread-safe.
 */
public final class MultiSpeakSchema {

    private static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

    private final Schema schema;
    private final String source;

    private MultiSpeakSchema(Schema schema, String source) {
        this.schema = schema;
        this.source = source;
    }

    public static MultiSpeakSchema load(Path xsd) {
        try {
            return load(xsd.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a schema location: " + xsd, e);
        }
    }

    public static MultiSpeakSchema load(URL xsd) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            // a schema may include its siblings, nothing from the network
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            return new MultiSpeakSchema(factory.newSchema(xsd), xsd.toString());
        } catch (SAXException e) {
            throw new IllegalArgumentException("cannot load schema " + xsd + ": " + e.getMessage(), e);
        }
    }

    /** The problems found in one message element document; empty when valid. */
    public List<String> problems(String elementXml) {
        Parsed parsed = parse(elementXml);
        return parsed.document() == null ? List.of(parsed.error()) : problems(parsed.document().getDocumentElement());
    }

    /** Fails with every problem listed when {@code elementXml} is not valid. */
    public void validate(String elementXml) {
        requireNone(problems(elementXml), elementXml);
    }

    /**
     * The problems in a SOAP 1.1 envelope: each header block and body element in the MultiSpeak
     * namespace is validated on its own; a body may instead hold a SOAP Fault. Elements of other
     * namespaces in the header are ignored (they belong to other specifications).
     */
    public List<String> envelopeProblems(String envelopeXml) {
        Parsed parsed = parse(envelopeXml);
        if (parsed.document() == null) {
            return List.of(parsed.error());
        }
        Element envelope = parsed.document().getDocumentElement();
        if (!isSoap(envelope, "Envelope")) {
            return List.of("not a SOAP 1.1 envelope: " + envelope.getNodeName());
        }
        List<String> problems = new ArrayList<>();
        boolean hasBody = false;
        for (Element part : children(envelope)) {
            if (isSoap(part, "Header")) {
                children(part).stream()
                        .filter(block -> MultiSpeak.NAMESPACE.equals(block.getNamespaceURI()))
                        .forEach(block -> problems.addAll(problems(block)));
            } else if (isSoap(part, "Body")) {
                hasBody = true;
                for (Element payload : children(part)) {
                    if (MultiSpeak.NAMESPACE.equals(payload.getNamespaceURI())) {
                        problems.addAll(problems(payload));
                    } else if (!isSoap(payload, "Fault")) {
                        problems.add("unexpected body element {" + payload.getNamespaceURI() + "}"
                                + payload.getLocalName());
                    }
                }
            }
        }
        if (!hasBody) {
            problems.add("the envelope has no Body");
        }
        return problems;
    }

    /** Fails with every problem listed when {@code envelopeXml} is not valid. */
    public void validateEnvelope(String envelopeXml) {
        requireNone(envelopeProblems(envelopeXml), envelopeXml);
    }

    private List<String> problems(Element element) {
        List<String> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new Collector(problems, element.getLocalName()));
            validator.validate(new DOMSource(element));
        } catch (SAXException | IOException e) {
            problems.add(element.getLocalName() + ": " + e.getMessage());
        }
        return problems;
    }

    private void requireNone(List<String> problems, String xml) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid against " + source + ": " + problems + "\n" + xml);
        }
    }

    /** A parsed document, or why there is none (not well-formed, or a DOCTYPE, which is refused). */
    private record Parsed(Document document, String error) {
    }

    private static Parsed parse(String xml) {
        try {
            return new Parsed(SafeXml.documentBuilder().parse(new InputSource(new StringReader(xml))), null);
        } catch (SAXException | IOException e) {
            return new Parsed(null, "not readable XML: " + e.getMessage());
        }
    }

    private static boolean isSoap(Element element, String localName) {
        return SOAP11_ENVELOPE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    /** Collects every error instead of stopping at the first, so one run shows all that is wrong. */
    private record Collector(List<String> problems, String element) implements ErrorHandler {

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a message invalid
        }

        @Override
        public void error(SAXParseException e) {
            problems.add(element + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            problems.add(element + ": " + e.getMessage());
        }
    }
}
