package org.ratepayer.payments.gateway;

/**
 * A card number or bank account sent to the platform for a biller whose processor takes them only in its own hosted
 * fields (Stripe: docs/processors.md, "Card numbers from servers"). Nothing was sent to the processor; the channel API
 * answers 422 naming the field and the reason.
 */
public class MethodNotAcceptedException extends InvalidPaymentMethodException {
    private static final long serialVersionUID = 1L;

    public static final String CODE = "method_not_accepted";
    /** Why a card number is refused. */
    public static final String CARD_NUMBERS = "this biller's processor takes card numbers only in its own hosted fields;"
            + " pay with a payment method token (methodToken) made there";
    /** Why a bank account is refused. */
    public static final String BANK_ACCOUNTS = "this biller's processor takes bank accounts only in its own hosted fields;"
            + " pay with a payment method token (methodToken) made there";

    public MethodNotAcceptedException(String field, String message) {
        super(Kind.NOT_ALLOWED, "method-not-accepted", "Payment method not accepted", CODE, field, message);
    }
}
