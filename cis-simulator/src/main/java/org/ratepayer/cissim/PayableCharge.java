package org.ratepayer.cissim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One payable item of an account, typically one per service (electric, water...).
 * Missing current or past-due amounts count as zero, as a CIS would report them.
 */
public record PayableCharge(String description, String chargeCode, BigDecimal currentAmount,
                            BigDecimal pastDueAmount, LocalDate dueDate, LocalDate disconnectDate,
                            BigDecimal lastPaymentAmount, LocalDate lastPaymentDate) {

    public PayableCharge {
        currentAmount = Objects.requireNonNullElse(currentAmount, BigDecimal.ZERO);
        pastDueAmount = Objects.requireNonNullElse(pastDueAmount, BigDecimal.ZERO);
    }

    /** A charge with just its description and amounts. */
    public static PayableCharge of(String description, String currentAmount, String pastDueAmount) {
        return new PayableCharge(description, null, new BigDecimal(currentAmount), new BigDecimal(pastDueAmount),
                null, null, null, null);
    }

    public PayableCharge withChargeCode(String code) {
        return new PayableCharge(description, code, currentAmount, pastDueAmount, dueDate, disconnectDate,
                lastPaymentAmount, lastPaymentDate);
    }

    public PayableCharge withDueDate(LocalDate date) {
        return new PayableCharge(description, chargeCode, currentAmount, pastDueAmount, date, disconnectDate,
                lastPaymentAmount, lastPaymentDate);
    }
}
