package org.ratepayer.payments.gateway;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ratepayer.payments.Method;

/**
 * The built-in test processor (README "Sandbox gateway"). Outcomes follow documented test numbers:
 * cards 4111111111111111, 5555555555554444 and 378282246310005 approve; 4000000000000002 declines;
 * 4000000000000119 fails with a processor error; 4000000000000259 approves but its answer is
 * "lost" (a timeout), for the repair job; 4000000000000333 approves every payment with the same approval
 * code, {@value #REPEATED_APPROVAL_CODE}, for a CIS that takes approval codes as transaction ids
 * (docs/postings.md). Any other valid card approves. Bank routing 011000015 (or
 * any valid routing number) approves, except account 000111222, which declines, and two accounts whose bank payments are
 * asynchronous like a real ACH debit (docs/ach.md): 000222333 is PENDING, then confirmed (APPROVED) by the sandbox's
 * next event; 000333444 is PENDING, then RETURNED R01 "Insufficient funds". The sandbox tells those outcomes later, as
 * a processor does, by a signed webhook event ({@link PendingOutcome}). Tokens and charges are kept by
 * a {@link Ledger}: the platform's is PostgreSQL, so saved methods outlive a restart and any node can look up a
 * charge another made (docs/payments.md, "Sandbox gateway").
 * <p>
 * Settlement: on business day D the sandbox funds every charge it approved for the biller during business day D - 1,
 * for the amount charged (docs/settlement.md).
 */
public final class SandboxGateway implements PaymentGateway {

    static final String DECLINE_CARD = "4000000000000002";
    static final String ERROR_CARD = "4000000000000119";
    static final String TIMEOUT_CARD = "4000000000000259";
    static final String REPEATED_APPROVAL_CARD = "4000000000000333";
    /** Not six digits, so no card of the counter below can ever be given it too. */
    static final String REPEATED_APPROVAL_CODE = "SBXDUP";
    static final String DECLINE_BANK_ACCOUNT = "000111222";
    static final String PENDING_CONFIRMED_BANK_ACCOUNT = "000222333";
    static final String PENDING_RETURNED_BANK_ACCOUNT = "000333444";
    /** The return the sandbox sends for {@value #PENDING_RETURNED_BANK_ACCOUNT}. */
    public static final String RETURN_CODE = "R01";
    public static final String RETURN_REASON = "Insufficient funds";

    /** A token as the sandbox keeps it: its biller, what may be shown, and how its charges go. */
    public record Stored(long bid, Method method, String brand, String last4, Behaviour behaviour) {
    }

    /** How a token's charges go, decided by its test number when it was made. */
    public enum Behaviour {
        APPROVE,
        DECLINE,
        ERROR,
        APPROVE_THEN_TIME_OUT,
        APPROVE_WITH_REPEATED_CODE,
        /** A bank payment left PENDING, confirmed by the sandbox's next event. */
        PENDING_THEN_APPROVE,
        /** A bank payment left PENDING, then returned R01 by the sandbox's next event. */
        PENDING_THEN_RETURN;

        /** What the sandbox's later event says of a PENDING charge made with this behaviour; null for any other. */
        public PendingOutcome pendingOutcome() {
            return switch (this) {
                case PENDING_THEN_APPROVE -> new PendingOutcome(Outcome.APPROVED, null, null);
                case PENDING_THEN_RETURN -> new PendingOutcome(null, RETURN_CODE, RETURN_REASON);
                default -> null;
            };
        }
    }

    /**
     * How a PENDING sandbox charge ends: confirmed ({@code confirmed} APPROVED) or returned with a NACHA code and the
     * bank's words (docs/ach.md).
     */
    public record PendingOutcome(Outcome confirmed, String returnCode, String returnReason) {

        public boolean returned() {
            return returnCode != null;
        }
    }

    /**
     * Where the sandbox keeps its tokens and charges. A charge is recorded once per payment: the first result
     * recorded for a payment GUID is the one every later call gets, whichever node asks.
     */
    public interface Ledger {

        void saveToken(String token, Stored stored);

        Optional<Stored> token(String token);

        /** Records the result unless one is recorded for the payment already; answers the one that stands. */
        Result recordCharge(long bid, UUID paymentGuid, String token, BigDecimal total, Result result);

        Optional<Result> charge(UUID paymentGuid);

        /** A charge as the sandbox keeps it, for refunds and voids; empty when it never saw the payment. */
        Optional<Charge> chargeRecord(UUID paymentGuid);

        /** Records the refund's result unless one is recorded for {@code refundId} already; answers the one that stands. */
        Result recordRefund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount, Result result);

        Optional<Result> refund(UUID refundId);

        /** What the approved refunds of a charge add up to (zero when none). */
        BigDecimal refunded(UUID paymentGuid);

        /** Marks an approved charge voided. */
        void markVoided(UUID paymentGuid);

        /*
         * Approval codes count up rather than being drawn at random: real codes are not unique either, but a CIS
         * that takes the approval code as transactionId (the default before docs/postings.md) would refuse a second
         * payment with a repeated code as a duplicate, and a demo should not stumble on that after a thousand payments.
         */
        long nextApprovalNumber();

        /**
         * The biller's approved charges recorded at or after {@code from} and before {@code to}, oldest first.
         * A voided charge is not among them: the processor never funds it.
         */
        List<Settlement> approvedBetween(long bid, Instant from, Instant to);
    }

    /** Where a biller's business days end, so that the sandbox can tell which day a charge was approved on. */
    @FunctionalInterface
    public interface DayEnds {

        /** The moment business day {@code day} of this biller ends; the day began where the day before ended. */
        Instant end(long bid, LocalDate day);

        /** Calendar days in UTC, for unit tests. */
        static DayEnds utcMidnight() {
            return (bid, day) -> day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    /**
     * An approved or refused charge as the sandbox keeps it.
     *
     * @param settled whether the sandbox counts it settled: in the platform's ledger, once the payment's daily batch is
     *                closed (docs/refunds.md, "The sandbox"); from then on it can be refunded but no longer voided
     */
    public record Charge(long bid, String token, BigDecimal total, Outcome outcome, boolean voided, boolean settled) {
    }

    /** A ledger in memory, for unit tests: a restart forgets it. */
    public static final class MemoryLedger implements Ledger {
        private final Map<String, Stored> tokens = new ConcurrentHashMap<>();
        private final Map<UUID, Result> charges = new ConcurrentHashMap<>();
        private final Map<UUID, Charge> records = new ConcurrentHashMap<>();
        private final Map<UUID, Result> refunds = new ConcurrentHashMap<>();
        private final Map<UUID, BigDecimal> refundAmounts = new ConcurrentHashMap<>();
        private final Map<UUID, UUID> refundCharges = new ConcurrentHashMap<>();
        private final Map<UUID, Charged> charged = new ConcurrentHashMap<>();
        private final Clock clock;

        /** What settlement needs of a charge: whose, how much, when. */
        private record Charged(long bid, BigDecimal total, Instant at) {
        }

        public MemoryLedger() {
            this(Clock.systemUTC());
        }

        public MemoryLedger(Clock clock) {
            this.clock = clock;
        }
        private final java.util.concurrent.atomic.AtomicLong nextApproval = new java.util.concurrent.atomic.AtomicLong(
                new SecureRandom().nextInt(1_000_000));

        @Override
        public void saveToken(String token, Stored stored) {
            tokens.put(token, stored);
        }

        @Override
        public Optional<Stored> token(String token) {
            return Optional.ofNullable(tokens.get(token));
        }

        @Override
        public Result recordCharge(long bid, UUID paymentGuid, String token, BigDecimal total, Result result) {
            Result earlier = charges.putIfAbsent(paymentGuid, result);
            if (earlier == null) {
                records.put(paymentGuid, new Charge(bid, token, total, result.outcome(), false, false));
                charged.put(paymentGuid, new Charged(bid, total, clock.instant()));
            }
            return earlier == null ? result : earlier;
        }

        @Override
        public Optional<Charge> chargeRecord(UUID paymentGuid) {
            return Optional.ofNullable(records.get(paymentGuid));
        }

        @Override
        public synchronized Result recordRefund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount, Result result) {
            Result earlier = refunds.putIfAbsent(refundId, result);
            if (earlier == null) {
                refundAmounts.put(refundId, amount);
                refundCharges.put(refundId, paymentGuid);
            }
            return earlier == null ? result : earlier;
        }

        @Override
        public Optional<Result> refund(UUID refundId) {
            return Optional.ofNullable(refunds.get(refundId));
        }

        @Override
        public synchronized BigDecimal refunded(UUID paymentGuid) {
            return refunds.entrySet().stream()
                    .filter(e -> e.getValue().outcome() == Outcome.APPROVED && paymentGuid.equals(refundCharges.get(e.getKey())))
                    .map(e -> refundAmounts.get(e.getKey())).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        @Override
        public void markVoided(UUID paymentGuid) {
            records.computeIfPresent(paymentGuid, (k, c) -> new Charge(c.bid(), c.token(), c.total(), c.outcome(), true, c.settled()));
        }

        /** Counts a charge settled, as the platform's ledger does once its batch is closed. */
        public void settle(UUID paymentGuid) {
            records.computeIfPresent(paymentGuid, (k, c) -> new Charge(c.bid(), c.token(), c.total(), c.outcome(), c.voided(), true));
        }

        @Override
        public List<Settlement> approvedBetween(long bid, Instant from, Instant to) {
            List<Map.Entry<UUID, Charged>> found = new ArrayList<>();
            charged.forEach((guid, c) -> {
                if (c.bid() == bid && !c.at().isBefore(from) && c.at().isBefore(to)
                        && charges.get(guid).outcome() == Outcome.APPROVED && !records.get(guid).voided()) {
                    found.add(Map.entry(guid, c));
                }
            });
            found.sort(Comparator.comparing((Map.Entry<UUID, Charged> e) -> e.getValue().at()));
            return found.stream().map(e -> new Settlement(e.getKey(), e.getValue().total(), charges.get(e.getKey()).reference())).toList();
        }

        @Override
        public Optional<Result> charge(UUID paymentGuid) {
            return Optional.ofNullable(charges.get(paymentGuid));
        }

        @Override
        public long nextApprovalNumber() {
            return nextApproval.getAndIncrement();
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Ledger ledger;
    private final DayEnds dayEnds;

    /** Business days are calendar days in UTC (unit tests). */
    public SandboxGateway(Ledger ledger) {
        this(ledger, DayEnds.utcMidnight());
    }

    public SandboxGateway(Ledger ledger, DayEnds dayEnds) {
        this(ledger, dayEnds, bid -> {
            throw new IllegalStateException("the sandbox's hosted fields are served by the platform's web server only");
        });
    }

    /** @param hostedFields the sandbox's fields for a biller: its own origin and publishable key (docs/hosted-fields.md) */
    public SandboxGateway(Ledger ledger, DayEnds dayEnds, java.util.function.LongFunction<HostedFields> hostedFields) {
        this.ledger = ledger;
        this.dayEnds = dayEnds;
        this.hostedFields = hostedFields;
    }

    private final java.util.function.LongFunction<HostedFields> hostedFields;

    @Override
    public HostedFields hostedFields(long bid) {
        return hostedFields.apply(bid);
    }

    @Override
    public Tokenized tokenizeCard(long bid, PaymentMethodChecks.CheckedCard card, CardDetails details) {
        Behaviour b = switch (card.number()) {
            case DECLINE_CARD -> Behaviour.DECLINE;
            case ERROR_CARD -> Behaviour.ERROR;
            case TIMEOUT_CARD -> Behaviour.APPROVE_THEN_TIME_OUT;
            case REPEATED_APPROVAL_CARD -> Behaviour.APPROVE_WITH_REPEATED_CODE;
            default -> Behaviour.APPROVE;
        };
        return store(new Stored(bid, Method.CARD, card.brand(), card.last4(), b));
    }

    @Override
    public Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank) {
        Behaviour b = switch (bank.accountNumber()) {
            case DECLINE_BANK_ACCOUNT -> Behaviour.DECLINE;
            case PENDING_CONFIRMED_BANK_ACCOUNT -> Behaviour.PENDING_THEN_APPROVE;
            case PENDING_RETURNED_BANK_ACCOUNT -> Behaviour.PENDING_THEN_RETURN;
            default -> Behaviour.APPROVE;
        };
        return store(new Stored(bid, Method.ACH, bank.accountType(), bank.last4(), b));
    }

    private Tokenized store(Stored stored) {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        String token = "tok_sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        ledger.saveToken(token, stored);
        return new Tokenized(token, stored.method(), stored.brand(), stored.last4());
    }

    @Override
    public Result charge(long bid, UUID paymentGuid, String token, BigDecimal total) {
        Optional<Result> earlier = ledger.charge(paymentGuid);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Stored stored = ofBiller(bid, token);
        if (stored == null) {
            return new Result(Outcome.ERROR, null, null, "unknown or expired payment method token");
        }
        String reference = "sbx_" + paymentGuid.toString().substring(0, 8);
        Result result = switch (stored.behaviour()) {
            case DECLINE -> new Result(Outcome.DECLINED, null, reference, "Declined: do not honor");
            case ERROR -> new Result(Outcome.ERROR, null, reference, "Processor error: try again later");
            case APPROVE, APPROVE_THEN_TIME_OUT -> new Result(Outcome.APPROVED, approvalCode(), reference, "Approved");
            case APPROVE_WITH_REPEATED_CODE -> new Result(Outcome.APPROVED, REPEATED_APPROVAL_CODE, reference, "Approved");
            case PENDING_THEN_APPROVE, PENDING_THEN_RETURN -> new Result(Outcome.PENDING, approvalCode(), reference,
                    "Pending: the bank payment is being processed");
        };
        result = ledger.recordCharge(bid, paymentGuid, token, total, result);
        if (stored.behaviour() == Behaviour.APPROVE_THEN_TIME_OUT) {
            throw new GatewayTimeoutException("the sandbox processor did not answer in time");
        }
        return result;
    }

    @Override
    public Optional<Tokenized> known(long bid, String token) {
        Stored stored = ofBiller(bid, token);
        return stored == null ? Optional.empty() : Optional.of(new Tokenized(token, stored.method(), stored.brand(), stored.last4()));
    }

    /** What the sandbox's later event says of a PENDING charge made with this token; null when it says nothing (docs/ach.md). */
    public PendingOutcome pendingOutcome(String token) {
        return ledger.token(token).map(t -> t.behaviour().pendingOutcome()).orElse(null);
    }

    /** The token's method when it was made for this biller; null for another biller's, as for one never made. */
    private Stored ofBiller(long bid, String token) {
        Stored stored = token == null ? null : ledger.token(token).orElse(null);
        return stored != null && stored.bid() == bid ? stored : null;
    }

    @Override
    public Optional<Result> lookup(long bid, UUID paymentGuid) {
        return ledger.charge(paymentGuid);
    }

    /**
     * Refunds part or all of an approved charge of this biller (docs/refunds.md, "The sandbox"): never more than is left
     * of it after the refunds approved before, never of a voided one. The first result for a refund id is recorded and
     * answered again to every later call with that id, whichever node asks, so a retry refunds once. A charge made with
     * the timeout card ({@value #TIMEOUT_CARD}) loses the answer to each refund's first call the same way its charge's
     * was lost: refunded, then a timeout; a retry with the refund id gets the refund.
     */
    @Override
    public Result refund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount) {
        Optional<Result> earlier = ledger.refund(refundId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Charge charge = approvedOf(bid, paymentGuid);
        String reference = "sbx_rf_" + refundId.toString().substring(0, 8);
        Result result;
        if (charge == null) {
            result = new Result(Outcome.DECLINED, null, reference, "Declined: no approved charge to refund");
        } else if (charge.voided()) {
            result = new Result(Outcome.DECLINED, null, reference, "Declined: the charge was voided");
        } else if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            result = new Result(Outcome.DECLINED, null, reference, "Declined: invalid amount");
        } else {
            BigDecimal left = charge.total().subtract(ledger.refunded(paymentGuid));
            result = amount.compareTo(left) > 0
                    ? new Result(Outcome.DECLINED, null, reference, "Declined: more than is left of the charge ("
                            + left.setScale(2).toPlainString() + ")")
                    : new Result(Outcome.APPROVED, null, reference, "Refunded");
        }
        Result standing = ledger.recordRefund(bid, paymentGuid, refundId, amount == null ? BigDecimal.ZERO : amount, result);
        if (charge != null && ledger.token(charge.token()).map(Stored::behaviour).orElse(null) == Behaviour.APPROVE_THEN_TIME_OUT) {
            throw new GatewayTimeoutException("the sandbox processor did not answer the refund in time");
        }
        return standing;
    }

    /**
     * Voids an approved charge of this biller that is not settled yet and has no refunds; voiding a voided charge
     * answers APPROVED again (a retry). A settled charge is DECLINED: it must be refunded instead.
     */
    @Override
    public Result voidCharge(long bid, UUID paymentGuid) {
        // a pending bank debit can be cancelled too, before the sandbox's event tells its outcome (docs/ach.md)
        Charge charge = ledger.chargeRecord(paymentGuid)
                .filter(c -> c.bid() == bid && (c.outcome() == Outcome.APPROVED || c.outcome() == Outcome.PENDING)).orElse(null);
        String reference = "sbx_vd_" + paymentGuid.toString().substring(0, 8);
        if (charge == null) {
            return new Result(Outcome.DECLINED, null, reference, "Declined: no approved charge to void");
        }
        if (charge.voided()) {
            return new Result(Outcome.APPROVED, null, reference, "Voided");
        }
        if (charge.settled()) {
            return new Result(Outcome.DECLINED, null, reference, "Declined: the charge is settled; refund it instead");
        }
        if (ledger.refunded(paymentGuid).signum() > 0) {
            return new Result(Outcome.DECLINED, null, reference, "Declined: the charge is partly refunded; refund the rest");
        }
        ledger.markVoided(paymentGuid);
        return new Result(Outcome.APPROVED, null, reference, "Voided");
    }

    /** The approved charge of this biller; null for another biller's, as for one never made. */
    private Charge approvedOf(long bid, UUID paymentGuid) {
        return ledger.chargeRecord(paymentGuid).filter(c -> c.bid() == bid && c.outcome() == Outcome.APPROVED).orElse(null);
    }

    /** Everything approved for the biller during the business day before {@code day}, as charged. */
    @Override
    public List<Settlement> settled(long bid, LocalDate day) {
        LocalDate approvedOn = day.minusDays(1);
        return ledger.approvedBetween(bid, dayEnds.end(bid, approvedOn.minusDays(1)), dayEnds.end(bid, approvedOn));
    }

    private String approvalCode() {
        return String.format("%06d", Math.floorMod(ledger.nextApprovalNumber(), 1_000_000L));
    }
}
