package org.ratepayer.payments.gateway;

/** Card data as entered. Lives only in memory until tokenized; toString never shows the number or CVV. */
public record CardDetails(String number, Integer expMonth, Integer expYear, String cvv, String postalCode) {

    @Override
    public String toString() {
        String digits = number == null ? "" : number.replaceAll("\\D", "");
        return "CardDetails[****" + (digits.length() >= 4 ? digits.substring(digits.length() - 4) : "") + "]";
    }
}
