package org.ratepayer.autopay;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.ratepayer.payments.Method;

/**
 * An enrolled account whose newest unpaid bill autopay will collect on {@code collectOn}, as its payers are told
 * beforehand (docs/autopay.md, "Emails"). {@code amount} is the bill's amount due: the run charges the live balance of
 * its day, which may differ. No token: only what may be shown of the method.
 *
 * @param brand a card's brand, or null
 * @param maximumAmount the payer's maximum for one bill, or null for none
 */
public record UpcomingCharge(String accountNumber, String invoiceNumber, LocalDate collectOn, BigDecimal amount, Method method,
        String brand, String last4, BigDecimal maximumAmount) {
}
