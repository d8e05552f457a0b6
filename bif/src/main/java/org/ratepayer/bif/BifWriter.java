package org.ratepayer.bif;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Writes a BIF file in a spec's column order with LF line ends; what it writes reads back equal.
 * Values that the format cannot carry (a '|' or a line break) are refused rather than mangled.
 * Call {@link #header} once, then {@link #invoice} for each invoice.
 */
public final class BifWriter implements Closeable {

    private static final DateTimeFormatter CREATION_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    private final Writer out;
    private final FileSpec spec;
    private final StringBuilder line = new StringBuilder(256);
    private boolean headerWritten;

    public BifWriter(Writer out, FileSpec spec) {
        Objects.requireNonNull(out, "out");
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * Writes the FH row. The creation date is written to the second.
     *
     * @throws IllegalStateException when a header was already written
     */
    public void header(BifFileHeader header) throws IOException {
        if (headerWritten) {
            throw new IllegalStateException("the FH row was already written");
        }
        headerWritten = true;
        line.setLength(0);
        List<Integer> columns = spec.columns(RowType.FH);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append('|');
            }
            append(columns.get(i), headerValue(columns.get(i), header));
        }
        endLine();
    }

    private static String headerValue(int fileSpecId, BifFileHeader header) {
        return switch (fileSpecId) {
            case FileSpecIds.FH_ROW_TYPE -> RowType.FH.name();
            case FileSpecIds.BILLER_GUID -> header.billerGuid();
            case FileSpecIds.FILE_CREATION_DATE -> header.creationDate() == null ? null
                    : CREATION_DATE.format(header.creationDate().truncatedTo(ChronoUnit.SECONDS));
            case FileSpecIds.INVOICE_COUNT -> Long.toString(header.invoiceCount());
            case FileSpecIds.TOTAL_INVOICE_AMOUNT -> amount(header.totalInvoiceAmount());
            default -> null;
        };
    }

    private static String amount(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.scale() > 2) {
            amount = amount.stripTrailingZeros();
        }
        if (amount.scale() > 2) {
            throw new IllegalArgumentException("amount " + amount + " has more than 2 decimals");
        }
        return amount.toPlainString();
    }

    /** Writes the invoice's IH row, its CR row and its ID rows. */
    public void invoice(BifInvoice invoice) throws IOException {
        if (!headerWritten) {
            throw new IllegalStateException("write the FH row first");
        }
        row(invoice.header());
        row(invoice.customer());
        for (BifRow detail : invoice.details()) {
            row(detail);
        }
    }

    private void row(BifRow row) throws IOException {
        line.setLength(0);
        List<Integer> columns = spec.columns(row.type());
        line.append(row.type().name());
        if (row.type() == RowType.ID && row.values().size() == 1) {
            // A bare ID row stays bare: "ID||" would read back as missing line fields.
            endLine();
            return;
        }
        for (int i = 1; i < columns.size(); i++) {
            line.append('|');
            append(columns.get(i), row.get(columns.get(i)));
        }
        endLine();
    }

    private void append(int fileSpecId, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '|' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("FileSpecId " + fileSpecId
                        + ": a BIF value cannot contain '|' or a line break: " + ValueSyntax.quote(value));
            }
        }
        line.append(value);
    }

    private void endLine() throws IOException {
        line.append('\n');
        out.append(line);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying writer. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
