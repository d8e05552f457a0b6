package org.ratepayer.bif;

/**
 * Receives a file's content while {@link BifReader} streams through it. Whatever it receives may
 * still belong to a file that turns out invalid further down: the caller decides from the
 * {@link BifResult} whether to keep it (the importer rolls its transaction back when it is not
 * {@link BifResult#valid() valid}). Exceptions thrown here stop the read and reach the caller.
 */
public interface BifHandler {

    /** Called once with the FH row when that row is valid, before any invoice. */
    default void header(BifFileHeader header) {
    }

    /** Called with each invoice whose rows are all valid, as soon as its last row has been read. */
    void invoice(BifInvoice invoice);
}
