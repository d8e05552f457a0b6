package org.ratepayer.billing;

import org.ratepayer.billing.internal.CopyTextWriter;
import org.ratepayer.billing.internal.InvoiceStage;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ratepayer.bif.BifOptions;
import org.ratepayer.bif.BifReader;
import org.ratepayer.bif.BifResult;
import org.ratepayer.bif.FileSpec;

/**
 * The import's own package-private parts, run one at a time for the benchmark's breakdown. It
 * lives in the platform's package (only in the bench jar) so that the breakdown times the very
 * code the import runs rather than a copy that could drift from it.
 */
public final class ImportProbes {

    private ImportProbes() {
    }

    /** The content hash the import computes before anything else, in its own pass over the file. */
    public static String sha256(Path file) {
        return InvoiceImportService.sha256(file);
    }

    /** The stage table's DDL, for timing its COPY alone. */
    public static String createStage() {
        return InvoiceStage.CREATE;
    }

    public static String copyIntoStage() {
        return InvoiceStage.COPY;
    }

    /**
     * Reads and validates the file and renders every invoice as stage COPY text into {@code sink},
     * through the same writer layering the import puts in front of its COPY stream.
     */
    public static BifResult renderStage(Path file, FileSpec spec, String billerGuid, OutputStream sink)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(new BufferedOutputStream(sink, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
            InvoiceStage stage = new InvoiceStage(new CopyTextWriter(writer));
            BifResult result = new BifReader(spec).read(in, BifOptions.defaults().withExpectedBillerGuid(billerGuid),
                    stage::add);
            writer.flush();
            return result;
        }
    }
}
