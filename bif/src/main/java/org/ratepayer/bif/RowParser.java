package org.ratepayer.bif;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Turns one line's bytes into a {@link BifRow}, reporting every field problem. After
 * {@link #parse} the row type (null when unrecognisable) and validity are available, also for
 * rows too broken to return.
 */
final class RowParser {

    private static final int ECHO_BYTES = 64;

    private final RowSchema[] schemas;
    private final ErrorCollector errors;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] nonAscii;

    private RowType type;
    private boolean valid;

    RowParser(RowSchema[] schemas, ErrorCollector errors) {
        this.schemas = schemas;
        this.errors = errors;
        int widest = 0;
        for (RowSchema schema : schemas) {
            widest = Math.max(widest, schema.size());
        }
        starts = new int[widest];
        ends = new int[widest];
        nonAscii = new boolean[widest];
    }

    /** The row of bytes[from, to), or null when its type or field count is wrong. */
    BifRow parse(byte[] bytes, int from, int to, long line) {
        valid = false;
        int count = split(bytes, from, to);
        type = rowType(bytes, starts[0], ends[0]);
        if (type == null) {
            errors.line(line, "unknown row type " + ValueSyntax.quote(echo(bytes, starts[0], ends[0]))
                    + " (expected FH, IH, CR or ID)");
            return null;
        }
        RowSchema schema = schemas[type.ordinal()];
        if (count == 1 && schema.mayBeBare()) {
            valid = true;
            return new BifRow(line, type, schema.bareLayout(), new String[] {type.name()});
        }
        if (count != schema.size()) {
            errors.line(line, type + " row has " + count + " fields, expected " + schema.size()
                    + (schema.mayBeBare() ? " (or 1, RowType alone)" : ""));
            return null;
        }
        String[] values = new String[count];
        values[0] = type.name();
        boolean ok = true;
        for (int i = 1; i < count; i++) {
            ok &= readField(bytes, i, schema.columns()[i], values, line);
        }
        valid = ok;
        return new BifRow(line, type, schema.layout(), values);
    }

    /** The row type of a line, judged by its first field alone (used for over-long lines). */
    RowType rowTypeOf(byte[] bytes, int from, int to) {
        int end = from;
        while (end < to && bytes[end] != '|') {
            end++;
        }
        int[] trimmed = trim(bytes, from, end);
        return rowType(bytes, trimmed[0], trimmed[1]);
    }

    RowType type() {
        return type;
    }

    boolean valid() {
        return valid;
    }

    private boolean readField(byte[] bytes, int column, FieldDef def, String[] values, long line) {
        int from = starts[column];
        int to = ends[column];
        if (from == to) {
            if (def.required()) {
                errors.field(line, def, "is required");
                return false;
            }
            return true;
        }
        if (nonAscii[column]) {
            values[column] = new String(bytes, from, to - from, UTF_8);
            if (!Utf8.isValid(bytes, from, to)) {
                errors.field(line, def, "is not valid UTF-8");
                return false;
            }
        } else {
            // Latin-1 decoding of pure ASCII is a plain copy into a compact string: the fast path.
            values[column] = new String(bytes, from, to - from, ISO_8859_1);
        }
        String problem = FieldRules.problem(def, values[column]);
        if (problem != null) {
            errors.field(line, def, problem);
            return false;
        }
        return true;
    }

    /** Records trimmed field bounds up to the widest row; returns the number of fields. */
    private int split(byte[] bytes, int from, int to) {
        int count = 0;
        int fieldStart = from;
        boolean high = false;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '|') {
                record(bytes, count++, fieldStart, i, high);
                fieldStart = i + 1;
                high = false;
            } else if (b < 0) {
                high = true;
            }
        }
        record(bytes, count++, fieldStart, to, high);
        return count;
    }

    private void record(byte[] bytes, int column, int from, int to, boolean high) {
        if (column >= starts.length) {
            return;
        }
        while (from < to && isBlank(bytes[from])) {
            from++;
        }
        while (to > from && isBlank(bytes[to - 1])) {
            to--;
        }
        starts[column] = from;
        ends[column] = to;
        nonAscii[column] = high;
    }

    private static int[] trim(byte[] bytes, int from, int to) {
        while (from < to && isBlank(bytes[from])) {
            from++;
        }
        while (to > from && isBlank(bytes[to - 1])) {
            to--;
        }
        return new int[] {from, to};
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static RowType rowType(byte[] bytes, int from, int to) {
        if (to - from != 2) {
            return null;
        }
        byte first = bytes[from];
        byte second = bytes[from + 1];
        if (first == 'F' && second == 'H') {
            return RowType.FH;
        }
        if (first == 'I' && second == 'H') {
            return RowType.IH;
        }
        if (first == 'C' && second == 'R') {
            return RowType.CR;
        }
        if (first == 'I' && second == 'D') {
            return RowType.ID;
        }
        return null;
    }

    private static String echo(byte[] bytes, int from, int to) {
        return new String(bytes, from, Math.min(to - from, ECHO_BYTES), UTF_8);
    }
}
