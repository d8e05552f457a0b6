package org.ratepayer.payments;

/** A payment the biller's rules do not allow (SPEC C6); {@code code} is stable for API clients. */
public class PaymentRuleViolation extends RuntimeException {

    private final String code;

    public PaymentRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
