package org.ratepayer.bif;

/** How a field's text is interpreted and validated. */
public enum FieldType {
    /** The row's literal type (FH, IH, CR, ID); always the first column. */
    ROW_TYPE,
    /** Invoice record type; only {@code R} (new or replacement invoice) is supported. */
    RECORD_TYPE,
    /** Free text without control characters, bounded by the field's max length. */
    TEXT,
    /** A GUID written 8-4-4-4-12 in hex digits, either case. */
    GUID,
    /** {@code MM/dd/yyyy}. */
    DATE,
    /** {@code MM/dd/yyyy} optionally followed by {@code HH:mm:ss}. */
    DATE_TIME,
    /** {@code -?digits[.d[d]]}, at most 15 digits before the point. */
    AMOUNT,
    /** {@code -?digits}, at most 18 digits. */
    INTEGER,
    /** {@code Y}/{@code N}, {@code 1}/{@code 0} or {@code true}/{@code false}, any case. */
    FLAG,
    /** An address of the form local@domain.tld. */
    EMAIL
}
