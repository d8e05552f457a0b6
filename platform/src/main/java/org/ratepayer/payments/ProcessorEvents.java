package org.ratepayer.payments;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The processors' webhook events as received (docs/ach.md, "Webhooks"), for the operator: above all those that named
 * no payment of the biller ({@code UNKNOWN_PAYMENT}), answered 200 so the processor stopped sending them, and left here
 * to look into.
 */
@Service
public class ProcessorEvents {

    /** One stored event: never its body, only the body's SHA-256 (to compare with the processor's copy). */
    public record ProcessorEvent(String processor, String eventId, String eventType, UUID paymentGuid, String outcome,
            OffsetDateTime receivedAt, String payloadSha256) {
    }

    /** What an event's outcome may be, as stored. */
    public static final List<String> OUTCOMES = List.of("APPLIED", "NO_CHANGE", "UNKNOWN_PAYMENT", "IGNORED");

    private final JdbcClient jdbc;

    public ProcessorEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The biller's events of this outcome, newest first, at most {@code limit}. */
    public List<ProcessorEvent> list(long bid, String outcome, int limit) {
        return jdbc.sql("""
                select processor, event_id, event_type, payment_guid, outcome, received_at, payload_sha256 from processor_event
                where biller_id = ? and outcome = ? order by received_at desc, event_id limit ?
                """).params(bid, outcome, limit).query((rs, n) -> new ProcessorEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7))).list();
    }
}
