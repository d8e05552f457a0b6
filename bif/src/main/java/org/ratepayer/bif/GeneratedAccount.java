package org.ratepayer.bif;

/**
 * A synthetic customer account of {@link BifGenerator}: the same seed and index always give the
 * same account, whatever the billing run.
 *
 * @param index             the position of the account in every generated file
 * @param base              the Daffron base (customer) number, from 1001 up
 * @param sub               the sub (account) number, 1 to 3
 * @param accountNumber     {@code base-sub}
 * @param serviceLocationId a 12-digit location id (Custom4)
 * @param email             null for customers without one
 * @param phone             null for customers without one
 * @param address2          usually null
 */
public record GeneratedAccount(int index, long base, int sub, String accountNumber, String customerName,
                               String address1, String address2, String city, String state, String zip,
                               String phone, String email, String serviceLocationId, boolean blockPaymentsCC) {
}
