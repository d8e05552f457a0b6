package org.ratepayer.payments.gateway;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;

/**
 * A card and bank processor. Details are tokenized at once; only the token, brand and last four
 * are kept. Every charge carries the payment's GUID so that the processor can be asked later what
 * became of it (the repair of outcomes lost to a timeout).
 * <p>
 * A token belongs to the biller it was made for, as at a real processor each biller is its own
 * merchant: presented for any other biller it is treated exactly like a token that never existed, so an
 * answer never tells that it is good elsewhere (docs/payments.md).
 */
public interface PaymentGateway {

    /**
     * Whether this processor takes card numbers sent from a server (the channel API's IVR and kiosk payments, the CSR desk,
     * the pages that post card fields to Ratepayer). Stripe does not: a card number reaches it only through its own hosted
     * fields, so the platform refuses a card number for such a biller before any call (docs/processors.md).
     */
    default boolean acceptsCardNumbers() {
        return true;
    }

    /** {@link #acceptsCardNumbers()} for this biller's processor: a gateway that routes by biller answers for the biller's. */
    default boolean acceptsCardNumbers(long bid) {
        return acceptsCardNumbers();
    }

    Tokenized tokenizeCard(long bid, PaymentMethodChecks.CheckedCard card, CardDetails details);

    Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank);

    /**
     * Charges a token of this biller; another biller's token fails like an unknown one.
     *
     * @throws GatewayTimeoutException when the outcome is unknown (the charge may or may not have happened)
     */
    Result charge(long bid, UUID paymentGuid, String token, BigDecimal total);

    /** A token this processor issued earlier for this biller (a saved method), if it still knows it. */
    Optional<Tokenized> known(long bid, String token);

    /**
     * The token to keep when a payer saves {@code method} to be charged again (a wallet, autopay, a scheduled payment),
     * made before its first charge. Most processors' tokens can be charged again as issued; a Stripe PaymentMethod must
     * first be attached to a Customer (docs/processors.md, "Saved methods").
     */
    default Tokenized forReuse(long bid, Tokenized method) {
        return method;
    }

    /** What the processor knows of this biller's charge, if it saw it (the biller names the processor and its account). */
    Optional<Result> lookup(long bid, UUID paymentGuid);

    /**
     * Gives back {@code amount} (at most what is left of the charge) of an approved charge. {@code refundId} is the
     * refund's own stable id, sent to the processor as its idempotency key, so a retry never refunds twice.
     *
     * @throws GatewayTimeoutException when the outcome is unknown
     */
    Result refund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount);

    /** Cancels an approved charge before it settles. DECLINED means it is too late (settled): refund it instead. */
    Result voidCharge(long bid, UUID paymentGuid);

    /**
     * What the processor funded for this biller on this business day (the biller's zone): the charges it
     * settled, each once, with the amount it settled (docs/settlement.md). Read by the daily settlement.
     */
    List<Settlement> settled(long bid, LocalDate day);

    /**
     * How a payer's browser collects card and bank details for this biller: the processor's own fields, from its own
     * origin, hand the page a token, so no card number reaches Ratepayer (docs/hosted-fields.md).
     */
    HostedFields hostedFields(long bid);

    /**
     * {@link #tokenizeBank(long, PaymentMethodChecks.CheckedBank)} told how the payer authorised the debit: the
     * {@code channel} it was given on (null for the pages a payer uses himself) and the {@code nameOnAccount} the payer gave
     * or the bill's customer name (null when neither is known). A processor that files each bank debit under a NACHA SEC
     * code and a name (Authorize.Net's eCheck.Net) keeps them with the account, so a later charge of it (autopay, a
     * scheduled payment) keeps the SEC code of its authorisation (docs/processors.md, "eCheck.Net: SEC code and name");
     * the others ignore them.
     */
    default Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank, org.ratepayer.payments.Channel channel,
            String nameOnAccount) {
        return tokenizeBank(bid, bank);
    }

    record Tokenized(String token, Method method, String brand, String last4) {
    }

    enum Outcome {
        APPROVED,
        DECLINED,
        ERROR,
        /** A bank payment the processor accepted but has not confirmed: its webhook tells later (docs/ach.md). */
        PENDING;

        /** The payment's state after the processor answered so, whoever asked (the charge, the repair job, autopay). */
        public PaymentStatus status() {
            return switch (this) {
                case APPROVED -> PaymentStatus.APPROVED;
                case DECLINED -> PaymentStatus.DECLINED;
                case ERROR -> PaymentStatus.ERROR;
                case PENDING -> PaymentStatus.PENDING;
            };
        }
    }

    record Result(Outcome outcome, String approvalCode, String reference, String message) {
    }

    /** One charge the processor settled: its payment, the amount funded, the processor's own reference. */
    record Settlement(UUID paymentGuid, BigDecimal amount, String reference) {
    }

    /**
     * The processor's browser side for one biller: {@code processor} names the page script's driver ("sandbox", "stripe",
     * "authorizenet"), {@code scriptUrl} is the processor's script, {@code config} what that script needs (public keys only,
     * never a secret), and the three source lists are exactly the origins the Content-Security-Policy must allow.
     */
    record HostedFields(String processor, String scriptUrl, java.util.Map<String, String> config, List<String> scriptSources,
            List<String> frameSources, List<String> connectSources) {
    }

    /** The processor could not be reached at all; treated like a timeout, since a request may have left. */
    class GatewayUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public GatewayUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No answer from the processor in time: the outcome is unknown, not a decline. */
    class GatewayTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public GatewayTimeoutException(String message) {
            super(message);
        }
    }
}
