package org.ratepayer.multispeak;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * An XML element written in a canonical, indented form for golden comparisons: namespaces by URI
 * (prefixes do not matter), attributes sorted, whitespace between elements dropped, and the text of
 * leaf elements kept exactly. Two documents with equal shapes say the same to a schema-driven reader.
 */
public final class XmlShape {

    private static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

    private XmlShape() {
    }

    /** The shape of an element document. */
    public static String of(String xml) {
        return render(parse(xml));
    }

    /** The shape of the (first) element inside a SOAP 1.1 envelope's Body. */
    public static String body(String envelopeXml) {
        Element envelope = parse(envelopeXml);
        for (Element part : children(envelope)) {
            if (SOAP11_ENVELOPE.equals(part.getNamespaceURI()) && "Body".equals(part.getLocalName())) {
                List<Element> payload = children(part);
                if (payload.isEmpty()) {
                    throw new IllegalArgumentException("empty SOAP Body: " + envelopeXml);
                }
                return render(payload.get(0));
            }
        }
        throw new IllegalArgumentException("no SOAP Body in: " + envelopeXml);
    }

    private static Element parse(String xml) {
        try {
            return SafeXml.documentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static String render(Element element) {
        StringBuilder out = new StringBuilder();
        render(element, 0, out);
        return out.toString();
    }

    private static void render(Element element, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append('{').append(element.getNamespaceURI() == null ? ""
                : element.getNamespaceURI()).append('}').append(element.getLocalName());
        TreeMap<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr attr = (Attr) attrs.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(attr.getNamespaceURI())) {
                String ns = attr.getNamespaceURI() == null ? "" : "{" + attr.getNamespaceURI() + "}";
                attributes.put(ns + attr.getLocalName(), attr.getValue());
            }
        }
        attributes.forEach((name, value) -> out.append(' ').append(name).append("=\"").append(value).append('"'));
        List<Element> children = children(element);
        if (children.isEmpty()) {
            out.append(" = \"").append(element.getTextContent()).append("\"\n");
            return;
        }
        out.append('\n');
        for (Element child : children) {
            render(child, depth + 1, out);
        }
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
}
