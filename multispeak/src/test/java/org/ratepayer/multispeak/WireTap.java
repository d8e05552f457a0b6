package org.ratepayer.multispeak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.ext.logging.LoggingFeature;
import org.apache.cxf.ext.logging.event.EventType;
import org.apache.cxf.ext.logging.event.LogEvent;
import org.apache.cxf.ext.logging.event.LogEventSender;

/**
 * Keeps every SOAP message a client factory sends and receives, as it was on the wire. Users need
 * {@code org.apache.cxf:cxf-rt-features-logging} on their test class path.
 */
public final class WireTap implements LogEventSender {

    public record Message(EventType type, String payload) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    /** A client factory whose calls all pass this tap. */
    public MultiSpeakClientFactory factory() {
        Bus bus = BusFactory.newInstance().createBus();
        LoggingFeature logging = new LoggingFeature();
        logging.setSender(this);
        logging.setPrettyLogging(false);
        logging.setLimit(10 * 1024 * 1024);
        logging.initialize(bus);
        return new MultiSpeakClientFactory(bus, Clock.systemUTC());
    }

    @Override
    public void send(LogEvent event) {
        if (event.getPayload() != null && !event.getPayload().isEmpty()) {
            messages.add(new Message(event.getType(), event.getPayload()));
        }
    }

    public List<Message> messages() {
        return messages;
    }

    public List<String> sent() {
        return messages.stream().filter(m -> m.type() == EventType.REQ_OUT).map(Message::payload).toList();
    }

    public List<String> received() {
        return messages.stream().filter(m -> m.type() != EventType.REQ_OUT).map(Message::payload).toList();
    }

    public String lastSent() {
        List<String> sent = sent();
        return sent.get(sent.size() - 1);
    }

    public String lastReceived() {
        List<String> received = received();
        return received.get(received.size() - 1);
    }

    /** Every captured request and reply is valid against {@code schema}. */
    public void assertAllValid(MultiSpeakSchema schema) {
        for (Message message : messages) {
            assertThat(schema.envelopeProblems(message.payload())).as(message.type() + ": " + message.payload())
                    .isEmpty();
        }
    }

    public void clear() {
        messages.clear();
    }
}
