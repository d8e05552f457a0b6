package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ratepayer.bif.TestFiles.cr;
import static org.ratepayer.bif.TestFiles.fh;
import static org.ratepayer.bif.TestFiles.id;
import static org.ratepayer.bif.TestFiles.ih;
import static org.ratepayer.bif.TestFiles.oneInvoice;
import static org.ratepayer.bif.TestFiles.read;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BifReaderTest {

    private final BifReader reader = new BifReader(FileSpec.daffronDefault());

    @Test
    void readsAValidFile() {
        TestFiles.Outcome outcome = read(List.of(fh(2, "35.50"), ih("A1", "10.00"), cr("1001-1"),
                id("Energy charge", "7.50"), id("Customer charge", "2.50"), ih("A2", "25.5"), cr("1002-1")));

        assertThat(outcome.result.valid()).isTrue();
        assertThat(outcome.result.lines()).isEqualTo(7);
        assertThat(outcome.result.invoices()).isEqualTo(2);
        assertThat(outcome.result.totalAmountDue()).isEqualByComparingTo("35.50");
        assertThat(outcome.header).isEqualTo(new BifFileHeader(1, TestFiles.BILLER_GUID,
                LocalDate.of(2024, 3, 1).atTime(5, 30), 2, new BigDecimal("35.50")));
        BifInvoice first = outcome.invoices.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.invoiceNumber()).isEqualTo("A1");
        assertThat(first.accountNumber()).isEqualTo("1001-1");
        assertThat(first.totalAmountDue()).isEqualTo(new BigDecimal("10.00"));
        assertThat(first.invoiceDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(first.dueDate()).isEqualTo(LocalDate.of(2024, 3, 21));
        assertThat(first.header().get(FileSpecIds.CUSTOM10)).isEqualTo("1001-12345");
        assertThat(first.header().amount(FileSpecIds.PAST_DUE)).isEqualTo(new BigDecimal("0.00"));
        assertThat(first.customer().get(FileSpecIds.ADDRESS2)).isNull();
        assertThat(first.customer().flag(FileSpecIds.BLOCK_PAYMENTS_CC)).isFalse();
        assertThat(first.details()).extracting(row -> row.get(FileSpecIds.LINE_DESCRIPTION))
                .containsExactly("Energy charge", "Customer charge");
        assertThat(first.details()).extracting(BifRow::line).containsExactly(4L, 5L);
        assertThat(outcome.invoices.get(1).totalAmountDue()).isEqualTo(new BigDecimal("25.50"));
        assertThat(outcome.invoices.get(1).details()).isEmpty();
    }

    @Test
    void valuesAreTrimmed() {
        TestFiles.Outcome outcome = read(List.of(" FH |" + fh(0, " 0 ").substring(3)));
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.header.invoiceCount()).isZero();
    }

    @Test
    void reportsEveryErrorOfAFile() {
        TestFiles.Outcome outcome = read(List.of(fh(3, "10.00"), ih("A1", "ten"), cr("1001-1").replace("Dale Yoder", ""),
                id("Energy", "10.00"), ih("A1", "10.00").replace("03/01/2024", "3/1/2024"), cr("1001-2"),
                "", ih("A3", "1.00"), id("Energy", "1.00")));

        assertThat(outcome.errors()).containsExactly(
                "line 2, field TotalAmountDue (FileSpecId 13): \"ten\" is not an amount "
                        + "(expected digits with up to 2 decimals, e.g. -1234.56)",
                "line 3, field CustomerName (FileSpecId 60): is required",
                "line 5, field InvoiceDate (FileSpecId 11): \"3/1/2024\" is not a date (expected MM/dd/yyyy)",
                "line 5, field InvoiceNumber (FileSpecId 10): duplicate invoice number \"A1\" (first on line 2)",
                "line 7: blank line (only the end of the file may have blank lines)",
                "line 9: ID row before the CR row of the invoice on line 8",
                "line 9: the invoice on line 8 has no CR row");
        assertThat(outcome.result.errorCount()).isEqualTo(7);
        assertThat(outcome.result.valid()).isFalse();
        assertThat(outcome.invoices).isEmpty();
    }

    @Test
    void handsOverOnlyValidInvoices() {
        TestFiles.Outcome outcome = read(List.of(fh(3, "30.00"), ih("A1", "10.00"), cr("1001-1"),
                ih("A2", "10.00"), cr("1001-2").replace("dale@example.com", "nope"), ih("A3", "10.00"), cr("1001-3")));
        assertThat(outcome.errors()).hasSize(1);
        assertThat(outcome.invoices).extracting(BifInvoice::invoiceNumber).containsExactly("A1", "A3");
    }

    @Test
    void capsTheListedErrorsButCountsAll() {
        List<String> lines = new ArrayList<>(List.of(fh(0, "0")));
        for (int i = 0; i < 25; i++) {
            lines.add("junk " + i);
        }
        byte[] file = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        TestFiles.Outcome outcome = read(file, BifOptions.defaults().withMaxErrors(10));
        assertThat(outcome.result.errors()).hasSize(10);
        assertThat(outcome.result.errorCount()).isEqualTo(25);
        assertThat(outcome.errors().get(9)).isEqualTo(
                "line 11: unknown row type \"junk 9\" (expected FH, IH, CR or ID)");
        assertThat(read(file, BifOptions.defaults().withMaxErrors(0)).result.errors()).isEmpty();
    }

    @Test
    void handlerExceptionsPropagateUnchanged() {
        IllegalStateException boom = new IllegalStateException("database is down");
        byte[] file = String.join("\n", oneInvoice()).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(file), BifOptions.defaults(), invoice -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void streamExceptionsPropagate() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> reader.read(failing, BifOptions.defaults(), invoice -> { }))
                .isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void handsInvoicesOverWhileStillReading() throws IOException {
        StringWriter text = new StringWriter();
        new BifGenerator(1).write(text, FileSpec.daffronDefault(), TestFiles.BILLER_GUID, 20_000,
                LocalDate.of(2024, 3, 1));
        byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
        CountingStream in = new CountingStream(new ByteArrayInputStream(file));
        long[] readWhenFirstInvoiceArrived = {-1};
        BifResult result = reader.read(in, BifOptions.defaults(), invoice -> {
            if (readWhenFirstInvoiceArrived[0] < 0) {
                readWhenFirstInvoiceArrived[0] = in.count;
            }
        });
        assertThat(result.valid()).isTrue();
        assertThat(readWhenFirstInvoiceArrived[0]).isPositive().isLessThan(file.length / 4);
    }

    @Test
    void oneByteAtATimeReadsTheSame() throws IOException {
        byte[] file = ("\uFEFF" + String.join("\r\n", oneInvoice()) + "\r\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        List<BifInvoice> invoices = new ArrayList<>();
        BifResult result = reader.read(trickle, BifOptions.defaults(), invoices::add);
        assertThat(result.errors()).isEmpty();
        assertThat(invoices).hasSize(1);
    }

    @Test
    void overlongLinesKeepTheirRowTypeSoLaterRowsAreNotBlamed() {
        List<String> lines = oneInvoice();
        lines.set(2, cr("1001-1").replace("Dale Yoder", "y".repeat(300_000)));
        lines.add(id("Late fee", "0.00"));
        TestFiles.Outcome outcome = read(lines);
        assertThat(outcome.errors()).containsExactly("line 3: line is longer than 65536 bytes");
        assertThat(outcome.result.lines()).isEqualTo(5);
    }

    @Test
    void rejectsASpecThatDoesNotFitTheCatalogue() {
        FileSpecCatalogue strict = FileSpecCatalogue.of(FileSpecCatalogue.standard().all().stream()
                .map(def -> def.fileSpecId() == FileSpecIds.ZIP
                        ? new FieldDef(def.fileSpecId(), def.name(), def.rowType(), def.type(), true, 5, false)
                        : def)
                .toList());
        FileSpec withoutZip = FileSpec.daffronDefault().withColumns(RowType.CR,
                List.of(58, 59, 60, 61, 62, 63, 64, 66, 67, 356, 373));
        assertThatThrownBy(() -> new BifReader(withoutZip, strict))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file spec row CR: required FileSpecId 65 (Zip) is missing");
    }

    @Test
    void aCustomCatalogueChangesTheRules() throws IOException {
        FileSpecCatalogue fiveDigitZips = FileSpecCatalogue.of(FileSpecCatalogue.standard().all().stream()
                .map(def -> def.fileSpecId() == FileSpecIds.ZIP
                        ? new FieldDef(def.fileSpecId(), def.name(), def.rowType(), def.type(), false, 5, false)
                        : def)
                .toList());
        List<String> lines = oneInvoice();
        lines.set(2, cr("1001-1").replace("64424", "64424-1234"));
        byte[] file = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        BifResult result = new BifReader(FileSpec.daffronDefault(), fiveDigitZips)
                .read(new ByteArrayInputStream(file), BifOptions.defaults(), invoice -> { });
        assertThat(result.errors()).extracting(BifError::toString)
                .containsExactly("line 3, field Zip (FileSpecId 65): is 10 characters long (at most 5)");
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
