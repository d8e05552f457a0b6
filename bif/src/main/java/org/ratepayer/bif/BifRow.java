package org.ratepayer.bif;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a file: its values by FileSpecId. Immutable. The reader makes millions of these, so a
 * row holds only its values and a layout shared with every other row of its type; typed getters
 * convert on each call instead of caching.
 */
public final class BifRow {

    private final long line;
    private final RowType type;
    private final ColumnLayout layout;
    private final String[] values;

    /** Takes ownership of values: the caller must not change the array afterwards. */
    BifRow(long line, RowType type, ColumnLayout layout, String[] values) {
        this.line = line;
        this.type = type;
        this.layout = layout;
        this.values = values;
    }

    /**
     * A row built in code, e.g. for {@link BifWriter}. Values are trimmed and empty ones dropped,
     * as the reader does; the RowType value is filled in from {@code type}. Values are not
     * validated: the typed getters throw for text they cannot convert.
     */
    public static BifRow of(long line, RowType type, Map<Integer, String> values) {
        Objects.requireNonNull(type, "type");
        int rowTypeId = FileSpecCatalogue.standard().rowTypeField(type).fileSpecId();
        String given = values.get(rowTypeId);
        if (given != null && !given.strip().equals(type.name())) {
            throw new IllegalArgumentException("RowType value \"" + given + "\" does not match row type " + type);
        }
        int[] ids = values.keySet().stream().mapToInt(Integer::intValue).filter(id -> id != rowTypeId)
                .sorted().toArray();
        int[] columns = new int[ids.length + 1];
        String[] cells = new String[ids.length + 1];
        columns[0] = rowTypeId;
        cells[0] = type.name();
        for (int i = 0; i < ids.length; i++) {
            columns[i + 1] = ids[i];
            String value = values.get(ids[i]);
            cells[i + 1] = value == null || value.isBlank() ? null : value.strip();
        }
        return new BifRow(line, type, new ColumnLayout(columns), cells);
    }

    /** The 1-based line the row was read from (or given to {@link #of}). */
    public long line() {
        return line;
    }

    public RowType type() {
        return type;
    }

    /** The trimmed text of a field; null when empty or when the field is not a column of the row. */
    public String get(int fileSpecId) {
        int column = layout.indexOf(fileSpecId);
        return column < 0 ? null : values[column];
    }

    /** The amount with scale 2, or null when empty. */
    public BigDecimal amount(int fileSpecId) {
        String value = get(fileSpecId);
        if (value == null) {
            return null;
        }
        BigDecimal amount = ValueSyntax.amount(value);
        return amount != null ? amount : fail(fileSpecId, value, "an amount");
    }

    public LocalDate date(int fileSpecId) {
        String value = get(fileSpecId);
        if (value == null) {
            return null;
        }
        LocalDate date = ValueSyntax.date(value);
        return date != null ? date : fail(fileSpecId, value, "a date (MM/dd/yyyy)");
    }

    /** A date-time; a date without time reads as midnight. */
    public LocalDateTime dateTime(int fileSpecId) {
        String value = get(fileSpecId);
        if (value == null) {
            return null;
        }
        LocalDateTime dateTime = ValueSyntax.dateTime(value);
        return dateTime != null ? dateTime : fail(fileSpecId, value, "a date-time (MM/dd/yyyy HH:mm:ss)");
    }

    public Boolean flag(int fileSpecId) {
        String value = get(fileSpecId);
        if (value == null) {
            return null;
        }
        Boolean flag = ValueSyntax.flag(value);
        return flag != null ? flag : fail(fileSpecId, value, "a flag (Y/N)");
    }

    public Long integer(int fileSpecId) {
        String value = get(fileSpecId);
        if (value == null) {
            return null;
        }
        long number = ValueSyntax.integer(value);
        return number != ValueSyntax.INVALID ? Long.valueOf(number) : fail(fileSpecId, value, "a whole number");
    }

    /** The non-empty values by FileSpecId, in column order. */
    public Map<Integer, String> values() {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                map.put(layout.idAt(i), values[i]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static <T> T fail(int fileSpecId, String value, String what) {
        throw new IllegalArgumentException("FileSpecId " + fileSpecId + ": " + ValueSyntax.quote(value)
                + " is not " + what);
    }

    /** Rows are equal when line, type and every non-empty value are, whatever their column order. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof BifRow row) || line != row.line || type != row.type) {
            return false;
        }
        if (layout == row.layout) {
            return Arrays.equals(values, row.values);
        }
        return values().equals(row.values());
    }

    @Override
    public int hashCode() {
        int hash = Long.hashCode(line) * 31 + type.hashCode();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                hash += layout.idAt(i) ^ values[i].hashCode();
            }
        }
        return hash;
    }

    @Override
    public String toString() {
        return "BifRow[line " + line + ", " + values() + "]";
    }
}
