package org.ratepayer.billing.internal;

/** Told how far an import has read, for progress bars on large files. */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (bytesRead, invoices) -> { };

    void update(long bytesRead, long invoices);
}
