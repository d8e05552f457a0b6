package org.ratepayer.bif;

import java.util.List;

/** The columns of one row type under a file spec, resolved once per reader. */
record RowSchema(RowType type, FieldDef[] columns, ColumnLayout layout) {

    static RowSchema of(RowType type, List<Integer> ids, FileSpecCatalogue catalogue) {
        FieldDef[] columns = new FieldDef[ids.size()];
        int[] layout = new int[ids.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = catalogue.require(ids.get(i));
            layout[i] = ids.get(i);
        }
        return new RowSchema(type, columns, new ColumnLayout(layout));
    }

    int size() {
        return columns.length;
    }
}
