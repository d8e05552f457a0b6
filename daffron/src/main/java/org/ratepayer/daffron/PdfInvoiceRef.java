package org.ratepayer.daffron;

import java.time.LocalDate;

/**
 * The invoice fields a Daffron PDF link is built from (docs/presentment.md, docs/daffron.md field mapping):
 * Custom2 is the base account number, Custom3 the sub account, Custom9 may mark the bill as an
 * INV/EBIL bill, Custom10 holds the bill control number (BCTR), possibly as {@code base-bctr}.
 *
 * <p>No checks here: which fields are required depends on the effective service version, so
 * {@link PdfLinks} decides and names the missing one.
 */
public record PdfInvoiceRef(String custom2, String custom3, String custom9, String custom10, LocalDate invoiceDate) {
}
