package org.ratepayer.bif;

import java.math.BigDecimal;

/**
 * What {@link BifGenerator#write} wrote.
 *
 * @param invoices the number of invoices
 * @param total    the sum of their TotalAmountDue, as in the FH row
 */
public record GeneratedFileStats(int invoices, BigDecimal total) {
}
