package org.ratepayer.daffron;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How payment amounts are written for the CIS: advanced setting 35, "service version" (INT-2321).
 * The result is a BigDecimal whose plain form is the wire text ({@code Amounts.print} writes it
 * unchanged), so the amount never passes through a float.
 */
public enum AmountFormat {

    /** Version 1, the default: the shortest plain decimal, as the seed's sample shows ({@code 232.1}, {@code 15}). */
    SHORTEST,
    /** Version 2: always two decimals ({@code 232.10}). */
    TWO_DECIMALS;

    /** Setting 35: 1 or 2; absent means 1. */
    static AmountFormat fromSetting(Optional<String> setting35) {
        String value = setting35.map(String::strip).orElse("1");
        return switch (value) {
            case "1" -> SHORTEST;
            case "2" -> TWO_DECIMALS;
            default -> throw new IllegalArgumentException("advanced setting " + DaffronSettings.SERVICE_VERSION
                    + " (service version) must be 1 or 2, was '" + value + "'");
        };
    }

    /**
     * The amount as it goes on the wire.
     *
     * @throws IllegalArgumentException for an amount with fractions of a cent in version 2: money is never
     *     rounded on its way to the CIS
     */
    BigDecimal apply(BigDecimal amount) {
        return switch (this) {
            // stripTrailingZeros can yield 1E+2; its plain form is still "100"
            case SHORTEST -> amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
            case TWO_DECIMALS -> twoDecimals(amount);
        };
    }

    static BigDecimal twoDecimals(BigDecimal amount) {
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString()
                    + " has fractions of a cent and cannot be written with two decimals", e);
        }
    }
}
