package org.ratepayer.payments;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.shared.web.Refusal;

/**
 * What {@link PaymentService#submit} answers, in business terms: the payment was taken (whatever its
 * outcome at the processor, approved, declined, error or still unknown), or the request was refused with a
 * kind, a stable code and the field at fault. The web adapter alone turns it into HTTP (docs/architecture.md,
 * "HTTP at the edge"); callers branch on the type and the code, never on a status number.
 */
public sealed interface PaymentOutcome permits PaymentOutcome.Taken, PaymentOutcome.Refused {

    /** A payment exists: recorded and sent to the processor; {@code status} says how it stands. */
    record Taken(UUID paymentGuid, PaymentStatus status, String approvalCode, BigDecimal amount, BigDecimal fee, Method method,
            String last4, Channel channel, String accountNumber, String invoiceNumber, String message) implements PaymentOutcome {

        static Taken of(Payment p) {
            return new Taken(p.guid(), p.status(), p.approvalCode(), p.amount(), p.fee(), p.method(), p.last4(), p.channel(),
                    p.accountNumber(), p.invoiceNumber(), p.gatewayMessage());
        }
    }

    /**
     * Nothing was paid: the request was refused.
     *
     * @param kind  what kind of refusal ({@code INVALID}, {@code NOT_FOUND}, {@code CONFLICT} or {@code NOT_ALLOWED})
     * @param code  the stable code callers branch on ({@code fee_changed}, {@code idempotency_key_in_use}…)
     * @param field the request field at fault, or null
     * @param extra what a refusal adds for the caller, in order ({@code fee} for {@code fee_changed}); never null
     */
    record Refused(Refusal.Kind kind, String code, String field, String detail, Map<String, Object> extra) implements PaymentOutcome {

        public static final String FEE_CHANGED = "fee_changed";
        public static final String KEY_IN_USE = "idempotency_key_in_use";

        public Refused {
            extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        }

        public Refused(Refusal.Kind kind, String code, String field, String detail) {
            this(kind, code, field, detail, Map.of());
        }

        /** A request refused before it reached the service (so under no idempotency key), naming the field. */
        public static Refused invalid(String field, String detail) {
            return new Refused(Refusal.Kind.INVALID, "invalid_field", field, detail);
        }

        public boolean is(String code) {
            return code.equals(this.code);
        }

        /** For {@code fee_changed}: the convenience fee as it is now. */
        public Optional<BigDecimal> feeNow() {
            Object fee = extra.get("fee");
            return fee == null ? Optional.empty()
                    : Optional.of(fee instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(fee)));
        }
    }

    /** A payment is still being processed under this key: a retry shortly gets its outcome. */
    default boolean inProgress() {
        return this instanceof Refused r && r.is(Refused.KEY_IN_USE);
    }

    /**
     * How outcomes are kept under their idempotency key and read back for a replay: the replay record. The
     * payment API's web adapter provides it, so that a replay answers exactly what the first request answered.
     */
    interface Records {

        /** An outcome as stored: the HTTP status and JSON body the API answered it with. */
        record Written(int statusCode, String json) {
        }

        Written write(PaymentOutcome outcome);

        PaymentOutcome read(int statusCode, String json);
    }
}
