package org.ratepayer.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.internal.PaymentRepository;
import org.ratepayer.payments.internal.PaymentTransitions;
import org.ratepayer.payments.internal.RefundRepository;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.shared.web.Refusal.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds and voids of approved payments, by the operator or a staff administrator (docs/refunds.md). One idempotency
 * key, one refund: the refund is recorded (UNKNOWN) under its key while the payment row is locked, then sent to the
 * processor with its own id as the processor's idempotency key, then its answer, the payment's move and the payer's
 * email commit together. Nothing of it is posted to the CIS: Daffron takes no voids or reversals over the data pump
 * (seed 001, "Void: Not Supported"), so staff post the reversal in the CIS by hand.
 */
@Service
public class PaymentRefunds {

    private static final Logger log = LoggerFactory.getLogger(PaymentRefunds.class);
    private static final int MAX_REASON = 500;
    private static final int REPAIR_BATCH = 100;

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentTransitions transitions;
    private final PaymentGateway gateway;
    private final TransactionTemplate tx;
    private final List<RefundListener> listeners;
    private final Clock clock;

    public PaymentRefunds(PaymentRepository payments, RefundRepository refunds, PaymentTransitions transitions, PaymentGateway gateway,
            PlatformTransactionManager txManager, List<RefundListener> listeners, Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.transitions = transitions;
        this.gateway = gateway;
        this.tx = new TransactionTemplate(txManager);
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * Refunds {@code amount} of the biller's payment, once per idempotency key: the same key with the same request
     * answers the refund it made (asking the processor again, with the same refund id, only if its answer was lost);
     * with another request it is refused.
     *
     * @param by "operator" or "staff:" and a username
     * @return the refund; its status says what the processor answered (UNKNOWN when it did not answer in time)
     * @throws RefundRefused     naming the field, when nothing was sent to the processor
     * @throws NotFoundException when the biller has no such payment (another biller's included)
     */
    public Refund refund(long bid, UUID paymentGuid, BigDecimal amount, String reason, String idempotencyKey, String by) {
        String key = checkKey(idempotencyKey);
        BigDecimal money = RefundRules.checkAmount(amount);
        String why = reason(reason);
        String sha = fingerprint(paymentGuid, money, why);
        Refund started;
        try {
            started = tx.execute(s -> start(bid, paymentGuid, money, why, key, sha, by));
        } catch (DuplicateKeyException e) {
            // the same key sent at once for two payments: the other request holds it
            throw new RefundRefused(Kind.CONFLICT, "key_in_use", "Idempotency-Key",
                    "a refund with this key is being processed; retry shortly");
        }
        if (started.status() != Refund.Status.UNKNOWN) {
            return started;
        }
        return send(bid, started);
    }

    /**
     * Asks the processor again, under each refund's own id, about refunds whose answer was lost more than {@code age} ago,
     * as a retry with the refund's key would (docs/refunds.md, "A lost answer"). The processor keys refunds by that id,
     * so asking again never refunds twice; a refund still unanswered stays UNKNOWN for the next run.
     *
     * @return how many refunds got their answer
     */
    public int repairUnanswered(Duration age) {
        int answered = 0;
        for (RefundRepository.Unanswered u : refunds.unknownSince(clock.instant().minus(age), REPAIR_BATCH)) {
            try {
                if (send(u.bid(), u.refund()).status() != Refund.Status.UNKNOWN) {
                    answered++;
                }
            } catch (RuntimeException e) {
                log.error("refund {} of payment {}: could not be settled now; tried again later", u.refund().refundId(),
                        u.refund().paymentGuid(), e);
            }
        }
        return answered;
    }

    /** The payment's refunds and what is left of it. */
    public Optional<RefundHistory> history(long bid, UUID paymentGuid) {
        return payments.find(bid, paymentGuid).map(p -> {
            BigDecimal charged = RefundRules.charged(p.amount(), p.fee());
            return new RefundHistory(p.guid(), p.status(), charged, refunds.approved(p.id()).setScale(2),
                    RefundRules.available(p.status(), payments.batched(p.id()), charged, refunds.taken(p.id())),
                    refunds.ofPayment(bid, p.id()));
        });
    }

    private Refund start(long bid, UUID paymentGuid, BigDecimal amount, String reason, String key, String sha, String by) {
        Payment p = payments.lockForRefund(bid, paymentGuid)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no payment " + paymentGuid));
        Optional<RefundRepository.Stored> earlier = refunds.byKey(bid, key);
        if (earlier.isPresent()) {
            if (!earlier.get().requestSha256().equals(sha)) {
                throw new RefundRefused(Kind.NOT_ALLOWED, "idempotency_key_reused", "Idempotency-Key",
                        "this key was used for a different refund request; use a new key for a new refund");
            }
            return earlier.get().refund();
        }
        BigDecimal charged = RefundRules.charged(p.amount(), p.fee());
        Refund.Kind kind = RefundRules.plan(p.status(), payments.batched(p.id()), charged, refunds.taken(p.id()), amount);
        Refund r = new Refund(UUID.randomUUID(), p.guid(), kind, amount, reason, by, Refund.Status.UNKNOWN, null, null,
                clock.instant().atOffset(ZoneOffset.UTC));
        refunds.insert(bid, p.id(), r, key, sha);
        return r;
    }

    private Refund send(long bid, Refund r) {
        Refund.Kind kind = r.kind();
        PaymentGateway.Result result;
        try {
            if (kind == Refund.Kind.VOID) {
                result = gateway.voidCharge(bid, r.paymentGuid());
                if (result.outcome() == PaymentGateway.Outcome.DECLINED && !pending(bid, r.paymentGuid())) {
                    // too late to void (the processor settled it after all): the same money goes back as a refund
                    log.info("refund {}: the void of payment {} was declined ({}); refunding instead", r.refundId(), r.paymentGuid(),
                            result.message());
                    kind = Refund.Kind.REFUND;
                    result = gateway.refund(bid, r.paymentGuid(), r.refundId(), r.amount());
                }
            } else {
                result = gateway.refund(bid, r.paymentGuid(), r.refundId(), r.amount());
            }
        } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException e) {
            // never guessed: the refund stays UNKNOWN (still counted against what is left) until a retry with its key
            log.warn("refund {} of payment {}: no answer from the processor ({}); it stays UNKNOWN", r.refundId(), r.paymentGuid(),
                    e.getMessage());
            return r;
        }
        Refund.Kind sent = kind;
        PaymentGateway.Result answer = result;
        return tx.execute(s -> finish(bid, r, sent, answer));
    }

    private Refund finish(long bid, Refund r, Refund.Kind kind, PaymentGateway.Result result) {
        Payment p = payments.lockForRefund(bid, r.paymentGuid()).orElseThrow();
        Refund.Status status = switch (result.outcome()) {
            // a refund the processor accepted and is still sending back is given back as far as the platform goes
            case APPROVED, PENDING -> Refund.Status.APPROVED;
            case DECLINED -> Refund.Status.DECLINED;
            case ERROR -> Refund.Status.ERROR;
        };
        boolean mine = refunds.decide(r.refundId(), kind, status, result.reference(), result.message(), clock.instant());
        Refund decided = refunds.byId(bid, r.refundId()).orElseThrow();
        if (!mine) {
            return decided;
        }
        String detail = (kind == Refund.Kind.VOID ? "void " : "refund ") + r.amount().toPlainString() + " " + status
                + " by " + r.requestedBy() + " (refund " + r.refundId() + ")";
        if (status != Refund.Status.APPROVED) {
            payments.note(p.id(), p.status(), detail + ": " + result.message());
            return decided;
        }
        PaymentStatus after = RefundRules.after(p.status(), kind, RefundRules.charged(p.amount(), p.fee()), refunds.approved(p.id()));
        Payment now = after == p.status() ? null : transitions.moveNoting(p.id(), p.status(), after, detail).orElse(null);
        if (now == null) {
            payments.note(p.id(), p.status(), detail);
            now = p;
        }
        for (RefundListener l : listeners) {
            l.refunded(now, decided);
        }
        return decided;
    }

    /** A pending bank payment whose void came too late cannot be refunded either: it waits for the bank's answer. */
    private boolean pending(long bid, UUID paymentGuid) {
        return payments.find(bid, paymentGuid).map(p -> p.status() == PaymentStatus.PENDING).orElse(false);
    }

    private static String checkKey(String key) {
        // as for payments: printable ASCII, compared byte for byte
        if (key == null || key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new RefundRefused(Kind.INVALID, "idempotency_key_required", "Idempotency-Key",
                    "send an Idempotency-Key header of up to 255 printable ASCII characters, unique per refund");
        }
        return key;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String r = reason.strip();
        if (r.length() > MAX_REASON || r.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw new RefundRefused(Kind.INVALID, "invalid_field", "reason", "at most " + MAX_REASON + " characters of text");
        }
        return r;
    }

    static String fingerprint(UUID paymentGuid, BigDecimal amount, String reason) {
        String canonical = paymentGuid + "|" + amount.setScale(2).toPlainString() + "|" + (reason == null ? "" : reason);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
