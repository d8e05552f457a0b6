package org.ratepayer.payments.internal.authorizenet;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.internal.webhooks.ProcessorWebhooks;
import org.ratepayer.payments.internal.webhooks.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follows Authorize.Net's eCheck bank payments to their end (docs/ach.md, "Authorize.Net"). Authorize.Net sends no webhook
 * when an eCheck settles or comes back (its webhooks name transactions created, voided, refunded, held, never settled or
 * returned), so the platform asks: for each Authorize.Net bank payment that is {@code PENDING}, or {@code APPROVED} or
 * {@code SETTLED} and younger than {@link #RETURN_WINDOW} (an unauthorised debit can be returned that late), it reads the
 * transaction's details ({@code getTransactionDetails}: one call per payment, where a settled batch's list would not show a
 * return) and turns what they say ({@link ECheckStatuses}) into the same event a webhook would bring, stored once under
 * {@code <transId>:<status>} by {@link ProcessorWebhooks#observed}. Two nodes asking at once, or a run repeated, store it
 * once and move the payment once.
 */
@Component
public class ECheckPoll {

    private static final Logger log = LoggerFactory.getLogger(ECheckPoll.class);

    /** The processor's name in {@code processor_event}. */
    public static final String PROCESSOR = "authorizenet";
    /** How long after the debit the bank may still return it (NACHA: 60 days for an unauthorised debit). */
    static final Duration RETURN_WINDOW = Duration.ofDays(60);
    /** The payments a run follows: Authorize.Net bank payments pending, or taken within the window ({@code ?} its start). */
    private static final String FOLLOWED = "method = 'ACH' and method_token like 'anet-%' and gateway_reference is not null"
            + " and (status = 'PENDING' or (status in ('APPROVED', 'SETTLED') and created_at > ?))";

    private final JdbcClient jdbc;
    private final AuthorizeNetGateway gateway;
    private final ProcessorWebhooks webhooks;
    private final Clock clock;

    public ECheckPoll(JdbcClient jdbc, AuthorizeNetGateway gateway, ProcessorWebhooks webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    private record Watched(UUID guid, String reference, PaymentStatus status) {
    }

    /** The billers with an Authorize.Net bank payment to follow: the ones a run asks about. */
    public List<Long> billers() {
        return jdbc.sql("select distinct biller_id from payment where " + FOLLOWED + " order by biller_id").param(cutoff())
                .query(Long.class).list();
    }

    /**
     * Asks Authorize.Net about each of the biller's bank payments to follow, each on its own: one it cannot answer now
     * (no answer, a refusal) is logged and asked again at the next run.
     *
     * @return how many payments moved
     */
    public int poll(long bid) {
        List<Watched> watched = jdbc.sql("select payment_guid, gateway_reference, status from payment where biller_id = ? and " + FOLLOWED
                + " order by created_at, payment_id").params(bid, cutoff()).query((rs, n) -> new Watched(rs.getObject(1, UUID.class), rs.getString(2),
                        PaymentStatus.valueOf(rs.getString(3)))).list();
        int moved = 0;
        for (Watched w : watched) {
            try {
                if (follow(bid, w)) {
                    moved++;
                }
            } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException
                    | AuthorizeNetGateway.AuthorizeNetRefusedException e) {
                log.warn("biller {}: Authorize.Net could not say what became of eCheck {} of payment {}; asked again next run: {}", bid,
                        w.reference(), w.guid(), e.getMessage());
            }
        }
        return moved;
    }

    private boolean follow(long bid, Watched w) {
        AuthorizeNetGateway.ECheckStatus s = gateway.eCheckStatus(bid, w.reference());
        if (!s.bank()) {
            return false;
        }
        Optional<ECheckStatuses.Observed> observed = ECheckStatuses.observe(s.status(), s.returnCode(), s.returnWords(), s.reason(),
                w.status());
        if (observed.isEmpty()) {
            return false;
        }
        String transId = s.transId() == null ? w.reference() : s.transId();
        WebhookEvent event = new WebhookEvent(transId + ":" + s.status(), s.status(), observed.get().kind(), w.guid(), transId,
                observed.get().reason());
        String payload = String.join("|", transId, s.status(), String.valueOf(s.returnCode()), String.valueOf(s.returnWords()),
                String.valueOf(s.reason()));
        ProcessorWebhooks.Outcome outcome = webhooks.observed(PROCESSOR, bid, event, payload);
        if (outcome == ProcessorWebhooks.Outcome.APPLIED) {
            log.info("biller {}: eCheck {} of payment {} is {} at Authorize.Net: {}", bid, transId, w.guid(), s.status(),
                    observed.get().reason() == null ? "confirmed" : "returned " + observed.get().reason().code());
            return true;
        }
        return false;
    }

    private OffsetDateTime cutoff() {
        return clock.instant().minus(RETURN_WINDOW).atOffset(ZoneOffset.UTC);
    }
}
