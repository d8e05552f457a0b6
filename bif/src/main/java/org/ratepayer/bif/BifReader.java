package org.ratepayer.bif;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads and validates a BIF file in one streaming pass.
 *
 * <p>Every problem is reported, not just the first: row order, field counts, required fields,
 * each value against its type and length, RecordType, FH InvoiceCount and TotalInvoiceAmount
 * against the content, BillerGuid against the uploading biller, duplicate InvoiceNumbers. Any input
 * whatsoever ends in a {@link BifResult}: binary garbage, bad UTF-8 and over-long lines become
 * errors; only an IOException of the stream itself, or an exception of the handler, escapes.
 *
 * <p>Valid invoices reach the {@link BifHandler} while the file is still being read, before the
 * reader knows whether the rest of the file is valid. Reading is therefore not an import: the
 * caller must treat what it received as provisional and discard it when the result is not
 * {@link BifResult#valid() valid} (the importer does so by rolling back its transaction).
 *
 * <p>Memory does not grow with the file, except for the duplicate check at about 16 bytes a slot
 * (see {@link InvoiceNumberSet}). A reader is immutable and may be shared between threads.
 */
public final class BifReader {

    private final FileSpecCatalogue catalogue;
    private final RowSchema[] schemas = new RowSchema[RowType.values().length];

    public BifReader(FileSpec spec) {
        this(spec, FileSpecCatalogue.standard());
    }

    /**
     * @throws IllegalArgumentException when the spec does not fit the catalogue
     */
    public BifReader(FileSpec spec, FileSpecCatalogue catalogue) {
        Objects.requireNonNull(spec, "spec");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        catalogue.checkColumns(spec.columns());
        for (RowType type : RowType.values()) {
            schemas[type.ordinal()] = RowSchema.of(type, spec.columns(type), catalogue);
        }
    }

    /**
     * Reads the whole stream (it is not closed).
     *
     * @param handler receives the header and each valid invoice as soon as it is complete
     */
    public BifResult read(InputStream in, BifOptions options, BifHandler handler) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        return new ReadSession(schemas, catalogue, options, handler).run(in);
    }
}
