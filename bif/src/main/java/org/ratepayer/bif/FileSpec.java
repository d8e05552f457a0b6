package org.ratepayer.bif;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A biller's file spec: for each row type, the FileSpecIds that make its columns, in order.
 * Validated against {@link FileSpecCatalogue#standard()} on construction. Its text form
 * ({@link #format()}, {@link #parse(String)}) is {@code FH=1,2,4,5,6;IH=7,8,…;CR=58,…;ID=70,…}.
 */
public record FileSpec(Map<RowType, List<Integer>> columns) {

    private static final FileSpec DAFFRON_DEFAULT = parse(
            "FH=1,2,4,5,6;IH=7,8,9,10,11,12,13,39,40,41,46,47,407;CR=58,59,60,61,62,63,64,65,66,67,356,373;"
                    + "ID=70,2101,2102");

    /**
     * @throws IllegalArgumentException naming the row and the FileSpecId at fault
     */
    public FileSpec {
        columns = FileSpecCatalogue.standard().checkColumns(columns);
    }

    /** The seed's column order, with the project's LineDescription and LineAmount on ID rows. */
    public static FileSpec daffronDefault() {
        return DAFFRON_DEFAULT;
    }

    /**
     * Reads the stored text form. Row sections may come in any order; blanks are ignored.
     *
     * @throws IllegalArgumentException when the text is malformed or the spec invalid
     */
    public static FileSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("file spec is empty");
        }
        Map<RowType, List<Integer>> columns = new EnumMap<>(RowType.class);
        for (String section : text.split(";", -1)) {
            if (section.isBlank()) {
                continue;
            }
            int eq = section.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("file spec section \"" + section.strip()
                        + "\" is not ROW=id,id,…");
            }
            RowType row = rowType(section.substring(0, eq).strip());
            if (columns.containsKey(row)) {
                throw new IllegalArgumentException("file spec row " + row + " is given twice");
            }
            columns.put(row, ids(row, section.substring(eq + 1)));
        }
        return new FileSpec(columns);
    }

    private static RowType rowType(String name) {
        for (RowType row : RowType.values()) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        throw new IllegalArgumentException("file spec names an unknown row \"" + name
                + "\" (expected FH, IH, CR or ID)");
    }

    private static List<Integer> ids(RowType row, String list) {
        List<Integer> ids = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String id = item.strip();
            try {
                ids.add(Integer.parseInt(id));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("file spec row " + row + ": \"" + id
                        + "\" is not a FileSpecId");
            }
        }
        return ids;
    }

    /** The stored text form, rows in FH, IH, CR, ID order. */
    public String format() {
        StringJoiner spec = new StringJoiner(";");
        for (RowType row : RowType.values()) {
            StringJoiner ids = new StringJoiner(",", row.name() + "=", "");
            for (int id : columns.get(row)) {
                ids.add(Integer.toString(id));
            }
            spec.add(ids.toString());
        }
        return spec.toString();
    }

    public List<Integer> columns(RowType rowType) {
        return columns.get(rowType);
    }

    /** Whether any row of this spec has a column for the id. */
    public boolean has(int fileSpecId) {
        for (List<Integer> ids : columns.values()) {
            if (ids.contains(fileSpecId)) {
                return true;
            }
        }
        return false;
    }

    /** A copy with one row's columns replaced, validated like any spec. */
    public FileSpec withColumns(RowType rowType, List<Integer> ids) {
        Map<RowType, List<Integer>> copy = new EnumMap<>(columns);
        copy.put(rowType, ids);
        return new FileSpec(copy);
    }

    @Override
    public String toString() {
        return format();
    }
}
