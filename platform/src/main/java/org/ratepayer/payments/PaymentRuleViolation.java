package org.ratepayer.payments;

/**
 * A payment the biller's rules do not allow (docs/payments.md); {@code code} is stable for API clients, and
 * {@code field} names the request field at fault when one is (null when the payment as a whole is refused).
 */
public class PaymentRuleViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final String code;
    private final String field;

    public PaymentRuleViolation(String code, String message) {
        this(code, null, message);
    }

    public PaymentRuleViolation(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
