package org.ratepayer.payments.gateway;

import java.time.YearMonth;
import org.apache.commons.validator.routines.checkdigit.ABANumberCheckDigit;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * The checks made before any gateway call (docs/payments.md): card numbers by Luhn, routing numbers by the
 * ABA checksum, expiry, CVV and account shapes. Returns the cleaned values.
 */
public final class PaymentMethodChecks {

    private PaymentMethodChecks() {
    }

    public record CheckedCard(String number, String brand, String last4) {
        @Override
        public String toString() {
            return "CheckedCard[" + brand + " ****" + last4 + "]";
        }
    }

    public record CheckedBank(String routingNumber, String accountNumber, String accountType, String last4) {
        @Override
        public String toString() {
            return "CheckedBank[" + routingNumber + " " + accountType + " ****" + last4 + "]";
        }
    }

    public static CheckedCard card(CardDetails card, YearMonth now) {
        if (card == null) {
            throw new InvalidPaymentMethodException("card", "required");
        }
        String number = card.number() == null ? "" : card.number().replaceAll("[\\s-]", "");
        if (!number.matches("\\d{12,19}")) {
            throw new InvalidPaymentMethodException("card.number", "must be 12 to 19 digits");
        }
        if (!LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(number)) {
            throw new InvalidPaymentMethodException("card.number", "is not a valid card number (check digit)");
        }
        if (card.expMonth() == null || card.expMonth() < 1 || card.expMonth() > 12) {
            throw new InvalidPaymentMethodException("card.expMonth", "must be 1 to 12");
        }
        if (card.expYear() == null || card.expYear() < 2000 || card.expYear() > 2100) {
            throw new InvalidPaymentMethodException("card.expYear", "must be a four-digit year");
        }
        if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(now)) {
            throw new InvalidPaymentMethodException("card.expYear", "the card has expired");
        }
        if (card.cvv() != null && !card.cvv().isEmpty() && !card.cvv().matches("\\d{3,4}")) {
            throw new InvalidPaymentMethodException("card.cvv", "must be 3 or 4 digits");
        }
        return new CheckedCard(number, brand(number), number.substring(number.length() - 4));
    }

    public static CheckedBank bank(BankDetails bank) {
        if (bank == null) {
            throw new InvalidPaymentMethodException("bank", "required");
        }
        String routing = bank.routingNumber() == null ? "" : bank.routingNumber().trim();
        if (!routing.matches("\\d{9}") || !ABANumberCheckDigit.ABAN_CHECK_DIGIT.isValid(routing)) {
            throw new InvalidPaymentMethodException("bank.routingNumber", "is not a valid ABA routing number");
        }
        String account = bank.accountNumber() == null ? "" : bank.accountNumber().replaceAll("[\\s-]", "");
        if (!account.matches("\\d{4,17}")) {
            throw new InvalidPaymentMethodException("bank.accountNumber", "must be 4 to 17 digits");
        }
        String type = bank.accountType() == null ? "CHECKING" : bank.accountType().trim().toUpperCase();
        if (!type.equals("CHECKING") && !type.equals("SAVINGS")) {
            throw new InvalidPaymentMethodException("bank.accountType", "must be CHECKING or SAVINGS");
        }
        return new CheckedBank(routing, account, type, account.substring(account.length() - 4));
    }

    static String brand(String number) {
        if (number.startsWith("4")) {
            return "VISA";
        }
        if (number.startsWith("34") || number.startsWith("37")) {
            return "AMEX";
        }
        int two = Integer.parseInt(number.substring(0, 2));
        int four = Integer.parseInt(number.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "MASTERCARD";
        }
        if (number.startsWith("6011") || number.startsWith("65")) {
            return "DISCOVER";
        }
        return "CARD";
    }
}
