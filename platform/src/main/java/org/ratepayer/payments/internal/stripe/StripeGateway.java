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
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PayoutListParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentRetrieveParams;
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
import org.ratepayer.payments.internal.RecordedCharges;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stripe adapter (docs/processors.md): each biller is its own Stripe account, called with its own secret key (setting
 * 1018) through an instance of {@link StripeClient}, never the SDK's static settings, so two billers' calls never share a
 * key. A charge is a PaymentIntent created and confirmed in one call, with the payment GUID as its idempotency key and in
 * its metadata; the repair job finds it again by that metadata. Card numbers never come here: Stripe takes them only in
 * its own hosted fields, so this adapter answers {@link #acceptsCardNumbers()} false and only charges {@code pm_} tokens.
 * Bank accounts come only as a SetupIntent set up in Stripe's own bank form ({@code seti_…}, or saved as
 * {@code cus_…/pm_…/mandate_…}) and are debited under that SetupIntent's mandate; the debit stays PENDING until Stripe's
 * webhook confirms or fails it (docs/processors.md, "Bank accounts at Stripe"; docs/ach.md).
 */
public final class StripeGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    static final String GUID_KEY = "payment_guid";
    static final String BILLER_KEY = "biller";

    /** The biller's Stripe secret key, if it has set one. */
    public interface Keys {
        Optional<String> secretKey(long bid);
    }

    private final StripeProperties props;
    private final Keys keys;
    private final RecordedCharges recorded;

    /** The biller's Stripe publishable key (setting 1020), if it has set one: public, handed to payers' browsers. */
    public interface PublishableKeys {
        Optional<String> publishableKey(long bid);
    }

    private final PublishableKeys publishableKeys;

    public StripeGateway(StripeProperties props, Keys keys, RecordedCharges recorded) {
        this(props, keys, recorded, bid -> Optional.empty());
    }

    public StripeGateway(StripeProperties props, Keys keys, RecordedCharges recorded, PublishableKeys publishableKeys) {
        this(props, keys, recorded, publishableKeys, bid -> Optional.empty());
    }

    /**
     * What a page needs to take a bank account in Stripe's own UI for this biller: the address of the platform's SetupIntent
     * endpoint (keyed by the biller's public GUID) and the authorization the payer agrees to (docs/processors.md,
     * "Bank accounts at Stripe"). Empty: the pages offer cards only.
     */
    public interface BankPages {
        Optional<BankPage> bankPage(long bid);
    }

    /** The SetupIntent endpoint's path on the platform and the authorization text shown above Stripe's bank form. */
    public record BankPage(String setupIntentPath, String authorization) {

        /**
         * The authorization shown above Stripe's bank form, in the words of the platform's autopay authorization
         * (payers' enrolments page), for a payment: Stripe requires the payer to see and accept a mandate before the account
         * is set up, and keeps the acceptance (time, address, browser) with the mandate it makes.
         */
        public static String authorization(String billerName) {
            return ("If you pay from a bank account: I authorize %s to debit the bank account I connect in the secure bank form"
                    + " for the amount shown when I pay and, if I save the account, for the payments I make with it later, through"
                    + " its payment processor Stripe. I can revoke the authorization of a saved account by removing it from my wallet"
                    + " or by contacting %s.").formatted(billerName, billerName);
        }
    }

    private final BankPages bankPages;

    public StripeGateway(StripeProperties props, Keys keys, RecordedCharges recorded, PublishableKeys publishableKeys,
            BankPages bankPages) {
        this.bankPages = bankPages;
        this.publishableKeys = publishableKeys;
        this.props = props;
        this.keys = keys;
        this.recorded = recorded;
    }

    @Override
    public boolean acceptsCardNumbers() {
        return false;
    }

    /**
     * Stripe.js with the biller's publishable key: the Card Element for cards and, where the biller has a bank page
     * ({@link BankPages}), Stripe's own bank account form (Financial Connections, with manual entry where Stripe offers it)
     * on a SetupIntent the platform makes for the page. The sources are the ones Stripe's security guide lists for Stripe.js
     * and Elements; Financial Connections' modal is a frame of js.stripe.com calling api.stripe.com, so it needs no other
     * (docs/hosted-fields.md).
     *
     * @throws MethodNotAcceptedException when the biller has no publishable key (setting 1020): no fields can be shown
     */
    @Override
    public HostedFields hostedFields(long bid) {
        String key = publishableKeys.publishableKey(bid).orElseThrow(() -> new MethodNotAcceptedException("setting 1020",
                "the biller uses Stripe but has no Stripe publishable key (setting 1020), so no card fields can be shown"));
        java.util.Map<String, String> config = new java.util.HashMap<>(java.util.Map.of("publishableKey", key, "methods", "CARD"));
        bankPages.bankPage(bid).ifPresent(page -> {
            config.put("methods", "CARD,ACH");
            config.put("setupIntentUrl", page.setupIntentPath());
            config.put("achAuthorization", page.authorization());
        });
        return new HostedFields("stripe", props.jsUrl(), java.util.Map.copyOf(config),
                List.of(props.jsOrigin()), List.of(props.jsOrigin(), "https://hooks.stripe.com"),
                List.of("https://api.stripe.com"));
    }

    /**
     * A SetupIntent for a bank account entered in Stripe's own form on one of this biller's pages (docs/processors.md, "Bank
     * accounts at Stripe"): {@code us_bank_account} only, {@code metadata[biller]} so that only this biller's token is
     * accepted later, and, for a method the payer saves, a Customer of its own and {@code usage=off_session}, so that the
     * PaymentMethod is attached to it at confirmation and its mandate covers later charges. Only the client secret goes to
     * the page; it is never logged.
     */
    public String bankSetupIntent(long bid, boolean reusable) {
        try {
            StripeClient client = client(bid);
            SetupIntentCreateParams.Builder params = SetupIntentCreateParams.builder()
                    .addPaymentMethodType("us_bank_account")
                    .putMetadata(BILLER_KEY, Long.toString(bid))
                    .setUsage(reusable ? SetupIntentCreateParams.Usage.OFF_SESSION : SetupIntentCreateParams.Usage.ON_SESSION);
            if (reusable) {
                Customer customer = client.v1().customers().create(CustomerCreateParams.builder()
                        .setDescription("Ratepayer saved payment method")
                        .putMetadata(BILLER_KEY, Long.toString(bid))
                        .build());
                params.setCustomer(customer.getId());
            }
            return client.v1().setupIntents().create(params.build()).getClientSecret();
        } catch (StripeException e) {
            throw unknownOrError(bid, "bank account set-up", e);
        }
    }

    @Override
    public Tokenized tokenizeCard(long bid, PaymentMethodChecks.CheckedCard card, CardDetails details) {
        throw new MethodNotAcceptedException("card", MethodNotAcceptedException.CARD_NUMBERS);
    }

    /*
     * Bank numbers sent from a server (IVR, kiosk, CSR desk) are refused: Stripe takes an account typed as routing and account
     * numbers only with microdeposit verification (two small deposits the payer reports back days later) and a mandate the
     * payer accepted online, neither of which a call from a server can give; instant verification is Financial Connections,
     * in Stripe's own page. So a bank account reaches Stripe only through the pages' hosted form (docs/processors.md).
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
                .setConfirm(true)
                .putMetadata(GUID_KEY, paymentGuid.toString())
                .putMetadata(BILLER_KEY, Long.toString(bid))
                .addExpand("latest_charge");
        boolean bank;
        try {
            Optional<BankMandate> mandate = token != null && token.startsWith("seti_") ? setUp(bid, token)
                    : saved.filter(t -> t.mandate() != null).map(t -> new BankMandate(t.customer(), t.paymentMethod(), t.mandate()));
            bank = mandate.isPresent() || token != null && token.startsWith("seti_");
            if (bank) {
                if (mandate.isEmpty()) {
                    return new Result(Outcome.ERROR, null, null, "Processor error: the bank account's set-up is not complete");
                }
                // a bank debit under the mandate the payer accepted in Stripe's form (the SetupIntent's): docs/processors.md
                BankMandate m = mandate.get();
                builder.addPaymentMethodType("us_bank_account").setPaymentMethod(m.paymentMethod()).setMandate(m.mandate());
                if (m.customer() != null) {
                    builder.setCustomer(m.customer());
                }
                if (saved.isPresent()) {
                    builder.setOffSession(true);
                }
            } else {
                builder.setPaymentMethod(saved.map(SavedToken::paymentMethod).orElse(token));
                // a saved method is charged as the merchant's own charge: no page here can run Stripe's authentication step, so an
                // issuer that insists on it declines (docs/processors.md, "Saved methods")
                saved.ifPresent(t -> builder.setCustomer(t.customer()).setOffSession(true));
                // the payer is not sent anywhere: a method that would need a redirect is declined, not left waiting
                builder.setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true)
                        .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER).build());
            }
            PaymentIntent pi = client(bid).v1().paymentIntents().create(builder.build(), idempotent(paymentGuid));
            if (bank && "requires_action".equals(pi.getStatus())) {
                return abandoned(bid, pi);
            }
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

    /** A bank debit's PaymentMethod, the mandate it runs under, and its Customer when it is a saved method. */
    private record BankMandate(String customer, String paymentMethod, String mandate) {
    }

    /**
     * The bank account a SetupIntent of this biller's set up, with its mandate; empty when the SetupIntent is another biller's
     * (or another account's: 404), not succeeded (microdeposits still to be verified), or not a bank account.
     */
    private Optional<BankMandate> setUp(long bid, String setupIntent) throws StripeException {
        return setupIntent(bid, setupIntent).map(si -> new BankMandate(si.getCustomer(), si.getPaymentMethod(), si.getMandate()));
    }

    private Optional<SetupIntent> setupIntent(long bid, String id) throws StripeException {
        SetupIntent si;
        try {
            si = client(bid).v1().setupIntents().retrieve(id, SetupIntentRetrieveParams.builder().addExpand("payment_method").build());
        } catch (InvalidRequestException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (si.getMetadata() == null || !Long.toString(bid).equals(si.getMetadata().get(BILLER_KEY))) {
            log.info("biller {}: SetupIntent {} is not one the platform made for this biller", bid, id);
            return Optional.empty();
        }
        if (!"succeeded".equals(si.getStatus()) || si.getMandate() == null || si.getPaymentMethodObject() == null
                || !"us_bank_account".equals(si.getPaymentMethodObject().getType())) {
            // requires_action: microdeposits sent, not yet verified by the payer; no debit before (docs/processors.md)
            log.info("biller {}: SetupIntent {} is {}, not a set-up bank account", bid, id, si.getStatus());
            return Optional.empty();
        }
        return Optional.of(si);
    }

    /*
     * A bank debit that answers requires_action waits for the payer to verify the account (microdeposits). The payer has
     * left, and nothing would tell the platform when Stripe then debits, so the PaymentIntent is cancelled and the payment
     * declined: never left looking paid (docs/processors.md, "Bank accounts at Stripe").
     */
    private Result abandoned(long bid, PaymentIntent pi) {
        try {
            client(bid).v1().paymentIntents().cancel(pi.getId(), PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(),
                    RequestOptions.builder().setIdempotencyKey("abandon-" + pi.getId()).build());
        } catch (StripeException e) {
            log.error("biller {}: Stripe PaymentIntent {} waits for bank verification and could not be cancelled ({}): cancel it in"
                    + " the Stripe dashboard", bid, pi.getId(), e.getCode());
        }
        return new Result(Outcome.DECLINED, null, pi.getId(),
                "Declined: the bank account must be verified first (microdeposits); the debit was cancelled");
    }

    @Override
    public Optional<Tokenized> known(long bid, String token) {
        Optional<SavedToken> saved = SavedToken.parse(token);
        if (token != null && token.startsWith("seti_")) {
            return knownSetUp(bid, token);
        }
        if (token == null || !token.startsWith("pm_") && saved.isEmpty()) {
            return Optional.empty();
        }
        try {
            PaymentMethod pm = client(bid).v1().paymentMethods().retrieve(saved.map(SavedToken::paymentMethod).orElse(token));
            if (saved.isPresent() && !saved.get().customer().equals(pm.getCustomer())) {
                // detached since, or a made-up pair: no longer a saved method of this biller's
                return Optional.empty();
            }
            if ("us_bank_account".equals(pm.getType()) && pm.getUsBankAccount() != null && saved.map(SavedToken::mandate).isPresent()) {
                return Optional.of(new Tokenized(token, Method.ACH, accountType(pm.getUsBankAccount().getAccountType()),
                        pm.getUsBankAccount().getLast4()));
            }
            if (!"card".equals(pm.getType()) || pm.getCard() == null) {
                // a bank PaymentMethod without the mandate of its SetupIntent: the platform has no payer's acceptance to
                // send with it, so it is taken only as the SetupIntent's id (docs/processors.md, "Bank accounts at Stripe")
                log.info("biller {}: Stripe payment method of type {} refused without its SetupIntent", bid, pm.getType());
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

    /** A bank account set up in Stripe's form on a page of this biller's: its SetupIntent is the token charged. */
    private Optional<Tokenized> knownSetUp(long bid, String setupIntent) {
        try {
            return setupIntent(bid, setupIntent).map(si -> new Tokenized(setupIntent, Method.ACH,
                    accountType(si.getPaymentMethodObject().getUsBankAccount() == null ? null
                            : si.getPaymentMethodObject().getUsBankAccount().getAccountType()),
                    si.getPaymentMethodObject().getUsBankAccount() == null ? null : si.getPaymentMethodObject().getUsBankAccount().getLast4()));
        } catch (StripeException e) {
            throw unknownOrError(bid, "bank account set-up look-up", e);
        }
    }

    /** "checking" → CHECKING, as the sandbox names a bank account's kind. */
    private static String accountType(String stripe) {
        return stripe == null ? "CHECKING" : stripe.toUpperCase(Locale.ROOT);
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
        if (method.token().startsWith("seti_")) {
            return savedSetUp(bid, method);
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

    /*
     * A bank account the payer saves was set up with a Customer of its own and usage=off_session (bankSetupIntent), so Stripe
     * attached it at confirmation and its mandate covers later debits: the kept token names all three, "cus_…/pm_…/mandate_…".
     * One set up for a single payment has no Customer and cannot be saved.
     */
    private Tokenized savedSetUp(long bid, Tokenized method) {
        try {
            SetupIntent si = setupIntent(bid, method.token()).orElseThrow(() -> new InvalidPaymentMethodException("methodToken",
                    "unknown or expired payment method token"));
            if (si.getCustomer() == null || !"off_session".equals(si.getUsage())) {
                throw new InvalidPaymentMethodException("methodToken", "this bank account was set up for one payment; enter it again to save it");
            }
            return new Tokenized(new SavedToken(si.getCustomer(), si.getPaymentMethod(), si.getMandate()).text(), method.method(),
                    method.brand(), method.last4());
        } catch (StripeException e) {
            throw unknownOrError(bid, "saving bank account " + method.token(), e);
        }
    }

    /** A saved method's token: the Customer and its attached PaymentMethod, and for a bank account the mandate it runs under. */
    record SavedToken(String customer, String paymentMethod, String mandate) {

        SavedToken(String customer, String paymentMethod) {
            this(customer, paymentMethod, null);
        }

        static Optional<SavedToken> parse(String token) {
            String[] parts = token == null ? new String[0] : token.split("/", -1);
            if (parts.length < 2 || parts.length > 3 || !parts[0].startsWith("cus_") || !parts[1].startsWith("pm_")
                    || parts.length == 3 && !parts[2].startsWith("mandate_")) {
                return Optional.empty();
            }
            return Optional.of(new SavedToken(parts[0], parts[1], parts.length == 3 ? parts[2] : null));
        }

        String text() {
            return customer + "/" + paymentMethod + (mandate == null ? "" : "/" + mandate);
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
            // a bank debit still processing can be cancelled until Stripe sends it to the bank (docs/ach.md, "Cancelling")
            boolean pendingDebit = "processing".equals(pi.getStatus());
            if (!"requires_capture".equals(pi.getStatus()) && !pendingDebit) {
                return new Result(Outcome.DECLINED, null, pi.getId(), "settled: refund instead");
            }
            PaymentIntent cancelled;
            try {
                cancelled = client(bid).v1().paymentIntents().cancel(pi.getId(),
                        RequestOptions.builder().setIdempotencyKey("void-" + paymentGuid).build());
            } catch (InvalidRequestException e) {
                if (!pendingDebit || e.getStatusCode() == null || e.getStatusCode() != 400) {
                    throw e;
                }
                return new Result(Outcome.DECLINED, null, pi.getId(),
                        "the debit was sent to the bank already: wait for its confirmation, then refund it");
            }
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
                    // a card charge's balance transaction is "charge", a bank debit's (ACH, a "local payment method") "payment"
                    // (https://docs.stripe.com/reports/balance-transaction-types)
                    charges(client, bid, payout.getId(), "charge", out);
                    charges(client, bid, payout.getId(), "payment", out);
                    afterPayout = payout.getId();
                }
                afterPayout = Boolean.TRUE.equals(page.getHasMore()) ? afterPayout : null;
            } while (afterPayout != null);
            return out;
        } catch (StripeException e) {
            throw unknownOrError(bid, "settlement of " + day, e);
        }
    }

    private void charges(StripeClient client, long bid, String payout, String type, List<Settlement> out) throws StripeException {
        String after = null;
        do {
            BalanceTransactionListParams.Builder params = BalanceTransactionListParams.builder().setPayout(payout).setType(type)
                    .setLimit(100L).addExpand("data.source");
            StripeCollection<BalanceTransaction> page = client.v1().balanceTransactions().list(
                    after == null ? params.build() : params.setStartingAfter(after).build());
            for (BalanceTransaction bt : page.getData()) {
                String pi = bt.getSourceObject() instanceof Charge charge ? charge.getPaymentIntent() : null;
                String reference = pi != null ? pi : bt.getSource();
                UUID guid = recorded.paymentOf(bid, reference)
                        .orElseGet(() -> UUID.nameUUIDFromBytes(reference.getBytes(StandardCharsets.UTF_8)));
                out.add(new Settlement(guid, BigDecimal.valueOf(bt.getAmount()).movePointLeft(2), reference));
                after = bt.getId();
            }
            after = Boolean.TRUE.equals(page.getHasMore()) ? after : null;
        } while (after != null);
    }

    private Optional<String> paymentIntent(long bid, UUID paymentGuid) throws StripeException {
        Optional<String> recorded = this.recorded.reference(bid, paymentGuid).filter(r -> r.startsWith("pi_"));
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
            case "requires_action" -> Optional.of(new Result(Outcome.DECLINED, null, pi.getId(), bank(pi)
                    ? "Declined: the bank account must be verified first (microdeposits)"
                    : "Declined: the card asks for the payer's authentication, which a charge from the platform cannot give"));
            default -> Optional.empty();
        };
    }

    private static boolean bank(PaymentIntent pi) {
        return pi.getPaymentMethodTypes() != null && pi.getPaymentMethodTypes().contains("us_bank_account");
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
