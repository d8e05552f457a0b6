package org.ratepayer.paynow.internal;

import org.ratepayer.payments.PaymentStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ratepayer.shared.web.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pay Now sessions and the payments taken in them; every lookup is by a secret's hash or scoped to a biller. */
@Repository
public class PayNowSessions {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PayNowSessions(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @param payerUserId the portal user a RemoteAuthenticationToken signed on, or null */
    long insert(UUID guid, long bid, Environment env, byte[] linkSha256, PayNowSession.Terms terms, String partnerIp,
            OffsetDateTime expiresAt, Long payerUserId) {
        return jdbc.sql("""
                insert into paynow_session (session_guid, biller_id, environment, link_sha256, request, partner_ip, expires_at,
                  payer_user_id)
                values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?) returning session_id
                """).params(guid, bid, env.name(), linkSha256, write(terms), partnerIp, expiresAt, payerUserId)
                .query(Long.class).single();
    }

    /**
     * Opens a link once: it must be unopened and unexpired. The page key replaces it, and the page lives
     * {@code ttl} from now. Atomic, so two browsers racing for one link get one page between them.
     */
    Optional<Long> open(byte[] linkSha256, byte[] pageSha256, Duration ttl) {
        return jdbc.sql("""
                update paynow_session set opened_at = now(), page_sha256 = ?, expires_at = now() + cast(? as interval)
                where link_sha256 = ? and opened_at is null and expires_at > now()
                returning session_id
                """).params(pageSha256, ttl.toSeconds() + " seconds", linkSha256).query(Long.class).optional();
    }

    Optional<PayNowSession> byPage(byte[] pageSha256) {
        return jdbc.sql("""
                select session_id, session_guid, biller_id, request::text, removed, pending::text, expires_at, payer_user_id
                from paynow_session where page_sha256 = ? and expires_at > now()
                """).param(pageSha256).query(this::session).optional();
    }

    /** Deletes up to {@code limit} sessions that expired before {@code before} with nothing paid in them. */
    public int purgeUnpaid(OffsetDateTime before, int limit) {
        return jdbc.sql("""
                delete from paynow_session where session_id in (
                    select s.session_id from paynow_session s
                    where s.expires_at < ? and not exists (select 1 from paynow_payment p where p.session_id = s.session_id)
                    limit ?)
                """).params(before, limit).update();
    }

    void setRemoved(long id, Set<String> removed) {
        jdbc.sql("update paynow_session set removed = ? where session_id = ?")
                .params(removed.toArray(String[]::new), id).update();
    }

    void setPending(long id, PayNowSession.Pending pending) {
        jdbc.sql("update paynow_session set pending = cast(? as jsonb) where session_id = ?")
                .params(pending == null ? null : write(pending), id).update();
    }

    void recordPayment(long bid, String idempotencyKey, long sessionId, String account, String invoice, String remoteIp) {
        jdbc.sql("""
                insert into paynow_payment (biller_id, idempotency_key, session_id, account_number, invoice_number, remote_ip)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """).params(bid, idempotencyKey, sessionId, account, invoice, remoteIp).update();
    }

    /**
     * A payment taken in a session: which invoice, and the payment once it exists. Joined on the payment's
     * own key, which it carries from its insert, so a payment whose answer was never stored still counts.
     */
    public record Taken(String accountNumber, String invoiceNumber, UUID paymentGuid, PaymentStatus status) {
    }

    List<Taken> payments(long bid, long sessionId) {
        return jdbc.sql("""
                select pp.account_number, pp.invoice_number, p.payment_guid, p.status
                from paynow_payment pp
                left join payment p on p.biller_id = pp.biller_id and p.account_number = pp.account_number
                                     and p.idempotency_key = pp.idempotency_key
                where pp.biller_id = ? and pp.session_id = ?
                order by pp.created_at, pp.invoice_number
                """).params(bid, sessionId)
                .query((rs, n) -> new Taken(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4) == null ? null : PaymentStatus.valueOf(rs.getString(4))))
                .list();
    }

    /** What a postback needs about a payment taken on the hosted page; empty for any other payment. */
    record PostbackContext(PayNowSession.Terms terms, String remoteIp, UUID billerGuid) {
    }

    Optional<PostbackContext> forPayment(long paymentId) {
        return jdbc.sql("""
                select s.request::text, pp.remote_ip, b.guid
                from payment p
                join paynow_payment pp on pp.biller_id = p.biller_id and pp.idempotency_key = p.idempotency_key
                join paynow_session s on s.session_id = pp.session_id and s.biller_id = p.biller_id
                join biller b on b.biller_id = p.biller_id
                where p.payment_id = ?
                """).param(paymentId)
                .query((rs, n) -> new PostbackContext(read(rs.getString(1), PayNowSession.Terms.class), rs.getString(2),
                        rs.getObject(3, UUID.class)))
                .optional();
    }

    private PayNowSession session(ResultSet rs, int n) throws SQLException {
        PayNowSession.Terms terms = read(rs.getString(4), PayNowSession.Terms.class);
        Array removed = rs.getArray(5);
        String pending = rs.getString(6);
        return new PayNowSession(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), terms.request(), terms.items(),
                removed == null ? Set.of() : new HashSet<>(Arrays.asList((String[]) removed.getArray())),
                pending == null ? null : read(pending, PayNowSession.Pending.class), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, Long.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored Pay Now session is unreadable", e);
        }
    }
}
