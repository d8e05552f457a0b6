package org.ratepayer.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log of the staff portal: every staff action that changes something is recorded here by the page that
 * does it, in the same transaction as the change (call it inside the write's transaction): who, on which biller,
 * what, on what, and what it was before and after (any value Jackson writes: a record, a map, a string; null when
 * there was nothing). The log is read in the portal, newest first (docs/staff-portal.md, "Audit log").
 */
@Component
public class StaffAudit {

    /** One recorded action; {@code before} and {@code after} as the JSON text stored, or null. */
    public record Entry(long auditId, String actor, String action, String target, String before, String after, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public StaffAudit(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records what a staff user did. {@code action} is a short stable verb phrase ("posting.retry",
     * "batch.close", "staff.create"); {@code target} names what it was done to ("posting 812", "user ana").
     */
    public void record(SignedInStaff who, String action, String target, Object before, Object after) {
        insert(who.bid(), who.userId(), who.username(), action, target, before, after);
    }

    /**
     * As {@link #record}, unless this biller's log already holds {@code action} on {@code target}: for an action that a
     * form sent twice answers again without doing it again (a payment's idempotency key), so it is logged once.
     */
    public void recordOnce(SignedInStaff who, String action, String target, Object before, Object after) {
        jdbc.sql("""
                insert into staff_audit (biller_id, staff_user_id, actor, action, target, before, after, at)
                select ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?
                where not exists (select 1 from staff_audit where biller_id = ? and action = ? and target = ?)
                """).params(who.bid(), who.userId(), who.username(), action, target, text(before), text(after),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), who.bid(), action, target).update();
    }

    /** Records what the operator did to a biller's staff (the first administrator). */
    public void recordOperator(long bid, String action, String target, Object before, Object after) {
        insert(bid, null, "operator", action, target, before, after);
    }

    private void insert(long bid, Long userId, String actor, String action, String target, Object before, Object after) {
        jdbc.sql("""
                insert into staff_audit (biller_id, staff_user_id, actor, action, target, before, after, at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
                """).params(bid, userId, actor, action, target, text(before), text(after),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
    }

    /** A page of the biller's log, newest first. */
    public List<Entry> newest(long bid, int offset, int limit) {
        return jdbc.sql("""
                select audit_id, actor, action, target, before::text as before, after::text as after, at from staff_audit
                where biller_id = ? order by audit_id desc offset ? limit ?
                """).params(bid, offset, limit).query((rs, n) -> new Entry(rs.getLong("audit_id"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("before"), rs.getString("after"),
                        rs.getTimestamp("at").toInstant())).list();
    }

    public long count(long bid) {
        return jdbc.sql("select count(*) from staff_audit where biller_id = ?").param(bid).query(Long.class).single();
    }

    private String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value not writable as JSON: " + value.getClass().getName(), e);
        }
    }
}
