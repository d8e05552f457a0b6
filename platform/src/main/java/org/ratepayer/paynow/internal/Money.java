package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * How the Pay Now pages write an amount for the payer: with the biller's currency sign, grouped, in whole
 * cents ({@code $1,234.50}). A balance below zero is money the utility holds for the payer, so
 * {@link #balance(BigDecimal)} writes it as a credit ({@code $25.00 credit}) rather than as a debt with a
 * minus sign. Pure: no Spring, no database (docs/paynow.md, "Amounts on the page").
 */
public record Money(Currency currency, Locale locale) {

    /**
     * Every biller bills in US dollars: the invoice file, MultiSpeak and the Cloud Payments V2 request all
     * carry bare amounts that mean dollars (docs/paynow.md), and no biller setting names another currency.
     */
    public static final Money US_DOLLARS = new Money(Currency.getInstance("USD"), Locale.US);

    /** {@code $154.24}, {@code -$25.00}; empty for no amount. */
    public String format(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        // A NumberFormat is not thread-safe, so each call makes its own.
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        f.setCurrency(currency);
        f.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        f.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(amount);
    }

    /** A balance as the payer reads it: {@code $154.24} owed, {@code $25.00 credit} held for the payer. */
    public String balance(BigDecimal amount) {
        if (amount != null && amount.signum() < 0) {
            return format(amount.negate()) + " credit";
        }
        return format(amount);
    }
}
