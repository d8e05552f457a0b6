package org.ratepayer.bif;

import static org.ratepayer.bif.ValueSyntax.quote;

/** What is wrong with a non-empty field value, in the words the biller sees. */
final class FieldRules {

    private FieldRules() {
    }

    /** The problem with the value, or null when it is acceptable for the field. */
    static String problem(FieldDef def, String value) {
        String problem = switch (def.type()) {
            case ROW_TYPE -> null;
            case RECORD_TYPE -> "R".equals(value) ? null
                    : "record type " + quote(value) + " is not supported (only R)";
            case TEXT -> ValueSyntax.hasControlCharacter(value) ? "contains a control character" : null;
            case EMAIL -> ValueSyntax.hasControlCharacter(value) ? "contains a control character"
                    : tooLong(def, value) != null ? tooLong(def, value)
                    : ValueSyntax.isEmail(value) ? null : quote(value) + " is not an email address";
            case GUID -> ValueSyntax.isGuid(value) ? null
                    : quote(value) + " is not a GUID (expected 8-4-4-4-12 hex digits)";
            case DATE -> ValueSyntax.isDate(value) ? null
                    : quote(value) + " is not a date (expected MM/dd/yyyy)";
            case DATE_TIME -> ValueSyntax.dateTime(value) != null ? null
                    : quote(value) + " is not a date (expected MM/dd/yyyy or MM/dd/yyyy HH:mm:ss)";
            case AMOUNT -> ValueSyntax.cents(value) != ValueSyntax.INVALID ? null
                    : quote(value) + " is not an amount (expected digits with up to 2 decimals, e.g. -1234.56)";
            case INTEGER -> ValueSyntax.integer(value) != ValueSyntax.INVALID ? null
                    : quote(value) + " is not a whole number";
            case FLAG -> ValueSyntax.flag(value) != null ? null
                    : quote(value) + " is not a flag (expected Y or N)";
        };
        return problem != null ? problem : tooLong(def, value);
    }

    private static String tooLong(FieldDef def, String value) {
        int length = ValueSyntax.length(value, def.maxLength());
        return length <= def.maxLength() ? null
                : "is " + length + " characters long (at most " + def.maxLength() + ")";
    }
}
