package org.ratepayer.multispeak;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import javax.xml.datatype.DatatypeFactory;

import org.ratepayer.multispeak.v3.MultiSpeakMsgHeader;

/** Builds the MultiSpeakMsgHeader of each outgoing call: credentials plus a fresh MessageID and TimeStamp. */
final class RequestHeaders {

    static final String APP_NAME = "Ratepayer";

    private final Clock clock;
    private final DatatypeFactory datatypes;

    RequestHeaders(Clock clock) {
        this.clock = clock;
        // the JDK's DatatypeFactory keeps no state between calls, so one instance serves all threads
        this.datatypes = DatatypeFactory.newDefaultInstance();
    }

    MultiSpeakMsgHeader forCall(CbEndpoint endpoint) {
        MultiSpeakMsgHeader header = new MultiSpeakMsgHeader();
        header.setVersion(MultiSpeak.VERSION);
        header.setUserID(endpoint.userId());
        header.setPwd(endpoint.password());
        header.setAppName(APP_NAME);
        header.setMessageID(UUID.randomUUID().toString());
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                clock.instant().atOffset(ZoneOffset.UTC).withNano(0));
        header.setTimeStamp(datatypes.newXMLGregorianCalendar(now));
        return header;
    }
}
