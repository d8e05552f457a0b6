package org.ratepayer.bif;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The FH row of a file.
 *
 * @param line               the line it was read from (ignored by the writer)
 * @param billerGuid         the biller the file belongs to
 * @param creationDate       when the biller made the file; a date alone reads as midnight
 * @param invoiceCount       how many invoices the file says it holds
 * @param totalInvoiceAmount the sum of TotalAmountDue the file says it holds
 */
public record BifFileHeader(long line, String billerGuid, LocalDateTime creationDate, long invoiceCount,
                            BigDecimal totalInvoiceAmount) {
}
