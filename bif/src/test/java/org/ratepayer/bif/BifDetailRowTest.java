package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ratepayer.bif.TestFiles.cr;
import static org.ratepayer.bif.TestFiles.fh;
import static org.ratepayer.bif.TestFiles.ih;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ID rows in the seed's form (RowType alone) and in the project's (with LineDescription and LineAmount),
 * under a spec that declares the line fields (the Daffron default) and one that does not.
 */
class BifDetailRowTest {

    private static final FileSpec BARE_SPEC = FileSpec.daffronDefault().withColumns(RowType.ID, List.of(70));

    /** spec, the ID rows of one invoice, the errors expected, the line descriptions the invoice carries. */
    static Stream<Arguments> table() {
        FileSpec daffron = FileSpec.daffronDefault();
        return Stream.of(
                Arguments.of(daffron, List.of("ID"), List.of(), List.of()),
                Arguments.of(daffron, List.of("ID", " ID \t"), List.of(), List.of()),
                Arguments.of(daffron, List.of("ID|Energy|10.00"), List.of(), List.of("Energy")),
                Arguments.of(daffron, List.of("ID", "ID|Energy|10.00", "ID"), List.of(), List.of("Energy")),
                Arguments.of(daffron, List.of("ID|Energy"), List.of(
                        "line 4: ID row has 2 fields, expected 3 (or 1, RowType alone)"), null),
                Arguments.of(daffron, List.of("ID||"), List.of(
                        "line 4, field LineDescription (FileSpecId 2101): is required",
                        "line 4, field LineAmount (FileSpecId 2102): is required"), null),
                Arguments.of(BARE_SPEC, List.of("ID", "ID"), List.of(), List.of()),
                Arguments.of(BARE_SPEC, List.of("ID|Energy|10.00"), List.of(
                        "line 4: ID row has 3 fields, expected 1"), null));
    }

    @ParameterizedTest
    @MethodSource("table")
    void detailRows(FileSpec spec, List<String> details, List<String> errors, List<String> lines) throws IOException {
        List<String> file = new ArrayList<>(List.of(fh(1, "10.00"), ih("A1", "10.00"), cr("1001-1")));
        file.addAll(details);
        List<BifInvoice> invoices = new ArrayList<>();
        BifResult result = read(spec, String.join("\n", file) + "\n", invoices);

        assertThat(result.errors()).extracting(BifError::toString).containsExactlyElementsOf(errors);
        if (lines == null) {
            assertThat(invoices).isEmpty();
            return;
        }
        assertThat(invoices).hasSize(1);
        BifInvoice invoice = invoices.get(0);
        assertThat(invoice.details()).hasSize(details.size());
        assertThat(invoice.lines()).extracting(row -> row.get(FileSpecIds.LINE_DESCRIPTION))
                .containsExactlyElementsOf(lines);
    }

    @ParameterizedTest
    @MethodSource("table")
    void whatIsWrittenReadsBackEqual(FileSpec spec, List<String> details, List<String> errors, List<String> lines)
            throws IOException {
        if (lines == null) {
            return;
        }
        List<String> file = new ArrayList<>(List.of(fh(1, "10.00"), ih("A1", "10.00"), cr("1001-1")));
        file.addAll(details);
        List<BifInvoice> invoices = new ArrayList<>();
        BifFileHeader[] header = new BifFileHeader[1];
        read(spec, String.join("\n", file) + "\n", invoices, header);

        StringWriter out = new StringWriter();
        try (BifWriter writer = new BifWriter(out, spec)) {
            writer.header(header[0]);
            writer.invoice(invoices.get(0));
        }
        List<BifInvoice> again = new ArrayList<>();
        BifResult result = read(spec, out.toString(), again);
        assertThat(result.errors()).isEmpty();
        assertThat(again).isEqualTo(invoices);
    }

    private static BifResult read(FileSpec spec, String text, List<BifInvoice> invoices) throws IOException {
        return read(spec, text, invoices, new BifFileHeader[1]);
    }

    private static BifResult read(FileSpec spec, String text, List<BifInvoice> invoices, BifFileHeader[] header)
            throws IOException {
        return new BifReader(spec).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                BifOptions.defaults(), new BifHandler() {
                    @Override
                    public void header(BifFileHeader h) {
                        header[0] = h;
                    }

                    @Override
                    public void invoice(BifInvoice invoice) {
                        invoices.add(invoice);
                    }
                });
    }
}
