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

    /** The fields that carry card or bank numbers: under hosted fields a post with any of them is refused whole. */
    static final java.util.List<String> NUMBER_FIELDS = java.util.List.of("cardNumber", "cvv", "swipe", "bankAccountNumber");

    /**
     * The method the form names, as a processor token. Under hosted fields (docs/hosted-fields.md) only {@code method}
     * and {@code methodToken} are read: the token the processor's fields gave the browser, which must be this biller's
     * and of the chosen method; a post that carries a card or bank number is refused before anything is read or stored.
     * Under DIRECT the typed (or swiped, where {@code allowSwipe}) details are checked and tokenized.
     *
     * @throws CardNumbersNotTaken under hosted fields, when the post carries a card or bank number
     * @throws InvalidPaymentMethodException when the details do not pass the checks of docs/payments.md, or the token is
     *                                       not one of this biller's of the chosen method
     */
    public static PaymentGateway.Tokenized tokenize(PaymentService payments, long bid, Method method, Map<String, String> form,
            boolean allowSwipe) {
        return tokenize(payments, bid, method, form, allowSwipe, null);
    }

    /**
     * Like {@link #tokenize(PaymentService, long, Method, Map, boolean)}, for a payment of {@code accountNumber}: a bank
     * account is filed under the account's customer name (Authorize.Net's eCheck.Net, docs/processors.md, "eCheck.Net: SEC
     * code and name"); null when no account is paid yet.
     */
    public static PaymentGateway.Tokenized tokenize(PaymentService payments, long bid, Method method, Map<String, String> form,
            boolean allowSwipe, String accountNumber) {
        if (payments.cardEntry(bid).hosted()) {
            return hostedToken(payments, bid, method, form);
        }
        if (method == Method.ACH) {
            // the payer's own page: a WEB debit (no channel)
            return payments.tokenizeOne(bid, null, new BankDetails(form.get("routingNumber"), form.get("bankAccountNumber"),
                    form.get("accountType")), null, null, accountNumber);
        }
        String swipe = form.getOrDefault("swipe", "");
        if (allowSwipe && !swipe.isBlank()) {
            return payments.tokenize(bid, SwipeTrack.parse(swipe), null);
        }
        return payments.tokenize(bid, new CardDetails(form.get("cardNumber"), integer(form.get("expMonth")),
                integer(form.get("expYear")), form.get("cvv"), form.get("postalCode")), null);
    }

    private static PaymentGateway.Tokenized hostedToken(PaymentService payments, long bid, Method method, Map<String, String> form) {
        for (String field : NUMBER_FIELDS) {
            if (!form.getOrDefault(field, "").isBlank()) {
                throw new CardNumbersNotTaken(field);
            }
        }
        String token = form.getOrDefault("methodToken", "").trim();
        if (token.isEmpty()) {
            throw new InvalidPaymentMethodException(HOSTED_FIELD, "no token from the processor's fields");
        }
        PaymentGateway.Tokenized known;
        try {
            known = payments.tokenizeOne(bid, null, null, token);
        } catch (InvalidPaymentMethodException e) {
            // unknown, expired, or another biller's: told apart from none of them (docs/payments.md)
            throw new InvalidPaymentMethodException(HOSTED_FIELD, "unknown or expired token");
        }
        if (known.method() != method) {
            throw new InvalidPaymentMethodException(HOSTED_FIELD, "a token of the other method");
        }
        return known;
    }

    /** The field a refused hosted-fields token is reported under, so the payer is told to enter the details again. */
    static final String HOSTED_FIELD = "hostedFields";

    /**
     * A card or bank number posted to Ratepayer for a biller whose pages take them only in the processor's hosted fields:
     * refused whole (400), nothing read, tokenized or stored (docs/hosted-fields.md).
     */
    public static final class CardNumbersNotTaken extends org.ratepayer.shared.web.Refusal {
        private static final long serialVersionUID = 1L;

        CardNumbersNotTaken(String field) {
            super(Kind.INVALID, "card-numbers-not-taken", "Card numbers not taken here", "card_numbers_not_taken", field,
                    field + ": this page takes card and bank details only in the payment processor's secure fields", null);
        }
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
            case HOSTED_FIELD -> "The card or bank details could not be used. Enter them again in the secure fields.";
            case "methodToken" -> "This saved payment method can no longer be used. Choose another, or enter a card or bank account.";
            default -> "Check the payment details: " + e.getMessage();
        };
    }
}
