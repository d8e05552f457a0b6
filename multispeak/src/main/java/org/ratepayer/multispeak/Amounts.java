package org.ratepayer.multispeak;

import java.math.BigDecimal;

/**
 * Converts MultiSpeak amounts (typed {@code xs:float} by the schema) to and from {@link BigDecimal}.
 *
 * <p>The generated JAXB classes call these methods for every {@code xs:float}, so an amount goes
 * from wire text to BigDecimal and back without ever being a binary floating point number:
 * {@code 0.07} stays {@code 0.07}, {@code 232.10} keeps its trailing zero.
 */
public final class Amounts {

    private Amounts() {
    }

    /**
     * Reads an amount exactly as written.
     *
     * @throws IllegalArgumentException for text that is no decimal number; the {@code xs:float}
     *     specials {@code INF} and {@code NaN} are refused too, because no amount of money is either
     */
    public static BigDecimal parse(String lexical) {
        if (lexical == null) {
            return null;
        }
        String text = lexical.strip();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + text + "'", e);
        }
    }

    /** Writes an amount as a plain decimal: never in exponent form, which some CIS parsers reject. */
    public static String print(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
