package org.ratepayer.bif;

import java.util.Objects;

/**
 * One entry of the FileSpecId catalogue.
 *
 * @param fileSpecId       the id used in file specs and error messages
 * @param name             the field name shown to users
 * @param rowType          the only row type the field may appear in
 * @param type             how the value is validated and converted
 * @param required         whether a value must be present when the field is a column
 * @param maxLength        the longest value accepted, in characters
 * @param projectAssigned  true when the id is the project's own rather than the seed table's
 */
public record FieldDef(int fileSpecId, String name, RowType rowType, FieldType type, boolean required,
                       int maxLength, boolean projectAssigned) {

    public FieldDef {
        if (fileSpecId <= 0) {
            throw new IllegalArgumentException("FileSpecId must be positive: " + fileSpecId);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("FileSpecId " + fileSpecId + " needs a name");
        }
        Objects.requireNonNull(rowType, "rowType");
        Objects.requireNonNull(type, "type");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("FileSpecId " + fileSpecId + " needs a positive max length");
        }
    }
}
