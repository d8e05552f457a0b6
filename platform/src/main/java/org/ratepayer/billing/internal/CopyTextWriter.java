package org.ratepayer.billing.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Writes rows in PostgreSQL's COPY text format. Values from invoice files may hold tabs or
 * backslashes (never line breaks, the reader splits on those), so each value is escaped.
 */
public final class CopyTextWriter {

    private final Writer out;
    private boolean firstInRow = true;

    public CopyTextWriter(Writer out) {
        this.out = out;
    }

    CopyTextWriter text(String value) throws IOException {
        separator();
        if (value == null) {
            out.write("\\N");
            return this;
        }
        if (!needsEscape(value)) {
            out.write(value);
            return this;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(c);
            }
        }
        return this;
    }

    private static boolean needsEscape(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    CopyTextWriter number(long value) throws IOException {
        separator();
        out.write(Long.toString(value));
        return this;
    }

    CopyTextWriter amount(BigDecimal value) throws IOException {
        separator();
        out.write(value == null ? "\\N" : value.toPlainString());
        return this;
    }

    CopyTextWriter date(LocalDate value) throws IOException {
        separator();
        out.write(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyTextWriter bool(Boolean value) throws IOException {
        separator();
        out.write(value == null ? "\\N" : value ? "t" : "f");
        return this;
    }

    void endRow() throws IOException {
        out.write('\n');
        firstInRow = true;
    }

    private void separator() throws IOException {
        if (!firstInRow) {
            out.write('\t');
        }
        firstInRow = false;
    }
}
