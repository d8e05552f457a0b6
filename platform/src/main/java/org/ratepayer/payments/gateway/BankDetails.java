package org.ratepayer.payments.gateway;

/** Bank account data as entered. Lives only in memory until tokenized; toString never shows the account number. */
public record BankDetails(String routingNumber, String accountNumber, String accountType) {

    @Override
    public String toString() {
        String digits = accountNumber == null ? "" : accountNumber.replaceAll("\\D", "");
        return "BankDetails[" + routingNumber + ", ****" + (digits.length() >= 4 ? digits.substring(digits.length() - 4) : "") + "]";
    }
}
