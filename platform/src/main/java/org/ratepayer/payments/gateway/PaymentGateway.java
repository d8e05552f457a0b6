package org.ratepayer.payments.gateway;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payments.Method;

/**
 * A card and bank processor. Details are tokenized at once; only the token, brand and last four
 * are kept. Every charge carries the payment's GUID so that the processor can be asked later what
 * became of it (the repair of outcomes lost to a timeout).
 */
public interface PaymentGateway {

    Tokenized tokenizeCard(PaymentMethodChecks.CheckedCard card, CardDetails details);

    Tokenized tokenizeBank(PaymentMethodChecks.CheckedBank bank);

    /** @throws GatewayTimeoutException when the outcome is unknown (the charge may or may not have happened) */
    Result charge(UUID paymentGuid, String token, BigDecimal total);

    /** A token this processor issued earlier (a saved method), if it still knows it. */
    Optional<Tokenized> known(String token);

    /** What the processor knows of a charge, if it saw it. */
    Optional<Result> lookup(UUID paymentGuid);

    record Tokenized(String token, Method method, String brand, String last4) {
    }

    enum Outcome {
        APPROVED,
        DECLINED,
        ERROR
    }

    record Result(Outcome outcome, String approvalCode, String reference, String message) {
    }

    /** The processor could not be reached at all; treated like a timeout, since a request may have left. */
    class GatewayUnavailableException extends RuntimeException {
        public GatewayUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No answer from the processor in time: the outcome is unknown, not a decline. */
    class GatewayTimeoutException extends RuntimeException {
        public GatewayTimeoutException(String message) {
            super(message);
        }
    }
}
