package org.ratepayer.bif;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of reading a file.
 *
 * @param lines          the lines read, blank ones included
 * @param invoices       the IH rows found, valid or not
 * @param totalAmountDue the sum of the TotalAmountDue values that could be read
 * @param errors         the first {@link BifOptions#maxErrors()} errors, by line
 * @param errorCount     all errors found, including those not listed
 */
public record BifResult(long lines, long invoices, BigDecimal totalAmountDue, List<BifError> errors,
                        long errorCount) {

    public BifResult {
        errors = List.copyOf(errors);
    }

    /** Whether the file may be imported: no error of any kind was found. */
    public boolean valid() {
        return errorCount == 0;
    }
}
