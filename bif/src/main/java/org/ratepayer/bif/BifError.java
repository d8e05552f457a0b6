package org.ratepayer.bif;

/**
 * One problem found in a BIF file, as shown to the biller.
 *
 * @param line       the 1-based line the problem was found on; 0 only for an empty file
 * @param field      the field's name, or null for a problem of the row or the file
 * @param fileSpecId the field's FileSpecId, or null when there is no field
 * @param message    what is wrong
 */
public record BifError(long line, String field, Integer fileSpecId, String message) {

    static BifError ofLine(long line, String message) {
        return new BifError(line, null, null, message);
    }

    static BifError ofField(long line, FieldDef def, String message) {
        return new BifError(line, def.name(), def.fileSpecId(), message);
    }

    /** {@code line N, field NAME (FileSpecId K): message}, or {@code line N: message}. */
    @Override
    public String toString() {
        if (field == null) {
            return "line " + line + ": " + message;
        }
        return "line " + line + ", field " + field + " (FileSpecId " + fileSpecId + "): " + message;
    }
}
