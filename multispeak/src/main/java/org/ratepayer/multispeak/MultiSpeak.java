package org.ratepayer.multispeak;

import javax.xml.namespace.QName;

/** Names fixed by the MultiSpeak 3.0 CB_Server contract. */
public final class MultiSpeak {

    /** The one namespace of every MultiSpeak 3.0 element. */
    public static final String NAMESPACE = "http://www.multispeak.org/Version_3.0";

    /** The WSDL service and port names; kept as the official ones so either WSDL can be used. */
    public static final QName SERVICE = new QName(NAMESPACE, "CB_Server");
    public static final QName PORT = new QName(NAMESPACE, "CB_ServerSoap");
    public static final QName HEADER = new QName(NAMESPACE, "MultiSpeakMsgHeader");

    /** Ratepayer's compact WSDL on the classpath. */
    public static final String WSDL_RESOURCE = "org/ratepayer/multispeak/cb-server.wsdl";

    /** The MultiSpeak version written in every header Ratepayer sends. */
    public static final String VERSION = "3.0";

    private MultiSpeak() {
    }
}
