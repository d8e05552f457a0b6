package org.ratepayer.billing;

/**
 * An invoice file was imported and committed: its bills can now be told about (docs/notices.md, "Bill ready"). Published
 * after the import's transaction, so a listener reads the committed bills; nothing depends on it being heard, because
 * the notices job also finds the file's owed emails on its own.
 */
public record InvoiceFileImported(long bid, long fileId) {
}
