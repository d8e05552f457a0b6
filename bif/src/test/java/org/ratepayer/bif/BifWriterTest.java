package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BifWriterTest {

    private static final BifFileHeader HEADER = new BifFileHeader(0, TestFiles.BILLER_GUID,
            LocalDateTime.of(2024, 3, 1, 5, 30, 15, 999_000_000), 1, new BigDecimal("10.50"));

    private static BifInvoice invoice(String name) {
        BifRow ih = BifRow.of(0, RowType.IH, Map.of(FileSpecIds.RECORD_TYPE, "R",
                FileSpecIds.INVOICE_FORMAT_GUID, TestFiles.FORMAT_GUID, FileSpecIds.INVOICE_NUMBER, "000123",
                FileSpecIds.INVOICE_DATE, "03/01/2024", FileSpecIds.INVOICE_DUE_DATE, "03/21/2024",
                FileSpecIds.TOTAL_AMOUNT_DUE, "10.50", FileSpecIds.CUSTOM10, "1001-12345",
                FileSpecIds.ALLOW_PARTIAL_PAYMENTS, "Y"));
        BifRow cr = BifRow.of(0, RowType.CR, Map.of(FileSpecIds.ACCOUNT_NUMBER, "1001-1",
                FileSpecIds.CUSTOMER_NAME, name));
        BifRow id = BifRow.of(0, RowType.ID, Map.of(FileSpecIds.LINE_DESCRIPTION, "Energy",
                FileSpecIds.LINE_AMOUNT, "10.50"));
        return new BifInvoice(0, ih, cr, List.of(id));
    }

    private static String write(FileSpec spec, BifInvoice invoice) throws IOException {
        StringWriter out = new StringWriter();
        try (BifWriter writer = new BifWriter(out, spec)) {
            writer.header(HEADER);
            writer.invoice(invoice);
        }
        return out.toString();
    }

    @Test
    void writesTheSpecsColumnsInOrder() throws IOException {
        assertThat(write(FileSpec.daffronDefault(), invoice("Núñez Dairy"))).isEqualTo("""
                FH|6F9619FF-8B86-D011-B42D-00C04FC964FF|03/01/2024 05:30:15|1|10.50
                IH|R|BA1CEC36-997C-48E3-8406-437640EDFF84|000123|03/01/2024|03/21/2024|10.50|||||1001-12345|
                CR|1001-1|Núñez Dairy|||||||||
                ID|Energy|10.50
                """);
    }

    @Test
    void writesCustomizationsTheSpecHas() throws IOException {
        List<Integer> ih = new ArrayList<>(FileSpec.daffronDefault().columns(RowType.IH));
        ih.add(FileSpecIds.ALLOW_PARTIAL_PAYMENTS);
        FileSpec spec = FileSpec.daffronDefault().withColumns(RowType.IH, ih);
        assertThat(write(spec, invoice("Dale Yoder"))).contains("|1001-12345||Y\n");
    }

    @Test
    void whatItWritesReadsBackEqual() throws IOException {
        BifInvoice written = invoice("Núñez Dairy");
        byte[] file = write(FileSpec.daffronDefault(), written).getBytes(StandardCharsets.UTF_8);
        List<BifInvoice> read = new ArrayList<>();
        BifFileHeader[] header = new BifFileHeader[1];
        BifResult result = new BifReader(FileSpec.daffronDefault()).read(new ByteArrayInputStream(file),
                BifOptions.defaults(), new BifHandler() {
                    @Override
                    public void header(BifFileHeader h) {
                        header[0] = h;
                    }

                    @Override
                    public void invoice(BifInvoice invoice) {
                        read.add(invoice);
                    }
                });
        assertThat(result.errors()).isEmpty();
        assertThat(header[0]).isEqualTo(new BifFileHeader(1, HEADER.billerGuid(),
                HEADER.creationDate().withNano(0), 1, HEADER.totalInvoiceAmount()));
        BifInvoice back = read.get(0);
        assertThat(back.header().values()).isEqualTo(withoutPartialPayments(written.header().values()));
        assertThat(back.customer().values()).isEqualTo(written.customer().values());
        assertThat(back.details().get(0).values()).isEqualTo(written.details().get(0).values());
    }

    private static Map<Integer, String> withoutPartialPayments(Map<Integer, String> values) {
        Map<Integer, String> copy = new java.util.HashMap<>(values);
        copy.remove(FileSpecIds.ALLOW_PARTIAL_PAYMENTS);
        return copy;
    }

    @Test
    void refusesValuesTheFormatCannotCarry() {
        assertThatThrownBy(() -> write(FileSpec.daffronDefault(), invoice("Smith | Sons")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FileSpecId 60: a BIF value cannot contain '|' or a line break: \"Smith | Sons\"");
        assertThatThrownBy(() -> write(FileSpec.daffronDefault(), invoice("Smith\nSons")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresOneHeaderFirst() throws IOException {
        BifWriter writer = new BifWriter(new StringWriter(), FileSpec.daffronDefault());
        assertThatThrownBy(() -> writer.invoice(invoice("x"))).isInstanceOf(IllegalStateException.class);
        writer.header(HEADER);
        assertThatThrownBy(() -> writer.header(HEADER)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void generatedFileSurvivesReadWriteRead() throws IOException {
        FileSpec spec = Specs.allColumns();
        StringWriter original = new StringWriter();
        new BifGenerator(3).write(original, spec, TestFiles.BILLER_GUID, 300, java.time.LocalDate.of(2024, 5, 1));

        Capture first = Capture.read(spec, original.toString());
        StringWriter copy = new StringWriter();
        try (BifWriter writer = new BifWriter(copy, spec)) {
            writer.header(first.header);
            for (BifInvoice invoice : first.invoices) {
                writer.invoice(invoice);
            }
        }
        assertThat(copy.toString()).isEqualTo(original.toString());
        Capture second = Capture.read(spec, copy.toString());
        assertThat(second.invoices).isEqualTo(first.invoices);
        assertThat(second.header).isEqualTo(first.header);
    }

    /** Everything one read handed over. */
    static final class Capture implements BifHandler {
        BifFileHeader header;
        final List<BifInvoice> invoices = new ArrayList<>();
        BifResult result;

        static Capture read(FileSpec spec, String text) throws IOException {
            Capture capture = new Capture();
            capture.result = new BifReader(spec).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    BifOptions.defaults(), capture);
            assertThat(capture.result.errors()).isEmpty();
            return capture;
        }

        @Override
        public void header(BifFileHeader h) {
            header = h;
        }

        @Override
        public void invoice(BifInvoice invoice) {
            invoices.add(invoice);
        }
    }
}
