package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ratepayer.bif.TestFiles.cr;
import static org.ratepayer.bif.TestFiles.fh;
import static org.ratepayer.bif.TestFiles.id;
import static org.ratepayer.bif.TestFiles.ih;
import static org.ratepayer.bif.TestFiles.oneInvoice;
import static org.ratepayer.bif.TestFiles.read;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of error, asserting the exact text the biller sees. */
class BifReaderValidationTest {

    private static List<String> errorsOf(String... lines) {
        return read(List.of(lines)).errors();
    }

    private static List<String> errorsWith(int index, String line) {
        List<String> lines = oneInvoice();
        lines.set(index, line);
        return read(lines).errors();
    }

    @Test
    void ihBeforeFh() {
        assertThat(errorsOf(ih("A1", "10.00"), cr("1001-1"), fh(1, "10.00"))).containsExactly(
                "line 1: the file must start with an FH row",
                "line 3: the FH row must be the first row of the file");
    }

    @Test
    void crWithoutIh() {
        assertThat(errorsOf(fh(1, "10.00"), cr("1001-9"), ih("A1", "10.00"), cr("1001-1"))).containsExactly(
                "line 2: CR row without an IH row before it");
    }

    @Test
    void idBeforeCr() {
        assertThat(errorsOf(fh(1, "10.00"), ih("A1", "10.00"), id("Energy", "10.00"), cr("1001-1")))
                .containsExactly("line 3: ID row before the CR row of the invoice on line 2");
    }

    @Test
    void idWithoutIh() {
        assertThat(errorsOf(fh(0, "0"), id("Energy", "10.00"))).containsExactly(
                "line 2: ID row without an IH row before it");
    }

    @Test
    void twoFileHeaders() {
        List<String> lines = oneInvoice();
        lines.add(fh(1, "10.00"));
        assertThat(read(lines).errors()).containsExactly("line 5: second FH row (the file header is on line 1)");
    }

    @Test
    void secondCustomerRecord() {
        List<String> lines = oneInvoice();
        lines.add(cr("1001-2"));
        assertThat(read(lines).errors()).containsExactly("line 5: second CR row for the invoice on line 2");
    }

    @Test
    void missingCustomerRecordBeforeNextInvoice() {
        assertThat(errorsOf(fh(2, "20.00"), ih("A1", "10.00"), ih("A2", "10.00"), cr("1001-2"))).containsExactly(
                "line 3: the invoice on line 2 has no CR row");
    }

    @Test
    void missingCustomerRecordAtEndOfFile() {
        assertThat(errorsOf(fh(1, "10.00"), ih("A1", "10.00"))).containsExactly(
                "line 2: the invoice on line 2 has no CR row");
    }

    @Test
    void noFileHeaderAtAll() {
        assertThat(errorsOf("XX|1|2", "ZZ")).containsExactly(
                "line 1: unknown row type \"XX\" (expected FH, IH, CR or ID)",
                "line 2: unknown row type \"ZZ\" (expected FH, IH, CR or ID)",
                "line 2: the file has no FH row");
    }

    @Test
    void wrongFieldCount() {
        assertThat(errorsWith(2, "CR|1001-1|Dale Yoder")).containsExactly("line 3: CR row has 3 fields, expected 12");
        assertThat(errorsWith(1, ih("A1", "10.00") + "|extra")).containsExactly(
                "line 2: IH row has 14 fields, expected 13");
    }

    @Test
    void missingRequiredField() {
        assertThat(errorsWith(1, ih("", "10.00"))).containsExactly(
                "line 2, field InvoiceNumber (FileSpecId 10): is required");
        assertThat(errorsWith(3, id("  ", "10.00"))).containsExactly(
                "line 4, field LineDescription (FileSpecId 2101): is required");
    }

    @Test
    void badDate() {
        assertThat(errorsWith(1, ih("A1", "10.00").replace("03/21/2024", "02/30/2024"))).containsExactly(
                "line 2, field InvoiceDueDate (FileSpecId 12): \"02/30/2024\" is not a date (expected MM/dd/yyyy)");
        assertThat(errorsWith(0, fh(1, "10.00").replace("03/01/2024 05:30:00", "2024-03-01"))).containsExactly(
                "line 1, field FileCreationDate (FileSpecId 4): \"2024-03-01\" is not a date "
                        + "(expected MM/dd/yyyy or MM/dd/yyyy HH:mm:ss)");
    }

    @Test
    void fileCreationDateMayOmitTheTime() {
        TestFiles.Outcome outcome = read(List.of(fh(0, "0").replace("03/01/2024 05:30:00", "03/01/2024")));
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.header.creationDate()).hasToString("2024-03-01T00:00");
    }

    @Test
    void badAmount() {
        List<String> lines = oneInvoice();
        lines.set(3, id("Energy", "10.005"));
        assertThat(read(lines).errors()).containsExactly(
                "line 4, field LineAmount (FileSpecId 2102): \"10.005\" is not an amount "
                        + "(expected digits with up to 2 decimals, e.g. -1234.56)");
    }

    @Test
    void badTotalAmountDueSkipsTheTotalCheck() {
        assertThat(errorsWith(1, ih("A1", "$10"))).containsExactly(
                "line 2, field TotalAmountDue (FileSpecId 13): \"$10\" is not an amount "
                        + "(expected digits with up to 2 decimals, e.g. -1234.56)");
    }

    @Test
    void badFlag() {
        assertThat(errorsWith(2, cr("1001-1").replace("|N|", "|maybe|"))).containsExactly(
                "line 3, field BlockPaymentsCC (FileSpecId 356): \"maybe\" is not a flag (expected Y or N)");
    }

    @Test
    void badInteger() {
        assertThat(errorsWith(0, fh(1, "10.00").replace("|1|", "|one|"))).containsExactly(
                "line 1, field InvoiceCount (FileSpecId 5): \"one\" is not a whole number");
    }

    @Test
    void badGuid() {
        assertThat(errorsWith(1, ih("A1", "10.00").replace(TestFiles.FORMAT_GUID, "BA1CEC36997C48E38406437640EDFF84")))
                .containsExactly("line 2, field InvoiceFormatGuid (FileSpecId 9): "
                        + "\"BA1CEC36997C48E38406437640EDFF84\" is not a GUID (expected 8-4-4-4-12 hex digits)");
    }

    @Test
    void badEmail() {
        assertThat(errorsWith(2, cr("1001-1").replace("dale@example.com", "dale@example"))).containsExactly(
                "line 3, field EmailAddress (FileSpecId 67): \"dale@example\" is not an email address");
    }

    @Test
    void tooLong() {
        String number = "1".repeat(51);
        assertThat(errorsWith(1, ih(number, "10.00"))).containsExactly(
                "line 2, field InvoiceNumber (FileSpecId 10): is 51 characters long (at most 50)");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(errorsWith(1, ih("é".repeat(50), "10.00"))).isEmpty();
    }

    @Test
    void controlCharacter() {
        assertThat(errorsWith(2, cr("1001-1").replace("Dale Yoder", "Dale\u0007Yoder"))).containsExactly(
                "line 3, field CustomerName (FileSpecId 60): contains a control character");
    }

    @Test
    void unsupportedRecordType() {
        assertThat(errorsWith(1, ih("A1", "10.00").replace("IH|R|", "IH|D|"))).containsExactly(
                "line 2, field RecordType (FileSpecId 8): record type \"D\" is not supported (only R)");
    }

    @Test
    void invoiceCountMismatch() {
        assertThat(errorsWith(0, fh(2, "10.00"))).containsExactly(
                "line 1, field InvoiceCount (FileSpecId 5): is 2 but the file has 1 invoices");
    }

    @Test
    void totalInvoiceAmountMismatch() {
        assertThat(errorsWith(0, fh(1, "10.01"))).containsExactly(
                "line 1, field TotalInvoiceAmount (FileSpecId 6): is 10.01 but the invoices' TotalAmountDue add up "
                        + "to 10.00");
    }

    @Test
    void totalComparesByValueNotScale() {
        assertThat(errorsWith(0, fh(1, "10"))).isEmpty();
    }

    @Test
    void billerGuidMismatch() {
        byte[] file = (String.join("\n", oneInvoice()) + "\n").getBytes(StandardCharsets.UTF_8);
        String other = "11111111-2222-3333-4444-555555555555";
        TestFiles.Outcome outcome = read(file, BifOptions.defaults().withExpectedBillerGuid(other));
        assertThat(outcome.errors()).containsExactly("line 1, field BillerGuid (FileSpecId 2): \""
                + TestFiles.BILLER_GUID + "\" is not the uploading biller's GUID (expected " + other + ")");
        assertThat(outcome.header).isNull();
    }

    @Test
    void billerGuidComparesIgnoringCase() {
        byte[] file = (String.join("\n", oneInvoice()) + "\n").getBytes(StandardCharsets.UTF_8);
        BifOptions options = BifOptions.defaults().withExpectedBillerGuid(TestFiles.BILLER_GUID.toLowerCase());
        assertThat(read(file, options).errors()).isEmpty();
    }

    @Test
    void duplicateInvoiceNumber() {
        List<String> lines = oneInvoice();
        lines.set(0, fh(2, "20.00"));
        lines.addAll(List.of(ih("A1", "10.00"), cr("1001-2")));
        TestFiles.Outcome outcome = read(lines);
        assertThat(outcome.errors()).containsExactly(
                "line 5, field InvoiceNumber (FileSpecId 10): duplicate invoice number \"A1\" (first on line 2)");
        assertThat(outcome.invoices).extracting(BifInvoice::line).containsExactly(2L);
    }

    @Test
    void emptyFile() {
        assertThat(read("").errors()).containsExactly("line 0: file is empty");
        assertThat(read("\uFEFF").errors()).containsExactly("line 0: file is empty");
        assertThat(read("\n \r\n\n").errors()).containsExactly("line 0: file is empty");
    }

    @Test
    void blankLineInTheMiddle() {
        List<String> lines = oneInvoice();
        lines.add(2, "");
        lines.add(3, "   ");
        assertThat(read(lines).errors()).containsExactly(
                "line 3: blank line (only the end of the file may have blank lines)");
    }

    @Test
    void blankLinesAtTheEndAreAllowed() {
        TestFiles.Outcome outcome = read(String.join("\n", oneInvoice()) + "\n\n  \n\r\n");
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.result.lines()).isEqualTo(7);
    }

    @Test
    void byteOrderMarkAndCrLfAreAccepted() {
        TestFiles.Outcome outcome = read("\uFEFF" + String.join("\r\n", oneInvoice()) + "\r\n");
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.invoices).hasSize(1);
        assertThat(outcome.invoices.get(0).details().get(0).get(FileSpecIds.LINE_AMOUNT)).isEqualTo("10.00");
    }

    @Test
    void lastLineWithoutLineEnd() {
        TestFiles.Outcome outcome = read(String.join("\n", oneInvoice()));
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.result.lines()).isEqualTo(4);
    }

    @Test
    void invalidUtf8() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> lines = oneInvoice();
        file.writeBytes((lines.get(0) + "\n" + lines.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes("CR|1001-1|Dale ".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        file.writeBytes(("|12 Main St||Bethany|MO|64424||||\n" + lines.get(3) + "\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
        TestFiles.Outcome outcome = read(file.toByteArray(), BifOptions.defaults());
        assertThat(outcome.errors()).containsExactly(
                "line 3, field CustomerName (FileSpecId 60): is not valid UTF-8",
                "line 5: unknown row type \"\uFFFD\uFFFD\" (expected FH, IH, CR or ID)");
        assertThat(outcome.invoices).isEmpty();
    }

    @Test
    void overlongUtf8AndSurrogatesAreInvalid() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
            assertThat(Utf8.isValid(bad, 0, bad.length)).isFalse();
        }
        byte[] good = "é€😀".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(good, 0, good.length)).isTrue();
    }

    @Test
    void lineTooLong() {
        List<String> lines = oneInvoice();
        lines.set(3, id("x".repeat(70_000), "10.00"));
        TestFiles.Outcome outcome = read(lines);
        assertThat(outcome.errors()).containsExactly("line 4: line is longer than 65536 bytes");
        assertThat(outcome.invoices).isEmpty();
    }

    @Test
    void unknownRowType() {
        List<String> lines = oneInvoice();
        lines.add(3, "XD|note");
        assertThat(read(lines).errors()).containsExactly(
                "line 4: unknown row type \"XD\" (expected FH, IH, CR or ID)");
    }

    @Test
    void tooManyDetailLines() {
        List<String> lines = oneInvoice();
        lines.remove(3);
        for (int i = 0; i <= ReadSession.MAX_DETAILS_PER_INVOICE; i++) {
            lines.add(id("Line " + i, i == 0 ? "10.00" : "0"));
        }
        assertThat(read(lines).errors()).containsExactly(
                "line 10004: the invoice on line 2 has more than 10000 ID rows");
    }
}
