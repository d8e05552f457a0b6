package org.ratepayer.payments.internal.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PayoutListParams;
import com.stripe.param.RefundCreateParams;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.MethodNotAcceptedException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stripe adapter (docs/processors.md): each biller is its own Stripe account, called with its own secret key (setting
 * 1018) through an instance of {@link StripeClient}, never the SDK's static settings, so two billers' calls never share a
 * key. A charge is a PaymentIntent created and confirmed in one call, with the payment GUID as its idempotency key and in
 * its metadata; the repair job finds it again by that metadata. Card numbers never come here: Stripe takes them only in
 * its own hosted fields, so this adapter answers {@link #acceptsCardNumbers()} false and only charges {@code pm_} tokens.
 */
public final class StripeGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    static final String GUID_KEY = "payment_guid";
    static final String BILLER_KEY = "biller";

    /** The biller's Stripe secret key, if it has set one. */
    public interface Keys {
        Optional<String> secretKey(long bid);
    }

    /** The PaymentIntent id Ratepayer recorded for a charge (its reference), if it has one: no search needed then. */
    public interface References {
        Optional<String> paymentIntent(long bid, UUID paymentGuid);
    }

    /** The payment whose charge is this PaymentIntent (its recorded reference), if Ratepayer made it. */
    public interface Guids {
        Optional<UUID> paymentOf(long bid, String paymentIntent);
    }

    private final StripeProperties props;
    private final Keys keys;
    private final References references;
    private final Guids guids;

    /** The biller's Stripe publishable key (setting 1020), if it has set one: public, handed to payers' browsers. */
    public interface PublishableKeys {
        Optional<String> publishableKey(long bid);
    }

    private final PublishableKeys publishableKeys;

    public StripeGateway(StripeProperties props, Keys keys, References references, Guids guids) {
        this(props, keys, references, guids, bid -> Optional.empty());
    }

    public StripeGateway(StripeProperties props, Keys keys, References references, Guids guids, PublishableKeys publishableKeys) {
        this.publishableKeys = publishableKeys;
        this.props = props;
        this.keys = keys;
        this.references = references;
        this.guids = guids;
    }

    @Override
    public boolean acceptsCardNumbers() {
        return false;
    }

    /**
     * Stripe.js and its Card Element, with the biller's publishable key; the sources are the ones Stripe's security guide
     * lists for Stripe.js and Elements (docs/hosted-fields.md). Cards only: a US bank account needs Stripe's own mandate
     * page and ACH webhooks first (see {@link #tokenizeBank}).
     *
     * @throws MethodNotAcceptedException when the biller has no publishable key (setting 1020): no fields can be shown
     */
    @Override
    public HostedFields hostedFields(long bid) {
        String key = publishableKeys.publishableKey(bid).orElseThrow(() -> new MethodNotAcceptedException("setting 1020",
                "the biller uses Stripe but has no Stripe publishable key (setting 1020), so no card fields can be shown"));
        return new HostedFields("stripe", "https://js.stripe.com/v3/", java.util.Map.of("publishableKey", key, "methods", "CARD"),
                List.of("https://js.stripe.com"), List.of("https://js.stripe.com", "https://hooks.stripe.com"),
                List.of("https://api.stripe.com"));
    }

    @Override
    public Tokenized tokenizeCard(long bid, PaymentMethodChecks.CheckedCard card, CardDetails details) {
        throw new MethodNotAcceptedException("card", MethodNotAcceptedException.CARD_NUMBERS);
    }

    /*
     * A US bank account on Stripe needs the payer's mandate (accepted in Stripe's own page) and a verified account, and its
     * charge stays "processing" for days (PENDING here, until the webhook tells: docs/ach.md): a bank account reaches Stripe
     * only through its hosted fields, never as numbers sent from a server (docs/processors.md).
     */
    @Override
    public Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank) {
        throw new MethodNotAcceptedException("bank", MethodNotAcceptedException.BANK_ACCOUNTS);
    }

    @Override
    public Result charge(long bid, UUID paymentGuid, String token, BigDecimal total) {
        long cents = cents(total);
        Optional<SavedToken> saved = SavedToken.parse(token);
        PaymentIntentCreateParams.Builder builder = PaymentIntentCreateParams.builder()
                .setAmount(cents)
                .setCurrency("usd")
                .setPaymentMethod(saved.map(SavedToken::paymentMethod).orElse(token))
                .setConfirm(true);
        // a saved method is charged as the merchant's own charge: no page here can run Stripe's authentication step, so an
        // issuer that insists on it declines (docs/processors.md, "Saved methods")
        saved.ifPresent(t -> builder.setCustomer(t.customer()).setOffSession(true));
        PaymentIntentCreateParams params = builder
                // the payer is not sent anywhere: a method that would need a redirect is declined, not left waiting
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true)
                        .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER).build())
                .putMetadata(GUID_KEY, paymentGuid.toString())
                .putMetadata(BILLER_KEY, Long.toString(bid))
                .addExpand("latest_charge")
                .build();
        try {
            PaymentIntent pi = client(bid).v1().paymentIntents().create(params, idempotent(paymentGuid));
            return result(pi);
        } catch (CardException e) {
            return declined(e.getStripeError(), e);
        } catch (StripeException e) {
            RuntimeException failure = unknownOrError(bid, "charge of payment " + paymentGuid, e);
            if (failure instanceof StripeRefusedException) {
                // not processed (a bad or revoked key, an unknown token, too many requests): nothing was taken
                return new Result(Outcome.ERROR, null, null, "Processor error: " + describe(e.getStripeError(), e));
            }
            throw failure;
        }
    }

    @Override
    public Optional<Tokenized> known(long bid, String token) {
        Optional<SavedToken> saved = SavedToken.parse(token);
        if (token == null || !token.startsWith("pm_") && saved.isEmpty()) {
            return Optional.empty();
        }
        try {
            PaymentMethod pm = client(bid).v1().paymentMethods().retrieve(saved.map(SavedToken::paymentMethod).orElse(token));
            if (saved.isPresent() && !saved.get().customer().equals(pm.getCustomer())) {
                // detached since, or a made-up pair: no longer a saved method of this biller's
                return Optional.empty();
            }
            if (!"card".equals(pm.getType()) || pm.getCard() == null) {
                // only cards for now (see tokenizeBank): a bank token would be charged into "processing"
                log.info("biller {}: Stripe payment method of type {} refused; only cards are taken", bid, pm.getType());
                return Optional.empty();
            }
            return Optional.of(new Tokenized(token, Method.CARD, brand(pm.getCard().getBrand()), pm.getCard().getLast4()));
        } catch (InvalidRequestException e) {
            // 404 resource_missing: not this biller's account's (another biller's key made it), or never made
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw unknownOrError(bid, "payment method look-up", e);
        } catch (StripeException e) {
            throw unknownOrError(bid, "payment method look-up", e);
        }
    }

    /*
     * A PaymentMethod made by Stripe's fields can be charged once; to be charged again it must belong to a Customer, and it
     * must be attached before its first charge. So saving makes a Customer for it (keyed by the PaymentMethod, so a retry
     * makes one) and attaches it; the kept token names both, "cus_…/pm_…" (docs/processors.md, "Saved methods").
     */
    @Override
    public Tokenized forReuse(long bid, Tokenized method) {
        if (SavedToken.parse(method.token()).isPresent()) {
            return method;
        }
        if (!method.token().startsWith("pm_")) {
            throw new InvalidPaymentMethodException("methodToken", "not a Stripe payment method");
        }
        try {
            StripeClient client = client(bid);
            Customer customer = client.v1().customers().create(CustomerCreateParams.builder()
                    .setDescription("Ratepayer saved payment method")
                    .putMetadata(BILLER_KEY, Long.toString(bid))
                    .build(), RequestOptions.builder().setIdempotencyKey("customer-for-" + method.token()).build());
            client.v1().paymentMethods().attach(method.token(), PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build(),
                    RequestOptions.builder().setIdempotencyKey("attach-" + method.token() + "-" + customer.getId()).build());
            return new Tokenized(new SavedToken(customer.getId(), method.token()).text(), method.method(), method.brand(), method.last4());
        } catch (CardException e) {
            // Stripe checks the card when it is attached: a card it refuses is not saved
            throw new InvalidPaymentMethodException("methodToken", describe(e.getStripeError(), e));
        } catch (InvalidRequestException e) {
            // used already without a Customer, or another account's: it cannot be saved, only entered again
            log.info("biller {}: Stripe payment method {} cannot be saved: {}", bid, method.token(), describe(e.getStripeError(), e));
            throw new InvalidPaymentMethodException("methodToken", "this payment method cannot be saved; enter it again");
        } catch (StripeException e) {
            throw unknownOrError(bid, "saving payment method " + method.token(), e);
        }
    }

    /** A saved method's token: the Customer and its attached PaymentMethod. */
    record SavedToken(String customer, String paymentMethod) {

        static Optional<SavedToken> parse(String token) {
            int slash = token == null ? -1 : token.indexOf('/');
            if (slash < 0 || !token.startsWith("cus_") || !token.startsWith("pm_", slash + 1)) {
                return Optional.empty();
            }
            return Optional.of(new SavedToken(token.substring(0, slash), token.substring(slash + 1)));
        }

        String text() {
            return customer + "/" + paymentMethod;
        }
    }

    /*
     * The search API finds a PaymentIntent by its metadata, the only thing known when the answer to the charge was lost.
     * Stripe indexes for search with a delay (usually under a minute, longer in an outage); the repair job waits
     * PaymentRepairJob.SETTLE_AFTER before it asks and keeps asking until GIVE_UP_AFTER (docs/processors.md).
     */
    @Override
    public Optional<Result> lookup(long bid, UUID paymentGuid) {
        try {
            return find(bid, paymentGuid).flatMap(StripeGateway::settled);
        } catch (StripeException e) {
            throw unknownOrError(bid, "look-up of payment " + paymentGuid, e);
        }
    }

    private Optional<PaymentIntent> find(long bid, UUID paymentGuid) throws StripeException {
        PaymentIntentSearchParams params = PaymentIntentSearchParams.builder()
                .setQuery("metadata['" + GUID_KEY + "']:'" + paymentGuid + "'")
                .addExpand("data.latest_charge")
                .build();
        List<PaymentIntent> found = client(bid).v1().paymentIntents().search(params).getData();
        return found == null ? Optional.empty() : found.stream().findFirst();
    }

    @Override
    public Result refund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount) {
        long cents = cents(amount);
        try {
            Optional<String> pi = paymentIntent(bid, paymentGuid);
            if (pi.isEmpty()) {
                return new Result(Outcome.DECLINED, null, null, "Stripe has no charge for payment " + paymentGuid);
            }
            RefundCreateParams params = RefundCreateParams.builder()
                    .setPaymentIntent(pi.get())
                    .setAmount(cents)
                    .putMetadata(GUID_KEY, paymentGuid.toString())
                    .putMetadata("refund_id", refundId.toString())
                    .putMetadata(BILLER_KEY, Long.toString(bid))
                    .build();
            Refund r = client(bid).v1().refunds().create(params, idempotent(refundId));
            String status = r.getStatus() == null ? "" : r.getStatus();
            return switch (status) {
                case "succeeded", "pending", "requires_action" -> new Result(Outcome.APPROVED, r.getId(), r.getId(), "Refund " + status);
                default -> new Result(Outcome.DECLINED, null, r.getId(), "Refund " + status
                        + (r.getFailureReason() == null ? "" : ": " + r.getFailureReason()));
            };
        } catch (CardException e) {
            return declined(e.getStripeError(), e);
        } catch (InvalidRequestException e) {
            // above what is left (amount_too_large), already refunded: Stripe took nothing back
            if (e.getStatusCode() != null && e.getStatusCode() == 400) {
                return new Result(Outcome.DECLINED, null, null, "Refund refused: " + describe(e.getStripeError(), e));
            }
            throw unknownOrError(bid, "refund " + refundId, e);
        } catch (StripeException e) {
            throw unknownOrError(bid, "refund " + refundId, e);
        }
    }

    /*
     * Ratepayer charges with automatic capture, so a card charge is captured as it is approved: Stripe can cancel a
     * PaymentIntent only before that (requires_capture and earlier). A void here therefore succeeds only for a charge still
     * uncaptured; any other is "settled", to be refunded instead (docs/processors.md, "Void").
     */
    @Override
    public Result voidCharge(long bid, UUID paymentGuid) {
        try {
            Optional<String> id = paymentIntent(bid, paymentGuid);
            if (id.isEmpty()) {
                return new Result(Outcome.DECLINED, null, null, "Stripe has no charge for payment " + paymentGuid);
            }
            PaymentIntent pi = client(bid).v1().paymentIntents().retrieve(id.get());
            if (!"requires_capture".equals(pi.getStatus())) {
                return new Result(Outcome.DECLINED, null, pi.getId(), "settled: refund instead");
            }
            PaymentIntent cancelled = client(bid).v1().paymentIntents().cancel(pi.getId(),
                    RequestOptions.builder().setIdempotencyKey("void-" + paymentGuid).build());
            return "canceled".equals(cancelled.getStatus())
                    ? new Result(Outcome.APPROVED, cancelled.getId(), cancelled.getId(), "Voided")
                    : new Result(Outcome.DECLINED, null, cancelled.getId(), "not voided: " + cancelled.getStatus());
        } catch (StripeException e) {
            throw unknownOrError(bid, "void of payment " + paymentGuid, e);
        }
    }

    /*
     * What Stripe funded on a day: the payouts that arrived that day (Stripe's arrival_date, a UTC calendar date) and the
     * charges each one carried, from its balance transactions. A charge's PaymentIntent is the reference Ratepayer
     * recorded, which names the payment; one Ratepayer has no record of keeps a stable id made from the PaymentIntent,
     * so a rerun names it the same (docs/processors.md, "Settlement").
     */
    @Override
    public List<Settlement> settled(long bid, LocalDate day) {
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        try {
            StripeClient client = client(bid);
            List<Settlement> out = new ArrayList<>();
            String afterPayout = null;
            do {
                PayoutListParams.Builder payouts = PayoutListParams.builder().setStatus("paid").setLimit(100L)
                        .setArrivalDate(PayoutListParams.ArrivalDate.builder().setGte(from).setLt(to).build());
                StripeCollection<Payout> page = client.v1().payouts().list(
                        afterPayout == null ? payouts.build() : payouts.setStartingAfter(afterPayout).build());
                for (Payout payout : page.getData()) {
                    charges(client, bid, payout.getId(), out);
                    afterPayout = payout.getId();
                }
                afterPayout = Boolean.TRUE.equals(page.getHasMore()) ? afterPayout : null;
            } while (afterPayout != null);
            return out;
        } catch (StripeException e) {
            throw unknownOrError(bid, "settlement of " + day, e);
        }
    }

    private void charges(StripeClient client, long bid, String payout, List<Settlement> out) throws StripeException {
        String after = null;
        do {
            BalanceTransactionListParams.Builder params = BalanceTransactionListParams.builder().setPayout(payout).setType("charge")
                    .setLimit(100L).addExpand("data.source");
            StripeCollection<BalanceTransaction> page = client.v1().balanceTransactions().list(
                    after == null ? params.build() : params.setStartingAfter(after).build());
            for (BalanceTransaction bt : page.getData()) {
                String pi = bt.getSourceObject() instanceof Charge charge ? charge.getPaymentIntent() : null;
                String reference = pi != null ? pi : bt.getSource();
                UUID guid = guids.paymentOf(bid, reference)
                        .orElseGet(() -> UUID.nameUUIDFromBytes(reference.getBytes(StandardCharsets.UTF_8)));
                out.add(new Settlement(guid, BigDecimal.valueOf(bt.getAmount()).movePointLeft(2), reference));
                after = bt.getId();
            }
            after = Boolean.TRUE.equals(page.getHasMore()) ? after : null;
        } while (after != null);
    }

    private Optional<String> paymentIntent(long bid, UUID paymentGuid) throws StripeException {
        Optional<String> recorded = references.paymentIntent(bid, paymentGuid).filter(r -> r.startsWith("pi_"));
        return recorded.isPresent() ? recorded : find(bid, paymentGuid).map(PaymentIntent::getId);
    }

    /** Dollars to cents, exactly: a fraction of a cent is a bug upstream, never rounded away here. */
    static long cents(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a Stripe amount must be more than zero");
        }
        try {
            return amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a Stripe amount is whole cents; " + amount.toPlainString() + " is not", e);
        }
    }

    private static RequestOptions idempotent(UUID key) {
        return RequestOptions.builder().setIdempotencyKey(key.toString()).build();
    }

    private StripeClient client(long bid) {
        String key = keys.secretKey(bid).orElseThrow(() -> new IllegalStateException(
                "biller " + bid + " uses Stripe (setting 1017) but has no Stripe secret key (setting 1018)"));
        return StripeClient.builder()
                .setApiKey(key)
                .setApiBase(props.apiBase())
                .setConnectTimeout(Math.toIntExact(props.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(props.readTimeout().toMillis()))
                .setMaxNetworkRetries(props.maxNetworkRetries())
                .build();
    }

    /** A PaymentIntent's outcome as the charge or the repair job reports it. */
    static Result result(PaymentIntent pi) {
        return settled(pi).orElseGet(() -> new Result(Outcome.DECLINED, null, pi.getId(), "Declined: " + pi.getStatus()));
    }

    /** The outcome when the PaymentIntent has one; empty while it is still being confirmed. */
    private static Optional<Result> settled(PaymentIntent pi) {
        String status = pi.getStatus() == null ? "" : pi.getStatus();
        return switch (status) {
            case "succeeded", "requires_capture" -> Optional.of(new Result(Outcome.APPROVED, approvalCode(pi), pi.getId(), "Approved"));
            // a bank debit in flight (us_bank_account): PENDING until Stripe's webhook confirms or fails it (docs/ach.md)
            case "processing" -> Optional.of(new Result(Outcome.PENDING, approvalCode(pi), pi.getId(),
                    "Pending: the bank payment is being processed"));
            case "requires_payment_method", "canceled" -> Optional.of(declined(pi));
            case "requires_action" -> Optional.of(new Result(Outcome.DECLINED, null, pi.getId(),
                    "Declined: the card asks for the payer's authentication, which a charge from the platform cannot give"));
            default -> Optional.empty();
        };
    }

    private static Result declined(PaymentIntent pi) {
        StripeError error = pi.getLastPaymentError();
        return new Result(Outcome.DECLINED, null, pi.getId(), error == null ? "Declined: " + pi.getStatus() : "Declined: " + describe(error, null));
    }

    private static Result declined(StripeError error, StripeException e) {
        String reference = error != null && error.getPaymentIntent() != null ? error.getPaymentIntent().getId() : null;
        return new Result(Outcome.DECLINED, null, reference, "Declined: " + describe(error, e));
    }

    /** {@code card_declined (insufficient_funds): Your card has insufficient funds.}; never a card number (Stripe sends none). */
    private static String describe(StripeError error, StripeException e) {
        if (error == null) {
            return e == null ? "" : String.valueOf(e.getCode());
        }
        StringBuilder b = new StringBuilder(error.getCode() == null ? "declined" : error.getCode());
        if (error.getDeclineCode() != null) {
            b.append(" (").append(error.getDeclineCode()).append(')');
        }
        if (error.getMessage() != null) {
            b.append(": ").append(error.getMessage());
        }
        return b.toString();
    }

    private static String approvalCode(PaymentIntent pi) {
        Charge charge = pi.getLatestChargeObject();
        String code = charge == null ? null : charge.getAuthorizationCode();
        return code == null || code.isBlank() ? pi.getId() : code;
    }

    private static String brand(String stripeBrand) {
        if (stripeBrand == null) {
            return null;
        }
        return switch (stripeBrand.toLowerCase(Locale.ROOT)) {
            case "visa" -> "VISA";
            case "mastercard" -> "MASTERCARD";
            case "amex" -> "AMEX";
            case "discover" -> "DISCOVER";
            default -> stripeBrand.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * What a failed call means for the payment. No answer in time, or a 5xx (Stripe documents a 500's result as
     * indeterminate: the request may have been processed): the outcome is unknown and the repair job asks later.
     * Anything else (a refused key, a bad request, too many requests) was not processed: an error, nothing taken.
     */
    private RuntimeException unknownOrError(long bid, String what, StripeException e) {
        if (e instanceof ApiConnectionException) {
            Throwable cause = e.getCause();
            if (cause instanceof SocketTimeoutException) {
                log.warn("biller {}: Stripe did not answer the {} in time", bid, what);
                return new GatewayTimeoutException("Stripe did not answer in time");
            }
            log.warn("biller {}: Stripe could not be reached for the {}: {}", bid, what, e.getMessage());
            return new GatewayUnavailableException("Stripe could not be reached", e);
        }
        if (e instanceof ApiException || (e.getStatusCode() != null && e.getStatusCode() >= 500)) {
            log.warn("biller {}: Stripe answered {} to the {}: outcome unknown (request {})", bid, e.getStatusCode(), what, e.getRequestId());
            return new GatewayTimeoutException("Stripe answered " + e.getStatusCode() + ": outcome unknown");
        }
        log.error("biller {}: Stripe refused the {} ({} {}, request {})", bid, what, e.getStatusCode(), e.getCode(), e.getRequestId());
        return new StripeRefusedException("Stripe refused the " + what + ": " + e.getStatusCode() + " " + e.getCode(), e);
    }

    /** Stripe refused a call outright (4xx other than a card decline): nothing was processed. */
    public static final class StripeRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StripeRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
