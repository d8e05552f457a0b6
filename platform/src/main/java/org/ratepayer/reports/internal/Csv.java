package org.ratepayer.reports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: comma-separated, lines ending CR LF, a field quoted only when it holds a comma, a double
 * quote, CR or LF, and a double quote inside doubled. Amounts are plain decimals (never exponent notation), and a
 * missing value is an empty field.
 */
public final class Csv {

    private final Appendable out;

    /** Writes into a string, for {@link #text()}. */
    public Csv(List<String> header) {
        this(new StringBuilder(), header);
    }

    /** Writes each row to {@code out} as it is added: a report of every account need not be held whole. */
    public Csv(Appendable out, List<String> header) {
        this.out = out;
        row(header.toArray());
    }

    /** Adds a row; each value as {@link #field} writes it. */
    public Csv row(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(values[i]));
            }
            out.append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String text() {
        return out.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
