package org.ratepayer.bif;

import java.util.List;

/** The columns of one row type under a file spec, resolved once per reader. */
record RowSchema(RowType type, FieldDef[] columns, ColumnLayout layout, ColumnLayout bareLayout) {

    static RowSchema of(RowType type, List<Integer> ids, FileSpecCatalogue catalogue) {
        FieldDef[] columns = new FieldDef[ids.size()];
        int[] layout = new int[ids.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = catalogue.require(ids.get(i));
            layout[i] = ids.get(i);
        }
        return new RowSchema(type, columns, new ColumnLayout(layout), new ColumnLayout(new int[] {layout[0]}));
    }

    /**
     * Whether a row of this type may be given as RowType alone although its spec has more columns:
     * the seed's ID row is bare, so a file in the seed's form reads under a spec with line fields.
     */
    boolean mayBeBare() {
        return type == RowType.ID && columns.length > 1;
    }

    int size() {
        return columns.length;
    }
}
