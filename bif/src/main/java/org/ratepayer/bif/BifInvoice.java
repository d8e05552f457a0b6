package org.ratepayer.bif;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One invoice of a file: its IH row, its CR row and its ID rows.
 *
 * @param line     the line of the IH row
 * @param header   the IH row
 * @param customer the CR row
 * @param details  the ID rows, in file order, bare ones included
 */
public record BifInvoice(long line, BifRow header, BifRow customer, List<BifRow> details) {

    public BifInvoice {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(customer, "customer");
        details = List.copyOf(details);
        requireType(header, RowType.IH);
        requireType(customer, RowType.CR);
        for (BifRow detail : details) {
            requireType(detail, RowType.ID);
        }
    }

    private static void requireType(BifRow row, RowType expected) {
        if (row.type() != expected) {
            throw new IllegalArgumentException("expected an " + expected + " row, got " + row.type());
        }
    }

    /**
     * The ID rows that carry a bill line (a LineDescription). A bare ID row, RowType alone as in the
     * seed, carries none and is left out (bif/README.md, "Invoice detail rows").
     */
    public List<BifRow> lines() {
        return details.stream().filter(detail -> detail.get(FileSpecIds.LINE_DESCRIPTION) != null).toList();
    }

    public String invoiceNumber() {
        return header.get(FileSpecIds.INVOICE_NUMBER);
    }

    public String accountNumber() {
        return customer.get(FileSpecIds.ACCOUNT_NUMBER);
    }

    public BigDecimal totalAmountDue() {
        return header.amount(FileSpecIds.TOTAL_AMOUNT_DUE);
    }

    public LocalDate invoiceDate() {
        return header.date(FileSpecIds.INVOICE_DATE);
    }

    public LocalDate dueDate() {
        return header.date(FileSpecIds.INVOICE_DUE_DATE);
    }
}
