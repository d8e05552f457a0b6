package org.ratepayer.bif;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** File specs used by several tests. */
final class Specs {

    private Specs() {
    }

    /** Every catalogued id of every row, in id order: the Daffron columns plus every customization. */
    static FileSpec allColumns() {
        Map<RowType, List<Integer>> columns = new EnumMap<>(RowType.class);
        for (RowType row : RowType.values()) {
            columns.put(row, FileSpecCatalogue.standard().forRow(row).stream().map(FieldDef::fileSpecId).toList());
        }
        return new FileSpec(columns);
    }
}
