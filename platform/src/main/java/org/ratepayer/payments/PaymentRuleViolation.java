package org.ratepayer.payments;

import org.ratepayer.shared.web.Refusal;

/**
 * A payment the biller's rules do not allow (docs/payments.md); {@code code} is stable for API clients, and
 * {@code field} names the request field at fault when one is (null when the payment as a whole is refused). Its kind
 * is {@code NOT_ALLOWED}, except for an account the biller does not have, which is {@code NOT_FOUND}.
 */
public class PaymentRuleViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final Refusal.Kind kind;
    private final String code;
    private final String field;

    public PaymentRuleViolation(String code, String message) {
        this(code, null, message);
    }

    public PaymentRuleViolation(String code, String field, String message) {
        this(Refusal.Kind.NOT_ALLOWED, code, field, message);
    }

    PaymentRuleViolation(Refusal.Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Refusal.Kind kind() {
        return kind;
    }

    public boolean is(String code) {
        return code.equals(this.code);
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
