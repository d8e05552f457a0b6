package org.ratepayer.multispeak;

/** SOAP 1.1 envelopes for tests. */
public final class Soap {

    public static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private Soap() {
    }

    public static String envelope(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + ENVELOPE_NS + "\">"
                + (header == null ? "" : "<soap:Header>" + header + "</soap:Header>")
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    public static String fault(String code, String text) {
        return envelope(null, "<soap:Fault><faultcode>soap:" + code + "</faultcode><faultstring>" + text
                + "</faultstring></soap:Fault>");
    }

    /** The reply header a Daffron Toolbox sends. */
    public static String daffronHeader() {
        return "<MultiSpeakMsgHeader xmlns=\"http://www.multispeak.org/Version_3.0\" Version=\"3.0\""
                + " Company=\"Daffron and Associates, Inc.\" AppName=\"Toolbox iXp\" AppVersion=\"2.0\""
                + " SessionID=\"2013-01-01_010101\"/>";
    }
}
