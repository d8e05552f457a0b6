package org.ratepayer.payments.checkout;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.SwipeTrack;

/**
 * The card / bank part of a payment form (the {@code pay/fragments :: method-fields} fragment), shared by
 * the payment page and the Pay Now page: which method was chosen, the entered or swiped details turned
 * into a gateway token at once, the amount as typed, and the payer-facing words for each problem.
 */
public final class PaymentMethodForm {

    private PaymentMethodForm() {
    }

    public static Method method(Map<String, String> form) {
        return "ACH".equals(form.get("method")) ? Method.ACH : Method.CARD;
    }

    /** @throws InvalidPaymentMethodException when the details do not pass the checks of docs/payments.md */
    public static PaymentGateway.Tokenized tokenize(PaymentService payments, long bid, Method method, Map<String, String> form,
            boolean allowSwipe) {
        if (method == Method.ACH) {
            return payments.tokenize(bid, null, new BankDetails(form.get("routingNumber"), form.get("bankAccountNumber"),
                    form.get("accountType")));
        }
        String swipe = form.getOrDefault("swipe", "");
        if (allowSwipe && !swipe.isBlank()) {
            return payments.tokenize(bid, SwipeTrack.parse(swipe), null);
        }
        return payments.tokenize(bid, new CardDetails(form.get("cardNumber"), integer(form.get("expMonth")),
                integer(form.get("expYear")), form.get("cvv"), form.get("postalCode")), null);
    }

    /** Digits with an optional decimal point: no sign, and no exponent ("1e20"), which no payer means as an amount. */
    private static final Pattern PLAIN_AMOUNT = Pattern.compile("\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30}");

    /** An amount as a payer types it ("1,250.40", "$12"); empty when it is not one. */
    public static Optional<BigDecimal> amount(String typed) {
        String plain = (typed == null ? "" : typed).trim().replace(",", "").replace("$", "");
        return PLAIN_AMOUNT.matcher(plain).matches() ? Optional.of(new BigDecimal(plain)) : Optional.empty();
    }

    public static boolean plausibleEmail(String email) {
        return email.isEmpty() || email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }

    /** A whole number as typed (a card's expiry month or year); null when it is not one. */
    public static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static String friendly(InvalidPaymentMethodException e) {
        if (e instanceof org.ratepayer.payments.gateway.MethodNotAcceptedException) {
            // a biller on Stripe until its hosted card fields come to these pages (docs/processors.md)
            return "Card and bank details cannot be taken on this page for this biller: its payment processor takes them only"
                    + " in its own secure fields. Please pay another way, or contact the biller.";
        }
        return switch (e.field()) {
            case "card.number" -> "The card number is not valid. Check it and try again.";
            case "card.expMonth", "card.expYear" -> "Check the card's expiry date: " + e.getMessage().substring(e.field().length() + 2) + ".";
            case "card.cvv" -> "The security code must be 3 or 4 digits.";
            case "card.swipe" -> "The card could not be read. Swipe it again or type the number.";
            case "bank.routingNumber" -> "The routing number is not valid. It is the 9-digit number at the bottom left of a check.";
            case "bank.accountNumber" -> "The bank account number must be 4 to 17 digits.";
            case "methodToken" -> "This saved payment method can no longer be used. Choose another, or enter a card or bank account.";
            default -> "Check the payment details: " + e.getMessage();
        };
    }
}
