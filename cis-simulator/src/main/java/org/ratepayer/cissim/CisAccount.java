package org.ratepayer.cissim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An account as the simulated CIS holds it: what GetPayableItemsList answers and the eprint bill shows.
 *
 * @param accountNumber             base and sub joined with a dash, e.g. {@code 1001-2}
 * @param customerName              shown on the PDF bill; optional
 * @param payableItems              one per service
 * @param remainingBalance          set for prepaid accounts only (extension {@code remainingBalance})
 * @param remainingDays             prepaid days left (extension {@code remainingDays}); optional
 * @param allowableTransactionTypes e.g. {@code Cash Only}, which blocks ACH
 * @param preventCreditCard         answers extension {@code preventCreditCard} = Y, which blocks cards
 */
public record CisAccount(String accountNumber, String customerName, List<PayableCharge> payableItems,
                         BigDecimal remainingBalance, BigDecimal remainingDays,
                         List<String> allowableTransactionTypes, boolean preventCreditCard) {

    public CisAccount {
        if (accountNumber == null || accountNumber.isBlank()) {
            throw new IllegalArgumentException("accountNumber is required");
        }
        payableItems = List.copyOf(Objects.requireNonNullElse(payableItems, List.<PayableCharge>of()));
        allowableTransactionTypes = List.copyOf(Objects.requireNonNullElse(allowableTransactionTypes,
                List.<String>of()));
    }

    public static CisAccount of(String accountNumber, PayableCharge... items) {
        return new CisAccount(accountNumber, null, List.of(items), null, null, List.of(), false);
    }

    public boolean prepaid() {
        return remainingBalance != null;
    }

    public CisAccount withCustomerName(String name) {
        return new CisAccount(accountNumber, name, payableItems, remainingBalance, remainingDays,
                allowableTransactionTypes, preventCreditCard);
    }

    public CisAccount withPrepaid(BigDecimal balance, BigDecimal days) {
        return new CisAccount(accountNumber, customerName, payableItems, balance, days,
                allowableTransactionTypes, preventCreditCard);
    }

    public CisAccount withAllowableTransactionTypes(String... types) {
        return new CisAccount(accountNumber, customerName, payableItems, remainingBalance, remainingDays,
                List.of(types), preventCreditCard);
    }

    public CisAccount withPreventCreditCard(boolean prevent) {
        return new CisAccount(accountNumber, customerName, payableItems, remainingBalance, remainingDays,
                allowableTransactionTypes, prevent);
    }

    /** Sum of the current amounts of all items. */
    public BigDecimal totalCurrent() {
        return payableItems.stream().map(PayableCharge::currentAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Sum of the past-due amounts of all items. */
    public BigDecimal totalPastDue() {
        return payableItems.stream().map(PayableCharge::pastDueAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
