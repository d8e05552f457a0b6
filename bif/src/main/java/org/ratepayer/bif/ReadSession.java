package org.ratepayer.bif;

import static org.ratepayer.bif.ValueSyntax.INVALID;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one {@link BifReader#read} call: row order, the invoice being assembled, the file's
 * totals and the duplicate check. Memory is bounded by one invoice plus {@link InvoiceNumberSet}.
 */
final class ReadSession {

    /** A bill has a handful of lines; far more means a broken file, and would hold memory unbounded. */
    static final int MAX_DETAILS_PER_INVOICE = 10_000;

    private final RowParser parser;
    private final BifOptions options;
    private final BifHandler handler;
    private final ErrorCollector errors;
    private final InvoiceNumberSet invoiceNumbers = new InvoiceNumberSet();
    private final FieldDef billerGuidField;
    private final FieldDef invoiceCountField;
    private final FieldDef totalInvoiceAmountField;
    private final FieldDef invoiceNumberField;

    private long lastContentLine;
    private long pendingBlankLine;
    private boolean sawRow;
    private boolean reportedMissingHeader;
    private boolean reportedTooManyInvoices;
    private long headerLine;
    private long claimedCount = INVALID;
    private long claimedCents = INVALID;

    private long invoiceLine;
    private BifRow invoiceHeader;
    private BifRow invoiceCustomer;
    private boolean invoiceHasCustomer;
    private final List<BifRow> details = new ArrayList<>();
    private boolean invoiceValid;

    private long invoiceCount;
    private long totalCents;
    private BigDecimal totalOverflow = BigDecimal.ZERO;
    private boolean totalKnown = true;

    ReadSession(RowSchema[] schemas, FileSpecCatalogue catalogue, BifOptions options, BifHandler handler) {
        this.errors = new ErrorCollector(options.maxErrors());
        this.parser = new RowParser(schemas, errors);
        this.options = options;
        this.handler = handler;
        this.billerGuidField = catalogue.byId(FileSpecIds.BILLER_GUID).orElse(null);
        this.invoiceCountField = catalogue.byId(FileSpecIds.INVOICE_COUNT).orElse(null);
        this.totalInvoiceAmountField = catalogue.byId(FileSpecIds.TOTAL_INVOICE_AMOUNT).orElse(null);
        this.invoiceNumberField = catalogue.byId(FileSpecIds.INVOICE_NUMBER).orElse(null);
    }

    BifResult run(InputStream in) throws IOException {
        LineReader lines = new LineReader(in);
        while (lines.next()) {
            onLine(lines);
        }
        finish();
        BigDecimal total = totalOverflow.add(BigDecimal.valueOf(totalCents, 2));
        return new BifResult(lines.lineNumber(), invoiceCount, total, errors.byLine(), errors.count());
    }

    private void onLine(LineReader lines) {
        byte[] bytes = lines.buffer();
        int from = lines.start();
        int to = lines.end();
        long line = lines.lineNumber();
        if (!lines.tooLong() && isBlank(bytes, from, to)) {
            if (pendingBlankLine == 0) {
                pendingBlankLine = line;
            }
            return;
        }
        if (pendingBlankLine != 0) {
            errors.line(pendingBlankLine, "blank line (only the end of the file may have blank lines)");
            pendingBlankLine = 0;
        }
        lastContentLine = line;
        if (lines.tooLong()) {
            errors.line(line, "line is longer than " + LineReader.MAX_LINE_BYTES + " bytes");
            RowType type = parser.rowTypeOf(bytes, from, to);
            if (type != null) {
                onRow(type, null, false, line);
            }
            return;
        }
        BifRow row = parser.parse(bytes, from, to, line);
        if (parser.type() != null) {
            onRow(parser.type(), row, parser.valid(), line);
        }
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!RowParser.isBlank(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private void onRow(RowType type, BifRow row, boolean valid, long line) {
        if (type != RowType.FH && !sawRow && headerLine == 0) {
            errors.line(line, "the file must start with an FH row");
            reportedMissingHeader = true;
        }
        switch (type) {
            case FH -> onFileHeader(row, valid, line);
            case IH -> onInvoiceHeader(row, valid, line);
            case CR -> onCustomer(row, valid, line);
            case ID -> onDetail(row, valid, line);
        }
        sawRow = true;
    }

    private void onFileHeader(BifRow row, boolean valid, long line) {
        if (headerLine != 0) {
            errors.line(line, "second FH row (the file header is on line " + headerLine + ")");
            return;
        }
        headerLine = line;
        if (sawRow) {
            errors.line(line, "the FH row must be the first row of the file");
            return;
        }
        if (row == null) {
            return;
        }
        String guid = row.get(FileSpecIds.BILLER_GUID);
        String expected = options.expectedBillerGuid();
        if (expected != null && guid != null && ValueSyntax.isGuid(guid) && !guid.equalsIgnoreCase(expected)) {
            errors.field(line, billerGuidField, ValueSyntax.quote(guid)
                    + " is not the uploading biller's GUID (expected " + expected + ")");
            valid = false;
        }
        String count = row.get(FileSpecIds.INVOICE_COUNT);
        claimedCount = count == null ? INVALID : ValueSyntax.integer(count);
        String total = row.get(FileSpecIds.TOTAL_INVOICE_AMOUNT);
        claimedCents = total == null ? INVALID : ValueSyntax.cents(total);
        if (valid) {
            handler.header(new BifFileHeader(line, guid, row.dateTime(FileSpecIds.FILE_CREATION_DATE),
                    claimedCount, BigDecimal.valueOf(claimedCents, 2)));
        }
    }

    private void onInvoiceHeader(BifRow row, boolean valid, long line) {
        closeInvoice(line);
        invoiceCount++;
        invoiceLine = line;
        invoiceHeader = row;
        invoiceValid = valid;
        String amount = row == null ? null : row.get(FileSpecIds.TOTAL_AMOUNT_DUE);
        long cents = amount == null ? INVALID : ValueSyntax.cents(amount);
        if (cents == INVALID) {
            totalKnown = false;
        } else {
            addToTotal(cents);
        }
        String number = row == null ? null : row.get(FileSpecIds.INVOICE_NUMBER);
        if (number != null) {
            long firstLine = invoiceNumbers.addOrFirstLine(number, line);
            if (firstLine == InvoiceNumberSet.FULL) {
                // Some 400 million invoices, a file of over 100 GB: no bill run is that large.
                if (!reportedTooManyInvoices) {
                    errors.line(line, "more than " + InvoiceNumberSet.CAPACITY + " invoices in one file");
                    reportedTooManyInvoices = true;
                }
                invoiceValid = false;
            } else if (firstLine != InvoiceNumberSet.ADDED) {
                String first = firstLine == InvoiceNumberSet.LINE_UNKNOWN ? "earlier in the file"
                        : "on line " + firstLine;
                errors.field(line, invoiceNumberField, "duplicate invoice number " + ValueSyntax.quote(number)
                        + " (first " + first + ")");
                invoiceValid = false;
            }
        }
    }

    private void onCustomer(BifRow row, boolean valid, long line) {
        if (invoiceLine == 0) {
            errors.line(line, "CR row without an IH row before it");
        } else if (invoiceHasCustomer) {
            errors.line(line, "second CR row for the invoice on line " + invoiceLine);
            invoiceValid = false;
        } else {
            invoiceHasCustomer = true;
            invoiceCustomer = row;
            invoiceValid &= valid;
        }
    }

    private void onDetail(BifRow row, boolean valid, long line) {
        if (invoiceLine == 0) {
            errors.line(line, "ID row without an IH row before it");
            return;
        }
        if (!invoiceHasCustomer) {
            errors.line(line, "ID row before the CR row of the invoice on line " + invoiceLine);
            invoiceValid = false;
            return;
        }
        invoiceValid &= valid;
        if (!invoiceValid) {
            // Never handed over, so its rows need not be kept.
            details.clear();
            return;
        }
        if (details.size() == MAX_DETAILS_PER_INVOICE) {
            errors.line(line, "the invoice on line " + invoiceLine + " has more than "
                    + MAX_DETAILS_PER_INVOICE + " ID rows");
            invoiceValid = false;
            details.clear();
            return;
        }
        details.add(row);
    }

    private void closeInvoice(long detectedOnLine) {
        if (invoiceLine == 0) {
            return;
        }
        if (!invoiceHasCustomer) {
            errors.line(detectedOnLine, "the invoice on line " + invoiceLine + " has no CR row");
        } else if (invoiceValid) {
            handler.invoice(new BifInvoice(invoiceLine, invoiceHeader, invoiceCustomer, List.copyOf(details)));
        }
        invoiceLine = 0;
        invoiceHeader = null;
        invoiceCustomer = null;
        invoiceHasCustomer = false;
        details.clear();
    }

    private void addToTotal(long cents) {
        long sum = totalCents + cents;
        // Overflow only if both operands have the sign the result lacks.
        if (((totalCents ^ sum) & (cents ^ sum)) < 0) {
            totalOverflow = totalOverflow.add(BigDecimal.valueOf(totalCents, 2));
            totalCents = cents;
        } else {
            totalCents = sum;
        }
    }

    private void finish() {
        closeInvoice(lastContentLine);
        if (lastContentLine == 0) {
            errors.line(0, "file is empty");
            return;
        }
        if (headerLine == 0 && !reportedMissingHeader) {
            errors.line(lastContentLine, "the file has no FH row");
        }
        if (claimedCount != INVALID && claimedCount != invoiceCount) {
            errors.field(headerLine, invoiceCountField, "is " + claimedCount + " but the file has "
                    + invoiceCount + " invoices");
        }
        if (claimedCents != INVALID && totalKnown) {
            BigDecimal claimed = BigDecimal.valueOf(claimedCents, 2);
            BigDecimal actual = totalOverflow.add(BigDecimal.valueOf(totalCents, 2));
            if (claimed.compareTo(actual) != 0) {
                errors.field(headerLine, totalInvoiceAmountField, "is " + claimed.toPlainString()
                        + " but the invoices' TotalAmountDue add up to " + actual.toPlainString());
            }
        }
    }
}
