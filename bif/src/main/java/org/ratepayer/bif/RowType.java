package org.ratepayer.bif;

/**
 * The four row kinds of a BIF file. The constant names are the literals that open each row.
 */
public enum RowType {
    /** File header: exactly one, the first row. */
    FH,
    /** Invoice header: starts an invoice. */
    IH,
    /** Customer record: the customer of the invoice started by the IH before it. */
    CR,
    /** Invoice detail: a bill line of the current invoice. */
    ID
}
