package org.ratepayer.payments;

import org.ratepayer.payments.internal.IdempotencyKeys;
import org.ratepayer.payments.internal.PaymentRepository;
import org.ratepayer.payments.internal.PaymentTransitions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.payments.checkout.ReviewedFee;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.ratepayer.shared.web.Refusal.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a payment from any channel: one idempotency key, one payment. Card and bank details are
 * checked and tokenized at once and never stored; the live balance (C3) and the biller's rules (C6)
 * decide what may be paid; the attempt is recorded before the processor is called, so an outcome
 * lost to a timeout is repaired later rather than guessed.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final BillerService billers;
    private final BalanceService balances;
    private final InvoiceQueries invoices;
    private final PaymentRepository payments;
    private final PaymentTransitions transitions;
    private final IdempotencyKeys keys;
    private final PaymentGateway gateway;
    private final TransactionTemplate tx;
    private final PaymentOutcome.Records records;
    private final Clock clock;
    private final List<PaymentListener> listeners;
    private final RenumberedAccounts renumbered;

    public PaymentService(BillerService billers, BalanceService balances, InvoiceQueries invoices, PaymentRepository payments,
            PaymentTransitions transitions, IdempotencyKeys keys, PaymentGateway gateway, PlatformTransactionManager txManager,
            PaymentOutcome.Records records, Clock clock, List<PaymentListener> listeners, RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.billers = billers;
        this.balances = balances;
        this.invoices = invoices;
        this.payments = payments;
        this.transitions = transitions;
        this.keys = keys;
        this.gateway = gateway;
        this.tx = new TransactionTemplate(txManager);
        this.records = records;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Pays once per idempotency key: the first outcome for a key is stored (as the API answered it) and every
     * later submission with the key gets that same outcome back.
     */
    public PaymentOutcome submit(long bid, String idempotencyKey, PaymentRequest request) {
        return submit(bid, idempotencyKey, request, Map.of());
    }

    /**
     * As {@link #submit(long, String, PaymentRequest)}, for a caller that has just refreshed the balance (C3) of the
     * payment's accounts through {@link BalanceService} for this very payment (the autopay run, which must judge the
     * balance before it charges): those views are used instead of asking the CIS a second time within milliseconds,
     * and every payment rule runs on them exactly as on a refresh of its own. A fallback view (the CIS did not
     * answer) is never taken: the account is refreshed again (docs/payments.md, "A balance refreshed by the caller").
     *
     * @param refreshed balances by account number; accounts not in it are refreshed as usual
     */
    public PaymentOutcome submit(long bid, String idempotencyKey, PaymentRequest request, Map<String, BalanceView> refreshed) {
        // printable ASCII only: keys are compared byte for byte, and a header's other bytes mean different text to different clients
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return refused(Kind.INVALID, "idempotency_key_required", "Idempotency-Key",
                    "send an Idempotency-Key header of up to 255 printable ASCII characters, unique per payment attempt");
        }
        String fingerprint = fingerprint(request);
        Optional<UUID> claimed = keys.claim(bid, idempotencyKey, fingerprint);
        if (claimed.isEmpty()) {
            return replay(bid, idempotencyKey, fingerprint);
        }
        UUID claim = claimed.get();
        Outcome outcome = null;
        try {
            outcome = attempt(bid, idempotencyKey, claim, request, refreshed);
            Long paymentId = outcome.paymentId();
            PaymentOutcome.Records.Written record = records.write(outcome.answer());
            boolean stored = keys.finish(bid, idempotencyKey, record.statusCode(), record.json());
            if (stored && paymentId != null) {
                payments.byId(paymentId).filter(p -> p.status().isFinalOutcome()).ifPresent(this::notifyListeners);
            }
            return outcome.answer();
        } catch (PaymentRecordedException e) {
            // The payment exists (its outcome is repaired later); the key stays claimed so no retry pays twice.
            throw e;
        } catch (RuntimeException e) {
            if (outcome != null && outcome.paymentId() != null) {
                // Charged, but the answer was not stored: the key keeps its payment and a retry answers from it.
                throw new PaymentRecordedException(outcome.answer() instanceof PaymentOutcome.Taken t
                        ? String.valueOf(t.paymentGuid()) : "of payment " + outcome.paymentId(), e);
            }
            keys.release(bid, idempotencyKey, claim);
            throw e;
        }
    }

    private record Outcome(PaymentOutcome answer, Long paymentId) {
    }

    /**
     * The request with each account it names under its current number: an IVR, a kiosk or a cashier may still key in a
     * number a conversion replaced (docs/conversion-old-numbers.md). The payment is stored, answered and posted to the CIS
     * under the new number; the idempotency fingerprint stays that of the request as sent, so a retry matches it.
     */
    private PaymentRequest withCurrentNumbers(long bid, PaymentRequest r) {
        String account = r.accountNumber() == null ? null : current(bid, r.accountNumber());
        List<PaymentRequest.Allocation> allocations = r.allocations().stream().map(a -> a == null || a.accountNumber() == null ? a
                : new PaymentRequest.Allocation(current(bid, a.accountNumber()), a.invoiceNumber(), a.amount())).toList();
        if (java.util.Objects.equals(account, r.accountNumber()) && allocations.equals(r.allocations())) {
            return r;
        }
        return new PaymentRequest(r.channel(), account, r.invoiceNumber(), r.amount(), r.card(), r.bank(), r.methodToken(),
                r.kioskId(), r.payerEmail(), r.stated(), r.reviewedFee(), allocations, r.takenBy());
    }

    /** The current number for one the caller named (compared stripped, as the account is looked up); as given when not renumbered. */
    private String current(long bid, String named) {
        return renumbered.current(bid, named.strip()).map(RenumberedAccounts.Renumbering::newAccountNumber).orElse(named);
    }

    private Outcome attempt(long bid, String key, UUID claim, PaymentRequest asSent, Map<String, BalanceView> refreshed) {
        PaymentRequest r = withCurrentNumbers(bid, asSent);
        Channel channel = r.channel();
        if (channel == null) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "channel", "required"), null);
        }
        if (r.takenBy() != null && channel != Channel.CSRWEB) {
            throw new IllegalArgumentException("only a CSRWEB payment is taken by a staff user");
        }
        if (r.allocated()) {
            return attemptAllocated(bid, key, claim, r, refreshed);
        }
        if (r.accountNumber() == null || r.accountNumber().isBlank()) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "accountNumber", "required"), null);
        }
        if (r.amount() == null) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "amount", "required"), null);
        }
        if (r.stated() != null && (r.invoiceNumber() == null || r.invoiceNumber().isBlank())) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "invoiceNumber", "required with a stated invoice"), null);
        }
        int given = (r.card() != null ? 1 : 0) + (r.bank() != null ? 1 : 0) + (r.methodToken() != null ? 1 : 0);
        if (given != 1) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "card", "send exactly one of card, bank or methodToken"), null);
        }
        Tokenizing tokenizing = tokenizeAllowed(bid, r, channel, billers.cachedConfig(bid));
        if (tokenizing.refusal() != null) {
            return new Outcome(tokenizing.refusal(), null);
        }
        PaymentGateway.Tokenized method = tokenizing.method();
        PaymentRules.Decision decision;
        try {
            decision = quote(bid, r.accountNumber(), r.invoiceNumber(), r.amount(), method.method(), r.stated(),
                    given(refreshed, r.accountNumber()));
        } catch (PaymentRuleViolation v) {
            return new Outcome(refused(v.kind(), v.code(), v.field(), v.getMessage()), null);
        }
        if (ReviewedFee.changed(r.reviewedFee(), decision.fee())) {
            return new Outcome(new PaymentOutcome.Refused(Kind.CONFLICT, PaymentOutcome.Refused.FEE_CHANGED, "fee",
                    "the convenience fee is now " + decision.fee().setScale(2).toPlainString() + ", not the "
                    + r.reviewedFee().setScale(2).toPlainString() + " shown before; nothing was charged, review the payment again",
                    Map.of("fee", decision.fee())), null);
        }
        UUID guid = UUID.randomUUID();
        // The key learns its payment in the payment's own transaction: from then on it is never released, and
        // a retry or the repair job can answer from the payment whatever happens to this request.
        long id = tx.execute(s -> {
            long inserted = payments.insert(guid, bid, r.accountNumber(), decision.invoice().invoiceNumber(), channel,
                    method.method(), r.amount(), decision.fee(), method.brand(), method.last4(), method.token(),
                    blankToNull(r.payerEmail()), blankToNull(r.kioskId()), key, r.takenBy());
            keys.attach(bid, key, claim, inserted);
            return inserted;
        });
        try {
            return new Outcome(charge(bid, guid, id, channel, method, r.amount(), decision.fee(), r.accountNumber(),
                    decision.invoice().invoiceNumber()), id);
        } catch (RuntimeException e) {
            throw new PaymentRecordedException(guid.toString(), e);
        }
    }

    /**
     * A payment of several accounts (docs/payments.md, "Payments of several accounts"): the shape first
     * ({@link PaymentRules#checkAllocations}), then each account under its own rules and live balance, as if it
     * were paid alone; one charge for the total and one convenience fee, the largest of the accounts' fees
     * (one transaction, one fee). A refusal names the allocation at fault ({@code allocations[1].amount}).
     */
    private Outcome attemptAllocated(long bid, String key, UUID claim, PaymentRequest r, Map<String, BalanceView> refreshed) {
        if (r.accountNumber() != null || r.invoiceNumber() != null) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", r.accountNumber() != null ? "accountNumber" : "invoiceNumber",
                    "a payment of several accounts names its accounts and invoices in allocations only"), null);
        }
        if (r.stated() != null) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "allocations", "a stated invoice pays one account"), null);
        }
        if (r.amount() == null) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "amount", "required"), null);
        }
        int given = (r.card() != null ? 1 : 0) + (r.bank() != null ? 1 : 0) + (r.methodToken() != null ? 1 : 0);
        if (given != 1) {
            return new Outcome(refused(Kind.INVALID, "invalid_field", "card", "send exactly one of card, bank or methodToken"), null);
        }
        BillerConfig config = billers.cachedConfig(bid);
        try {
            PaymentRules.checkAllocations(r.allocations().stream()
                    .map(a -> a == null ? null : new PaymentRules.Share(a.accountNumber(), a.amount())).toList(),
                    r.amount(), config.maximumPayment());
        } catch (PaymentRuleViolation v) {
            return new Outcome(refused(v.kind(), v.code(), v.field(), v.getMessage()), null);
        }
        Tokenizing tokenizing = tokenizeAllowed(bid, r, r.channel(), config);
        if (tokenizing.refusal() != null) {
            return new Outcome(tokenizing.refusal(), null);
        }
        PaymentGateway.Tokenized method = tokenizing.method();
        UUID guid = UUID.randomUUID();
        List<PaymentAllocation> allocations = new java.util.ArrayList<>();
        java.math.BigDecimal fee = java.math.BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < r.allocations().size(); i++) {
            PaymentRequest.Allocation a = r.allocations().get(i);
            String account = a.accountNumber().strip();
            String at = "allocations[" + i + "]";
            PaymentRules.Decision decision;
            try {
                decision = quote(bid, account, blankToNull(a.invoiceNumber()), a.amount(), method.method(), null,
                        given(refreshed, account));
            } catch (PaymentRuleViolation v) {
                String field = v.field() == null ? at : v.field().startsWith(at) ? v.field() : at + "." + v.field();
                return new Outcome(refused(v.kind(), v.code(), field, "account " + account + ": " + v.getMessage()), null);
            }
            fee = fee.max(decision.fee());
            allocations.add(new PaymentAllocation(i + 1, PaymentAllocation.guidOf(guid, i + 1), account,
                    decision.invoice().invoiceNumber(), a.amount()));
        }
        if (ReviewedFee.changed(r.reviewedFee(), fee)) {
            java.math.BigDecimal now = fee;
            return new Outcome(new PaymentOutcome.Refused(Kind.CONFLICT, PaymentOutcome.Refused.FEE_CHANGED, "fee",
                    "the convenience fee is now " + now.setScale(2).toPlainString() + ", not the "
                    + r.reviewedFee().setScale(2).toPlainString() + " shown before; nothing was charged, review the payment again",
                    Map.of("fee", now)), null);
        }
        java.math.BigDecimal paymentFee = fee;
        long id = tx.execute(s -> {
            long inserted = payments.insert(guid, bid, List.copyOf(allocations), r.channel(), method.method(), r.amount(), paymentFee,
                    method.brand(), method.last4(), method.token(), blankToNull(r.payerEmail()), blankToNull(r.kioskId()), key,
                    r.takenBy());
            keys.attach(bid, key, claim, inserted);
            return inserted;
        });
        PaymentAllocation first = allocations.get(0);
        try {
            return new Outcome(charge(bid, guid, id, r.channel(), method, r.amount(), paymentFee, first.accountNumber(),
                    first.invoiceNumber()), id);
        } catch (RuntimeException e) {
            throw new PaymentRecordedException(guid.toString(), e);
        }
    }

    private PaymentOutcome charge(long bid, UUID guid, long id, Channel channel, PaymentGateway.Tokenized method,
            java.math.BigDecimal amount, java.math.BigDecimal fee, String accountNumber, String invoiceNumber) {
        PaymentStatus status;
        String approval = null;
        String message;
        try {
            PaymentGateway.Result result = gateway.charge(bid, guid, method.token(), amount.add(fee));
            status = result.outcome().status();
            approval = result.approvalCode();
            message = result.message();
            transitions.move(id, PaymentStatus.INITIATED, status, approval, result.reference(), message);
        } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException e) {
            status = PaymentStatus.UNKNOWN;
            message = "the processor did not answer in time; the outcome will be confirmed shortly";
            transitions.move(id, PaymentStatus.INITIATED, PaymentStatus.UNKNOWN, null, null, message);
            log.warn("payment {} for biller {}: processor timeout, left for the repair job", guid, bid);
        }
        return new PaymentOutcome.Taken(guid, status, approval, amount, fee, method.method(), method.last4(), channel,
                accountNumber, invoiceNumber, message);
    }

    /**
     * Stores the answer of the key this payment was submitted under, if its submission could not; the
     * repair job calls this for each payment it settles, so the client's retry stops hearing "being processed".
     *
     * @return whether an answer was stored now
     */
    public boolean finishKey(Payment p) {
        PaymentOutcome.Records.Written record = records.write(PaymentOutcome.Taken.of(p));
        return keys.finishForPayment(p.id(), record.statusCode(), record.json());
    }

    /**
     * Asks the processor what became of a payment still without its outcome (its process died between the charge and
     * recording it) and, when the processor knows, records that outcome as any outcome is told: the key's answer, then
     * the listeners (receipt, CIS posting). The repair job does this for every such payment; the autopay run does it
     * for its own attempts, so that a bill it settles is never approved in the run while its payment waits for the job.
     *
     * @return the payment as it stands now, or empty when the processor has no record of it
     */
    public Optional<Payment> settleFromProcessor(Payment p) {
        if (p.status().isFinalOutcome()) {
            return Optional.of(p);
        }
        Optional<PaymentGateway.Result> known = gateway.lookup(p.bid(), p.guid());
        if (known.isEmpty()) {
            return Optional.empty();
        }
        PaymentGateway.Result r = known.get();
        settleAs(p, r.outcome().status(), r.approvalCode(), r.reference(), "repaired: " + r.message());
        return payments.byId(p.id());
    }

    /**
     * Records an outcome learnt after the fact and tells it: the key's answer, then the listeners.
     *
     * @return false when the payment was no longer in its status (another node settled it first)
     */
    public boolean settleAs(Payment p, PaymentStatus to, String approvalCode, String reference, String message) {
        Optional<Payment> moved = transitions.move(p.id(), p.status(), to, approvalCode, reference, message);
        if (moved.isEmpty()) {
            return false;
        }
        finishKey(moved.get());
        notifyListeners(moved.get());
        return true;
    }

    /** Something broke after the payment was recorded; the repair job settles its outcome with the processor. */
    public static class PaymentRecordedException extends org.ratepayer.shared.web.Refusal {
        private static final long serialVersionUID = 1L;

        PaymentRecordedException(String guid, Throwable cause) {
            super(Kind.UNAVAILABLE, "payment-pending", "Payment outcome pending", null, null,
                    "payment " + guid + " was recorded but its outcome could not be stored; it will be repaired", cause);
        }

        @Override
        public String detail() {
            return "the payment was recorded but its outcome could not be stored; retry with the same Idempotency-Key to see it";
        }
    }

    /**
     * What paying {@code amount} by {@code method} on this account would mean under the biller's rules
     * (which invoice, what fee), with the live balance; the payment page shows this before the payer confirms.
     *
     * @throws PaymentRuleViolation when the rules do not allow it
     */
    public PaymentRules.Decision quote(long bid, String accountNumber, String invoiceNumber, java.math.BigDecimal amount,
            Method method) {
        return quote(bid, accountNumber, invoiceNumber, amount, method, null);
    }

    /**
     * Like {@link #quote(long, String, String, java.math.BigDecimal, Method)}, with the invoice's amounts as a
     * partner stated them (Pay Now): they replace the stored invoice's, and its balance replaces the live one.
     * The account's block flags and the biller's rules still apply.
     */
    public PaymentRules.Decision quote(long bid, String accountNumber, String invoiceNumber, java.math.BigDecimal amount,
            Method method, StatedInvoice stated) {
        return quote(bid, accountNumber, invoiceNumber, amount, method, stated, null);
    }

    /** A balance the caller refreshed for this account, unless it is a fallback (then null: refresh again). */
    private static BalanceView given(Map<String, BalanceView> refreshed, String accountNumber) {
        BalanceView v = accountNumber == null ? null : refreshed.get(accountNumber.strip());
        return v == null || "fallback".equals(v.source()) || !v.accountNumber().equals(accountNumber.strip()) ? null : v;
    }

    private PaymentRules.Decision quote(long bid, String accountNumber, String invoiceNumber, java.math.BigDecimal amount,
            Method method, StatedInvoice stated, BalanceView known) {
        BalanceView balance = PaymentRules.checkAccount(known != null ? Optional.of(known) : balances.balance(bid, accountNumber), bid,
                accountNumber);
        List<InvoiceQueries.Invoice> list = invoices.invoices(bid, accountNumber);
        BillerConfig config = billers.cachedConfig(bid);
        int type = list.isEmpty() || list.get(0).invoiceTypeId() == null ? billers.defaultInvoiceType(bid) : list.get(0).invoiceTypeId();
        List<PaymentRules.PayableInvoice> payable = list.stream().map(PaymentService::payable)
                .map(p -> stated != null && p.invoiceNumber().equals(invoiceNumber) ? stated.over(p) : p).toList();
        java.math.BigDecimal balanceDue = stated != null && stated.balanceDue() != null ? stated.balanceDue() : balance.balanceDue();
        return PaymentRules.decide(new PaymentRules.Attempt(
                payable, invoiceNumber, amount, method,
                balanceDue, balance.blockAch(), balance.blockCc(),
                config.option(ConfigCatalogue.OPT_BALANCE_FORWARD_BLOCK, type).map(Boolean::parseBoolean).orElse(false),
                config.option(ConfigCatalogue.OPT_PAYABLE_INVOICE_ORDER, type).orElse(null), config.today(clock),
                config.maximumPayment(), balance.prepaid() != null));
    }

    /**
     * How this biller's pages take new card and bank details (setting 1019, docs/hosted-fields.md): DIRECT only when
     * chosen and its processor takes card numbers from servers; otherwise its processor's hosted fields, or none at all
     * when the processor cannot show them for this biller.
     */
    public org.ratepayer.payments.checkout.CardEntry cardEntry(long bid) {
        String chosen = billers.cachedConfig(bid).setting(ConfigCatalogue.SET_CARD_ENTRY).orElse(null);
        if (org.ratepayer.payments.checkout.CardEntry.direct(chosen, gateway.acceptsCardNumbers(bid))) {
            return org.ratepayer.payments.checkout.CardEntry.DIRECT;
        }
        try {
            return org.ratepayer.payments.checkout.CardEntry.hostedBy(gateway.hostedFields(bid));
        } catch (org.ratepayer.payments.gateway.MethodNotAcceptedException e) {
            return org.ratepayer.payments.checkout.CardEntry.UNAVAILABLE;
        }
    }

    /** Checks and tokenizes a card or bank account for the payment page's review step; the token is this biller's only. */
    public PaymentGateway.Tokenized tokenize(long bid, org.ratepayer.payments.gateway.CardDetails card,
            org.ratepayer.payments.gateway.BankDetails bank) {
        return tokenize(bid, new PaymentRequest(null, null, null, null, card, bank, null, null, null));
    }

    /**
     * Checks and tokenizes exactly one of a card, a bank account or a known method token, for a method
     * kept to pay with later (autopay, scheduled payments).
     *
     * @throws InvalidPaymentMethodException naming the field when none, several, or an invalid one is given, or a
     *                                       token this biller does not have
     */
    public PaymentGateway.Tokenized tokenizeOne(long bid, org.ratepayer.payments.gateway.CardDetails card,
            org.ratepayer.payments.gateway.BankDetails bank, String methodToken) {
        return tokenizeOne(bid, card, bank, methodToken, null, null);
    }

    /** The request's method, tokenized, or why not: exactly one of {@code method} and {@code refusal} is set. */
    private record Tokenizing(PaymentGateway.Tokenized method, PaymentOutcome.Refused refusal) {
    }

    /**
     * The one method the request names, once its channel may use it (a saved method is refused where option 74 says
     * so), tokenized at the processor: the same step for a payment of one account and one of several.
     */
    private Tokenizing tokenizeAllowed(long bid, PaymentRequest r, Channel channel, BillerConfig config) {
        try {
            PaymentRules.checkSavedMethod(channel, r.methodToken() != null, config.enabled(ConfigCatalogue.OPT_MULTIPLE_CUSTOMER_LOGIN));
        } catch (PaymentRuleViolation v) {
            return new Tokenizing(null, refused(v.kind(), v.code(), v.field(), v.getMessage()));
        }
        try {
            return new Tokenizing(tokenize(bid, r, channel), null);
        } catch (InvalidPaymentMethodException e) {
            return new Tokenizing(null, refused(e.kind(), e.code(), e.field(), e.getMessage()));
        }
    }

    private PaymentGateway.Tokenized tokenize(long bid, PaymentRequest r) {
        return tokenize(bid, r, null);
    }

    /**
     * Like {@link #tokenizeOne(long, org.ratepayer.payments.gateway.CardDetails, org.ratepayer.payments.gateway.BankDetails,
     * String)}, for a method given on {@code channel} for {@code accountNumber}: a bank account is filed with the SEC code of
     * that channel and the account's customer name (the staff desk's autopay enrolment by phone: TEL).
     */
    public PaymentGateway.Tokenized tokenizeOne(long bid, org.ratepayer.payments.gateway.CardDetails card,
            org.ratepayer.payments.gateway.BankDetails bank, String methodToken, Channel channel, String accountNumber) {
        int given = (card != null ? 1 : 0) + (bank != null ? 1 : 0) + (methodToken != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidPaymentMethodException("card", "send exactly one of card, bank or methodToken");
        }
        return tokenize(bid, new PaymentRequest(null, accountNumber, null, null, card, bank, methodToken, null, null), channel);
    }

    /**
     * The name a bank debit is filed under (docs/processors.md, "eCheck.Net: SEC code and name"): the customer name on the
     * bill of the account paid (the first account of a payment of several); null when there is no account or no name.
     */
    private String nameOnAccount(long bid, PaymentRequest r) {
        String account = r.accountNumber() != null && !r.accountNumber().isBlank() ? r.accountNumber()
                : r.allocated() && !r.allocations().isEmpty() && r.allocations().get(0) != null ? r.allocations().get(0).accountNumber() : null;
        if (account == null || account.isBlank()) {
            return null;
        }
        try {
            return invoices.account(bid, account.strip()).map(InvoiceQueries.Account::customerName).map(PaymentService::blankToNull)
                    .orElse(null);
        } catch (RuntimeException e) {
            // the name is a courtesy to the member's bank: never a reason to refuse the payment
            log.warn("biller {}: no customer name for the bank debit of account {}", bid, account, e);
            return null;
        }
    }

    private PaymentGateway.Tokenized tokenize(long bid, PaymentRequest r, Channel channel) {
        if (r.card() != null && !gateway.acceptsCardNumbers(bid)) {
            // Refused before the number goes anywhere: sent on, it would put the biller's servers in PCI DSS scope
            // (SAQ D instead of SAQ A) and Stripe refuses raw numbers from servers anyway (docs/processors.md).
            throw new org.ratepayer.payments.gateway.MethodNotAcceptedException("card",
                    org.ratepayer.payments.gateway.MethodNotAcceptedException.CARD_NUMBERS);
        }
        try {
            // a processor that tokenizes over the network (Authorize.Net's payment profiles) may not answer: nothing charged
            if (r.card() != null) {
                return gateway.tokenizeCard(bid, PaymentMethodChecks.card(r.card(), YearMonth.now(clock)), r.card());
            }
            if (r.bank() != null) {
                return gateway.tokenizeBank(bid, PaymentMethodChecks.bank(r.bank()), channel, nameOnAccount(bid, r));
            }
        } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException e) {
            throw new ProcessorUnavailableException(e);
        }
        Optional<PaymentGateway.Tokenized> known;
        try {
            known = gateway.known(bid, r.methodToken());
        } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException e) {
            // a processor asked over the network (Stripe) may not answer; nothing is recorded or charged yet
            throw new ProcessorUnavailableException(e);
        }
        return known.orElseThrow(() -> new InvalidPaymentMethodException("methodToken", "unknown or expired payment method token"));
    }

    /**
     * The method as it is kept to be charged again (a wallet, autopay, a scheduled payment): what the processor needs done
     * first, such as Stripe's Customer ({@link PaymentGateway#forReuse}).
     *
     * @throws InvalidPaymentMethodException when the processor will not keep it (enter it again)
     */
    public PaymentGateway.Tokenized keepForReuse(long bid, PaymentGateway.Tokenized method) {
        try {
            return gateway.forReuse(bid, method);
        } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException e) {
            throw new ProcessorUnavailableException(e);
        }
    }

    /** The processor did not answer a question asked before any payment was recorded: nothing was charged, try again. */
    static final class ProcessorUnavailableException extends org.ratepayer.shared.web.Refusal {
        private static final long serialVersionUID = 1L;

        ProcessorUnavailableException(Throwable cause) {
            super(Kind.UNAVAILABLE, "processor-unavailable", "Payment processor unavailable", "processor_unavailable", null,
                    "the payment processor did not answer; nothing was charged: try again", cause);
        }
    }

    private static PaymentRules.PayableInvoice payable(InvoiceQueries.Invoice i) {
        return new PaymentRules.PayableInvoice(i.invoiceNumber(), i.status(), i.invoiceDate(), i.totalAmountDue(),
                i.allowPartialPayments(), i.paymentExpirationDate(), i.paymentExpirationMessage(), i.ccServiceFee(),
                i.achServiceFee());
    }

    private PaymentOutcome replay(long bid, String key, String fingerprint) {
        IdempotencyKeys.Stored stored = keys.find(bid, key).orElse(null);
        if (stored == null) {
            return refused(Kind.CONFLICT, PaymentOutcome.Refused.KEY_IN_USE, "Idempotency-Key", "a request with this key is being processed; retry shortly");
        }
        if (!stored.requestSha256().equals(fingerprint)) {
            return refused(Kind.NOT_ALLOWED, "idempotency_key_reused", "Idempotency-Key",
                    "this key was used for a different payment request; use a new key for a new payment");
        }
        if (!stored.finished()) {
            // A payment past INITIATED has its outcome (or is UNKNOWN, as its own answer says) even when the request
            // that made it could not store the answer; INITIATED may still be at the processor.
            Payment p = stored.paymentId() == null ? null : payments.byId(stored.paymentId()).orElse(null);
            if (p == null || p.status() == PaymentStatus.INITIATED) {
                return refused(Kind.CONFLICT, PaymentOutcome.Refused.KEY_IN_USE, "Idempotency-Key",
                        "a request with this key is being processed; retry shortly");
            }
            if (finishKey(p) && p.status().isFinalOutcome()) {
                notifyListeners(p);
            }
            return PaymentOutcome.Taken.of(p);
        }
        return records.read(stored.statusCode(), stored.response());
    }

    /** What makes two submissions "the same request", without the card or bank number (only its last four). */
    static String fingerprint(PaymentRequest r) {
        String method = r.card() != null ? "card:" + last4(r.card().number()) + ":" + r.card().expMonth() + "/" + r.card().expYear()
                : r.bank() != null ? "bank:" + r.bank().routingNumber() + ":" + last4(r.bank().accountNumber())
                : "token:" + r.methodToken();
        String canonical = String.join("|", String.valueOf(r.channel()), String.valueOf(r.accountNumber()),
                String.valueOf(r.invoiceNumber()), r.amount() == null ? "" : amountText(r.amount()),
                method, String.valueOf(r.kioskId()), String.valueOf(r.payerEmail()))
                // only where a fee was reviewed, so that every other request keeps the fingerprint it always had
                + (r.reviewedFee() == null ? "" : "|fee:" + amountText(r.reviewedFee()))
                // likewise only for a payment of several accounts
                + (r.allocated() ? "|allocations:" + r.allocations().stream().map(a -> a == null ? "null"
                        : a.accountNumber() + ":" + a.invoiceNumber() + ":" + (a.amount() == null ? "" : amountText(a.amount())))
                        .collect(java.util.stream.Collectors.joining(",")) : "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The amount as plain digits, as fingerprints have always written it; only an absurd exponent, which the
     * rules refuse anyway, is written in E notation, since 1E+999999999 in plain digits would take a gigabyte.
     */
    static String amountText(java.math.BigDecimal amount) {
        java.math.BigDecimal a = amount.stripTrailingZeros();
        return a.scale() > 30 || a.scale() < -30 ? a.toString() : a.toPlainString();
    }

    private static String last4(String number) {
        String digits = number == null ? "" : number.replaceAll("\\D", "");
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static PaymentOutcome.Refused refused(Kind kind, String code, String field, String detail) {
        return new PaymentOutcome.Refused(kind, code, field, detail);
    }

    public void notifyListeners(Payment payment) {
        for (PaymentListener l : listeners) {
            try {
                l.paymentFinished(payment);
            } catch (RuntimeException e) {
                log.error("payment {}: listener {} failed; the payment itself stands", payment.guid(), l.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * A page of the biller's payments, newest first (docs/api.md, "Listing payments"). The filter's days are the
     * biller's: {@code from} from its midnight, {@code to} up to the next midnight.
     *
     * @param page from 1; {@code size} from 1 to {@link PaymentList#MAX_SIZE}
     */
    public PaymentList.PaymentPage list(long bid, PaymentList.Filter filter, int page, int size) {
        if (page < 1 || size < 1 || size > PaymentList.MAX_SIZE) {
            throw new IllegalArgumentException("page " + page + " of size " + size);
        }
        java.time.ZoneId zone = billers.cachedConfig(bid).timeZone();
        return payments.list(bid, blankToNull(filter.account()), filter.channel(), filter.status(),
                filter.from() == null ? null : filter.from().atStartOfDay(zone).toOffsetDateTime(),
                filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime(), page, size);
    }

    /** Which staff user took each of these payments of the biller (channel CSRWEB); the others are not in the map. */
    public java.util.Map<UUID, String> takenBy(long bid, java.util.Collection<UUID> guids) {
        return payments.takenBy(bid, guids);
    }

    public Optional<Payment> find(long bid, UUID guid) {
        return payments.find(bid, guid);
    }

    /**
     * The payment submitted under an idempotency key, if one was recorded: the autopay run settles an attempt a crash
     * interrupted by this, rather than by submitting it again (docs/autopay.md).
     */
    public Optional<Payment> findByIdempotencyKey(long bid, String idempotencyKey) {
        return keys.find(bid, idempotencyKey).map(IdempotencyKeys.Stored::paymentId).flatMap(payments::byId);
    }
}
